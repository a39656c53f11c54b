"""How well consolidation groups real money across articles: every document of a record gold directory is
extracted, all are consolidated together, and the system records matched to gold records (matching.assign,
document by document) are looked up in the initiatives.

Every gold record carries a `money` key: the same key in several articles is the same money.

- **merging**: pairs of articles sharing a key (both gold records matched) whose two system records land
  in one initiative, over all such pairs;
- **separation**: pairs of matched gold records with different keys and amounts equal or within 2% (the
  consolidation's own rounding tolerance, so the only pairs it could confuse) kept in different
  initiatives, over all such pairs.
"""
from __future__ import annotations

import os
from collections import defaultdict
from itertools import combinations

from krnews.consolidation import consolidate

from .extractor import default_extract
from .matching import ROUNDING, assign
from .records import RecordGoldError, extracted, read_record_gold, system_candidate


def evaluate_initiatives(gold_dir, extract_fn=None, consolidate_fn=None, published=None) -> dict:
    """Merging and separation of `consolidate_fn` (default krnews.consolidate) on the documents of
    `gold_dir` (or several), extracted by `extract_fn` (default krnews.extract)."""
    extract_fn = extract_fn or default_extract()
    consolidate_fn = consolidate_fn or consolidate
    paths = [gold_dir] if isinstance(gold_dir, (str, os.PathLike)) else list(gold_dir)
    errors: list[str] = []
    documents, golds, stories = [], [], {}
    for path in paths:
        try:
            corpus = read_record_gold(path, published)
        except RecordGoldError as error:
            errors.append(str(error))
            continue
        unkeyed = [g.source for records in corpus.gold.values() for g in records if g.money is None]
        if unkeyed:
            errors.append(f"{unkeyed[0]}: a gold record without a `money` key ({len(unkeyed)} in all)")
            continue
        for document, result in extracted(path, corpus, extract_fn, published, errors):
            documents.append(result)
            golds.append(corpus.gold.get(document["id"], []))
            stories[document["id"]] = document.get("story")
    initiative_of = {rid: i.initiative_id for i in consolidate_fn(documents).initiatives for rid in i.record_ids}
    found = []  # (gold record, initiative of its matched system record)
    for document, gold in zip(documents, golds):
        records = document.records
        assignment = assign([g.candidate() for g in gold], [system_candidate(r) for r in records])
        found += [(gold[g], initiative_of.get(records[s].record_id)) for g, s, _ in assignment.pairs]
    return _scores(found, golds, stories) | {"documents": len(documents), "errors": errors}


def _scores(found: list, golds: list, stories: dict) -> dict:
    matched = {(g.doc_id, g.money): initiative for g, initiative in found}
    merging = _pairs(golds, matched, stories)
    separation = []
    for (a, ia), (b, ib) in combinations(sorted(found, key=lambda pair: pair[0].source), 2):
        if a.money != b.money and _near(a, b):
            separation.append({"a": _brief(a), "b": _brief(b), "kept_apart": ia != ib})
    return {
        "merging": _ratio(sum(p["merged"] for p in merging), len(merging)),
        "separation": _ratio(sum(p["kept_apart"] for p in separation), len(separation)),
        "gold_money_matched": f"{len(matched)}/{sum(len(g) for g in golds)}",
        "merging_pairs": merging,
        "separation_pairs": separation,
    }


def _pairs(golds: list, matched: dict, stories: dict) -> list[dict]:
    """Pairs of articles sharing a money key whose gold records were both matched."""
    docs_of: dict[str, set] = defaultdict(set)
    for gold in golds:
        for g in gold:
            docs_of[g.money].add(g.doc_id)
    pairs = []
    for money, docs in sorted(docs_of.items()):
        for a, b in combinations(sorted(docs), 2):
            if (a, money) in matched and (b, money) in matched:
                pairs.append({"money": money, "story": stories.get(a), "a": a, "b": b,
                              "merged": matched[a, money] == matched[b, money]})
    return pairs


def _near(a, b) -> bool:
    """Equal amounts, or within the rounding tolerance of the larger (of one currency)."""
    x, y = a.candidate().amount, b.candidate().amount
    if x is None or y is None or x[0] != y[0]:
        return False
    larger = max(abs(x[1]), abs(y[1]))
    return larger == 0 or abs(x[1] - y[1]) / larger <= ROUNDING


def _brief(gold) -> dict:
    return {"doc_id": gold.doc_id, "money": gold.money, "org": gold.org, "amount_text": gold.amount_text}


def _ratio(hits: int, total: int) -> dict:
    return {"hits": hits, "pairs": total, "ratio": round(hits / total, 4) if total else None}
