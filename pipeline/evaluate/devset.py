"""The project's dev set (data/devset): its annotations joined with the article texts, which are
their publishers' and live outside the repository (``$KRNEWS_DEVSET/texts.jsonl``), into record gold
directories that `evaluate_records` and `krnews eval` read: one per split (tune, check) and one for
the story set."""
from __future__ import annotations

import json
import os
from pathlib import Path

from krnews.data import DATA_DIR

ANNOTATIONS = DATA_DIR / "devset"
# beside a checkout: data/ -> the repository -> its parent
DEFAULT_HOME = DATA_DIR.parent.parent / "krnews-devset"


def home() -> Path:
    """Where the texts are: $KRNEWS_DEVSET, else krnews-devset beside the checkout."""
    return Path(os.environ.get("KRNEWS_DEVSET", DEFAULT_HOME))


def texts_path() -> Path:
    return home() / "texts.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def assemble(target: Path, texts: Path | None = None) -> tuple[dict[str, Path], int]:
    """Write target/{tune,check,stories}/ gold directories; returns them by name and how many
    articles had no text."""
    found = {t["id"]: t for t in read_jsonl(texts or texts_path())}
    parts = [(ANNOTATIONS, lambda a: a["split"]), (ANNOTATIONS / "stories", lambda a: "stories")]
    written: dict[str, Path] = {}
    missing = 0
    for folder, name_of in parts:
        by_name: dict[str, list[dict]] = {}
        for article in read_jsonl(folder / "articles.jsonl"):
            text = found.get(article["id"])
            if text is None:
                missing += 1
                continue
            by_name.setdefault(name_of(article), []).append(
                {"id": article["id"], "url": article["url"], "published": article["published"],
                 "title": text.get("title") or "", "text": text["text"]}
                | ({"story": article["story"]} if "story" in article else {}))
        for name, docs in by_name.items():
            ids = {d["id"] for d in docs}
            write_jsonl(target / name / "docs.jsonl", docs)
            for file in ("gold.jsonl", "nonrecords.jsonl"):
                write_jsonl(target / name / file, [r for r in read_jsonl(folder / file) if r["doc_id"] in ids])
            written[name] = target / name
    return written, missing
