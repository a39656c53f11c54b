"""What the report shows, computed from the store's records and initiatives: commitments and their sums,
and data-quality counts.

Several articles often report the same money; krnews.consolidation merges them into one initiative. The
report counts each initiative once, at its current figure, with the sentence of its earliest selected
record as evidence and every selected record's article as a source.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from krnews.models import Initiative


@dataclass
class Commitment:
    org: str | None
    org_type: str | None
    amount_krw: int
    year: int | None
    funding_type: str | None
    initiative: str | None
    sentence: str
    sources: list[dict] = field(default_factory=list)  # one per article: {"doc_id", "url", "title", "outlet", "published"}
    received: bool = False  # the organisation receives it from another (국비 of a county): not its own money


@dataclass
class Quality:
    records: int
    articles: int  # articles in the whole store
    articles_with_records: int
    per_outlet: list[tuple[str | None, int]]
    no_org: int
    no_year: int
    no_amount: int  # not in won, or not exact
    first_published: dt.date | None
    last_published: dt.date | None


def record_year(record: dict) -> int | None:
    """The year the money is for: the stated year, else the start of the stated period."""
    return record.get("year") or record.get("year_start") or record.get("year_end")


def commitments(initiatives: list[Initiative], records: list[dict]) -> list[Commitment]:
    """One Commitment per initiative with an amount in won, largest first; `records` are the selected ones."""
    by_id = {r["record_id"]: r for r in records}
    result = []
    for initiative in initiatives:
        members = sorted((by_id[i] for i in initiative.record_ids if i in by_id),
                         key=lambda r: (r["published"] or dt.date.max, r["record_id"]))
        if initiative.amount_krw is None or not members:
            continue
        sources = {}
        for record in members:
            sources.setdefault(record["doc_id"], {k: record[k] for k in ("doc_id", "url", "title", "outlet", "published")})
        result.append(Commitment(
            org=initiative.org,
            org_type=next((r["org_type"] for r in members if r["org_type"]), None),
            amount_krw=initiative.amount_krw,
            year=initiative.year or initiative.year_start or initiative.year_end,
            funding_type=initiative.funding_type,
            initiative=initiative.initiative,
            sentence=members[0]["sentence"],
            sources=list(sources.values()),
            received=all(r.get("org_role") == "recipient" for r in members),
        ))
    result.sort(key=lambda c: (-c.amount_krw, c.org or "", c.year or 0))
    return result


def totals_by(commitments_: list[Commitment], *keys: str) -> dict[tuple, int]:
    """Sum of amount_krw per distinct value of the given Commitment attributes."""
    sums: dict[tuple, int] = defaultdict(int)
    for c in commitments_:
        sums[tuple(getattr(c, k) for k in keys)] += c.amount_krw
    return dict(sums)


def top_organisations(commitments_: list[Commitment], limit: int = 15) -> list[dict]:
    """Organisations by the money they commit themselves: name, type, total, what they receive from another
    (국비 of a county: another body's money, so not in their total), number of commitments and articles."""
    by_org: dict[str, dict] = {}
    for c in commitments_:
        if c.org is None:
            continue
        entry = by_org.setdefault(c.org, {"org": c.org, "org_type": c.org_type, "total": 0, "received": 0,
                                          "commitments": 0, "docs": set()})
        entry["received" if c.received else "total"] += c.amount_krw
        entry["commitments"] += 1
        entry["docs"].update(s["doc_id"] for s in c.sources)
    ranked = sorted(by_org.values(), key=lambda e: (-e["total"], e["org"]))[:limit]
    return [{**{k: v for k, v in e.items() if k != "docs"}, "articles": len(e["docs"])} for e in ranked]


def quality(records: list[dict], articles: int) -> Quality:
    outlets = Counter(r["outlet"] for r in records)
    dates = [r["published"] for r in records if r["published"]]
    return Quality(
        records=len(records),
        articles=articles,
        articles_with_records=len({r["doc_id"] for r in records}),
        per_outlet=sorted(outlets.items(), key=lambda item: (-item[1], item[0] or "")),
        no_org=sum(1 for r in records if not r["org"]),
        no_year=sum(1 for r in records if record_year(r) is None),
        no_amount=sum(1 for r in records if r["amount_krw"] is None),
        first_published=min(dates, default=None),
        last_published=max(dates, default=None),
    )
