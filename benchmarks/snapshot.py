"""Every field of every record krnews.extract gives on the evaluation texts, one JSON line each: take
one before a refactor and one after each step, and diff them (every difference is explained or a bug).

    python benchmarks/snapshot.py > /tmp/before.jsonl
    ... change ...
    python benchmarks/snapshot.py > /tmp/after.jsonl && diff /tmp/before.jsonl /tmp/after.jsonl

Sets: the project's gold (data/gold), the bundled samples, and where they are beside the checkout the
shared record articles and seed (../shared/data) and the dev set (``$KRNEWS_DEVSET``, default
../krnews-devset: see data/devset/README.md).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import krnews
from krnews.evaluate.records import read_record_gold

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEVSET = Path(os.environ.get("KRNEWS_DEVSET", ROOT.parent / "krnews-devset"))


def record_sets() -> list[Path]:
    """Directories of record gold (docs.jsonl + gold.jsonl) that exist here."""
    found = [ROOT / "data" / "gold", SHARED / "records"]
    found += sorted(p.parent for p in DEVSET.glob("*/*/gold.jsonl"))
    return [p for p in found if (p / "docs.jsonl").is_file()]


def main() -> None:
    out = sys.stdout
    for path in record_sets():
        for document in read_record_gold(path).documents:
            result = krnews.extract(document["text"], published=document.get("published"), doc_id=document["id"],
                                    title=document.get("title"), url=document.get("url"), is_html=False)
            for record in result.records:
                out.write(json.dumps({"set": path.name, **record.model_dump(mode="json")}, ensure_ascii=False) + "\n")
    seed = SHARED / "seed" / "metroseoul_2020_local_gov_ai_budgets.txt"
    inputs = sorted((ROOT / "data" / "samples").glob("*.*")) + ([seed] if seed.is_file() else [])
    for document in krnews.extract_many([str(p) for p in inputs if p.suffix != ".md"], published="2020-01-15"):
        for record in document.records:
            out.write(json.dumps({"set": "files", **record.model_dump(mode="json")}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
