"""The Ray engine gives the same documents, in the same order, as the local engine."""
from __future__ import annotations

import datetime as dt

import pytest

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'krnews[ray]'")

from krnews.api import article_from_text  # noqa: E402
from krnews.engines.ray_engine import run_articles_on_ray  # noqa: E402
from krnews.inputs import InputError  # noqa: E402
from krnews.runner import run_articles  # noqa: E402

PUBLISHED = dt.date(2022, 3, 2)
ORGS = ["창원시", "여수시", "포항시", "목포시", "김해시"]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _items():
    for index in range(23):
        if index % 9 == 4:
            yield InputError(f"gone-{index}.html", "no such file, directory or URL")
        org = ORGS[index % len(ORGS)]
        text = f"{org}는 내년까지 수소 충전소 구축 사업에 {30 + index}억원을 들인다고 밝혔다. 충전소 {index + 1}곳이 들어선다."
        yield article_from_text(text, doc_id=f"ray-{index}")


def _dump(results):
    return [r if isinstance(r, InputError) else r.model_dump() for r in results]


def test_ray_gives_the_same_results_as_the_local_engine(local_ray):
    expected = list(run_articles(_items(), workers=1, default_published=PUBLISHED))
    found = list(run_articles_on_ray(_items(), PUBLISHED, actors=2, chunk_size=4, window=10))  # three windows
    assert _dump(found) == _dump(expected)
    assert sum(isinstance(r, InputError) for r in found) == 3
    assert found[0].records[0].amount_krw == 30 * 10**8 and found[0].records[0].year_end == 2023


def test_the_cli_on_ray_writes_what_the_local_engine_writes(local_ray, tmp_path):
    from krnews.cli import main

    corpus = tmp_path / "docs.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "세종시는 올해 자율주행 실증에 45억원을 투입한다."}\n'
        '{"id": "b", "text": "제주도는 전기차 보급 사업에 120억원을 편성했다."}\n'
        "not json\n",
        encoding="utf-8",
    )
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        code = main(["extract", str(corpus), "--engine", engine, "--workers", "2", "--published", "2022-03-02", "--out", str(out)])
        assert code == 1  # the bad line
        outputs[engine] = out.read_text(encoding="utf-8")
    assert outputs["ray"] == outputs["local"] and "4500000000" in outputs["ray"] and "12000000000" in outputs["ray"]


def _extract_with_each_engine(tmp_path, sentence: str, count: int, *options: str) -> dict:
    """Run `krnews extract` with each engine on `count` documents of `sentence` (% (org, amount));
    engine -> the path its options name with {engine} filled in."""
    from krnews.cli import main

    corpus = tmp_path / "docs.jsonl"
    corpus.write_text("".join(
        '{"id": "d%d", "text": "%s"}\n' % (i, sentence % (ORGS[i % len(ORGS)], 10 + i)) for i in range(count)),
        encoding="utf-8")
    outputs = {}
    for engine in ("local", "ray"):
        filled = [option.format(engine=tmp_path / engine) for option in options]
        assert main(["extract", str(corpus), "--engine", engine, "--workers", "2", "--published", "2022-03-02",
                     *filled]) == 0
        outputs[engine] = filled[-1]
    return outputs


def test_ray_writes_the_parquet_shards_the_local_engine_writes(local_ray, tmp_path):
    import pyarrow.parquet as pq

    outputs = _extract_with_each_engine(tmp_path, "%s는 올해 스마트팜 조성에 %d억원을 투입한다.", 9,
                                        "--format", "parquet", "--out", "{engine}")
    tables = {engine: pq.read_table(out).to_pylist() for engine, out in outputs.items()}
    assert tables["ray"] == tables["local"] and len(tables["ray"]) == 9


def test_ray_saves_to_the_store_what_the_local_engine_saves(local_ray, tmp_path):
    from krnews.store import Store

    outputs = _extract_with_each_engine(tmp_path, "%s는 내년 수소 버스 도입에 %d억원을 편성했다.", 7,
                                        "--out", "{engine}.jsonl", "--db", "{engine}.sqlite")
    saved = {}
    for engine, db in outputs.items():
        store = Store.open(db, create=False)
        try:
            saved[engine] = [r.model_dump() for r in store.iter_records()]
        finally:
            store.close()
    assert saved["ray"] == saved["local"] and len(saved["ray"]) == 7
