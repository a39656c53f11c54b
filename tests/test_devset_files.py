"""The dev set's annotation files (data/devset) hang together, and adding a batch never moves an
article between tune and check (benchmarks/devset.py add)."""
from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from krnews.evaluate.devset import ANNOTATIONS, read_jsonl, write_jsonl

ROOT = Path(__file__).resolve().parent.parent


def _devset_script():
    spec = importlib.util.spec_from_file_location("devset_script", ROOT / "benchmarks" / "devset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_annotation_points_at_an_article_of_a_split():
    articles = read_jsonl(ANNOTATIONS / "articles.jsonl")
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids))
    assert {a["split"] for a in articles} == {"tune", "check"}
    for name in ("gold.jsonl", "nonrecords.jsonl"):
        assert {r["doc_id"] for r in read_jsonl(ANNOTATIONS / name)} <= set(ids), name


def test_about_a_third_of_each_class_is_judged_on():
    articles = read_jsonl(ANNOTATIONS / "articles.jsonl")
    for kind in {a["class"] for a in articles}:
        members = [a for a in articles if a["class"] == kind]
        checked = sum(a["split"] == "check" for a in members)
        assert abs(checked - len(members) / 3) <= len(members) / 6 + 1, kind


def _doc(id_, kind, url=None):
    return {"id": id_, "url": url or f"https://news.example/{id_}", "outlet": "news.example", "class": kind,
            "published": "2024-03-12", "title": "", "text": f"{id_} 군은 10억원을 투입한다."}


@pytest.fixture
def script(tmp_path, monkeypatch):
    module = _devset_script()
    data, home = tmp_path / "data", tmp_path / "home"
    monkeypatch.setattr(module, "DATA", data)
    monkeypatch.setattr(module, "DEVSET", home)
    old = [_doc(f"old-{i}", "local") for i in range(6)]
    write_jsonl(data / "articles.jsonl", [module._meta(d, split="check" if i < 2 else "tune") for i, d in enumerate(old)])
    write_jsonl(data / "gold.jsonl", [{"doc_id": "old-0", "amount_text": "10억원"}])
    write_jsonl(data / "nonrecords.jsonl", [])
    write_jsonl(home / "texts.jsonl", [module._text(d) for d in old])
    return module, data, home


def _batch(folder: Path, docs: list[dict]) -> Path:
    write_jsonl(folder / "docs.jsonl", docs)
    write_jsonl(folder / "gold.jsonl", [{"doc_id": d["id"], "amount_text": "10억원", "sentence": d["text"]} for d in docs])
    write_jsonl(folder / "nonrecords.jsonl", [])
    return folder


def test_adding_a_batch_keeps_every_split_and_splits_the_new_articles_alone(script, tmp_path):
    module, data, home = script
    before = {a["id"]: a["split"] for a in read_jsonl(data / "articles.jsonl")}
    new = [_doc(f"new-{i}", "local") for i in range(6)] + [_doc(f"nat-{i}", "national") for i in range(3)]
    module.add([_batch(tmp_path / "batch", new)])
    after = {a["id"]: a["split"] for a in read_jsonl(data / "articles.jsonl")}
    assert {k: after[k] for k in before} == before
    added = Counter((i.split("-")[0], after[i]) for i in after if i not in before)
    assert added == {("new", "check"): 2, ("new", "tune"): 4, ("nat", "check"): 1, ("nat", "tune"): 2}
    assert len(read_jsonl(data / "gold.jsonl")) == 1 + len(new)
    assert all("sentence" not in r for r in read_jsonl(data / "gold.jsonl"))  # the article's words stay with the texts
    assert [t["id"] for t in read_jsonl(home / "texts.jsonl")][-len(new):] == [d["id"] for d in new]


def test_an_article_already_there_is_refused_and_nothing_is_written(script, tmp_path):
    module, data, home = script
    files = {p: p.read_bytes() for p in [*data.iterdir(), home / "texts.jsonl"]}
    again = _batch(tmp_path / "again", [_doc("copy", "local", url="https://news.example/old-3")])
    with pytest.raises(SystemExit, match="already in data/devset: copy"):
        module.add([again])
    assert {p: p.read_bytes() for p in files} == files
