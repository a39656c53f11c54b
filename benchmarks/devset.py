"""The project's dev set of real articles: annotations in the repository, article texts beside it.

The news texts belong to their publishers, so the repository keeps only what the project made:
`data/devset/articles.jsonl` (id, URL, outlet, class, publication date, split, a hash of the text the
annotators read), `gold.jsonl` and `nonrecords.jsonl` (the records, by ../shared/data/records/GUIDE.md,
without the copied `sentence`) and `stories/` (the same for articles of one story told by several
outlets, each record with a `money` key naming the same money across articles). The texts live in
``$KRNEWS_DEVSET`` (default ../krnews-devset beside the checkout) as `texts.jsonl`.

    python benchmarks/devset.py assemble   # $KRNEWS_DEVSET/eval/{tune,check,stories}/: gold dirs for krnews eval
    python benchmarks/devset.py fetch      # rebuild texts.jsonl from the articles' URLs (needs the web)
    krnews eval "$KRNEWS_DEVSET/eval/tune" --kind record

`collect BATCH_DIR...` made data/devset once from the annotators' folders (see data/devset/README.md);
its split (a third of each class to `check`, by a hash of the URL) is fixed and never redrawn. `add
BATCH_DIR...` appends later batches: their articles are split among themselves by the same rule.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from krnews.evaluate import devset
from krnews.evaluate.devset import read_jsonl as _read, write_jsonl as _write

DATA = devset.ANNOTATIONS
DEVSET = devset.home()
EVAL = DEVSET / "eval"  # what `assemble` writes: one gold directory per split
SPLITS = ("tune", "check")
CHECK_SHARE = 3  # one article in three of each class is judged on, never read error by error
COPIED_FIELDS = ("sentence",)  # words of the article itself: they stay with the texts


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _split(docs: list[dict], seen: set[str]) -> dict[str, str]:
    """id -> tune/check: within each class, the third of the articles with the lowest URL hashes
    among those whose output nobody has read goes to check."""
    split = {}
    for kind in sorted({d["class"] for d in docs}):
        members = [d for d in docs if d["class"] == kind]
        quota = round(len(members) / CHECK_SHARE)
        unseen = sorted((d for d in members if d["id"] not in seen), key=lambda d: hashlib.sha256(d["url"].encode()).hexdigest())
        check = {d["id"] for d in unseen[:quota]}
        split.update({d["id"]: "check" if d["id"] in check else "tune" for d in members})
    return split


def collect(batches: list[Path], seen: set[str]) -> None:
    """The annotators' folders (docs/gold/nonrecords.jsonl each) -> data/devset and texts.jsonl."""
    docs, gold, nonrecords, stories = [], [], [], {"docs": [], "gold": [], "nonrecords": []}
    for batch in batches:
        batch_docs = _read(batch / "docs.jsonl")
        is_story = any("story" in d for d in batch_docs)
        target = stories if is_story else {"docs": docs, "gold": gold, "nonrecords": nonrecords}
        target["docs"] += batch_docs
        target["gold"] += _read(batch / "gold.jsonl")
        target["nonrecords"] += _read(batch / "nonrecords.jsonl")
    split = _split(docs, seen)
    texts = [_text(d) for d in docs + stories["docs"]]
    _write(DATA / "articles.jsonl", [_meta(d, split=split[d["id"]]) for d in docs])
    _write(DATA / "gold.jsonl", [_own(r) for r in gold])
    _write(DATA / "nonrecords.jsonl", nonrecords)
    _write(DATA / "stories" / "articles.jsonl", [_meta(d, story=d.get("story")) for d in stories["docs"]])
    _write(DATA / "stories" / "gold.jsonl", [_own(r) for r in stories["gold"]])
    _write(DATA / "stories" / "nonrecords.jsonl", stories["nonrecords"])
    _write(DEVSET / "texts.jsonl", texts)


def add(batches: list[Path]) -> None:
    """Append reviewed batches to data/devset and texts.jsonl. The articles already there keep their
    split; the new ones are split among themselves by the same rule (a third of each class to check,
    by URL hash), so that adding data never moves an article between tune and check."""
    articles = _read(DATA / "articles.jsonl")
    known = {a["id"] for a in articles} | {a["url"] for a in articles}
    docs = [d for batch in batches for d in _read(batch / "docs.jsonl")]
    clash = [d["id"] for d in docs if d["id"] in known or d["url"] in known]
    if clash:
        raise SystemExit(f"devset add: already in data/devset: {', '.join(clash)}")
    split = _split(docs, seen=set())
    _write(DATA / "articles.jsonl", articles + [_meta(d, split=split[d["id"]]) for d in docs])
    _write(DATA / "gold.jsonl", _read(DATA / "gold.jsonl") + [_own(r) for b in batches for r in _read(b / "gold.jsonl")])
    _write(DATA / "nonrecords.jsonl", _read(DATA / "nonrecords.jsonl") + [r for b in batches for r in _read(b / "nonrecords.jsonl")])
    _write(DEVSET / "texts.jsonl", _read(DEVSET / "texts.jsonl") + [_text(d) for d in docs])


def _meta(doc: dict, **extra) -> dict:
    return {"id": doc["id"], "url": doc["url"], "outlet": doc["outlet"], "class": doc["class"],
            "published": doc["published"], **extra, "text_sha256": text_hash(doc["text"])}


def _text(doc: dict) -> dict:
    return {k: doc[k] for k in ("id", "url", "published", "title", "text")}


def _own(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in COPIED_FIELDS}


def assemble() -> int:
    """Gold directories for `krnews eval`: the repository's annotations joined with the texts."""
    written, missing = devset.assemble(EVAL, DEVSET / "texts.jsonl")
    for name, path in written.items():
        print(f"{path}: {len(_read(path / 'docs.jsonl'))} articles")
    if missing:
        print(f"devset: {missing} articles have no text in {DEVSET / 'texts.jsonl'} (run: devset.py fetch)", file=sys.stderr)
    return 1 if missing else 0


def fetch() -> int:
    """texts.jsonl from the live pages (krnews's own polite fetcher and article extraction)."""
    import krnews

    articles = _read(DATA / "articles.jsonl") + _read(DATA / "stories" / "articles.jsonl")
    rows = []
    for article, document in zip(articles, krnews.extract_many([a["url"] for a in articles], errors="return")):
        if isinstance(document, Exception):
            print(f"devset: {article['url']}: {document}", file=sys.stderr)
            continue
        rows.append({"id": article["id"], "url": article["url"], "published": article["published"],
                     "title": document.article.title, "text": document.article.text})
    _write(DEVSET / "texts.jsonl", rows)
    return 0 if len(rows) == len(articles) else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect", help="make data/devset from annotators' folders (done once)")
    c.add_argument("batches", nargs="+", type=Path)
    c.add_argument("--seen", type=Path, help="ids (one a line) whose krnews output was read: they stay in tune")
    a = sub.add_parser("add", help="append reviewed batches; the articles already there keep their split")
    a.add_argument("batches", nargs="+", type=Path)
    sub.add_parser("assemble", help="gold dirs for krnews eval in $KRNEWS_DEVSET/eval")
    sub.add_parser("fetch", help="rebuild $KRNEWS_DEVSET/texts.jsonl from the URLs")
    args = parser.parse_args(argv)
    if args.command == "collect":
        seen = set(args.seen.read_text(encoding="utf-8").split()) if args.seen else set()
        collect(args.batches, seen)
        return 0
    if args.command == "add":
        add(args.batches)
        return 0
    return assemble() if args.command == "assemble" else fetch()


if __name__ == "__main__":
    sys.exit(main())
