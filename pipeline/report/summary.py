"""What the report shows, computed from record dicts: commitments and their sums, and data-quality counts.

Several articles often report the same money. The report counts a *commitment* once: records of one
initiative when the store groups them (initiative_id), else records with the same organisation, amount,
year and funding type.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

@dataclass
class Commitment:
    org: str | None
    org_type: str | None
    amount_krw: int
    year: int | None
    funding_type: str | None
    initiative: str | None
    sentence: str
    sources: list[dict] = field(default_factory=list)  # {"url", "title", "outlet", "published"}


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


def commitments(records: list[dict]) -> list[Commitment]:
    """Records with an amount in won, one Commitment per distinct money, largest first."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for record in records:
        if record["amount_krw"] is None:
            continue
        key = ("initiative", record["initiative_id"]) if record.get("initiative_id") is not None else (
            record["org"], record["amount_krw"], record_year(record), record["funding_type"])
        groups[key].append(record)
    result = [_commitment(group) for group in groups.values()]
    result.sort(key=lambda c: (-c.amount_krw, c.org or "", c.year or 0))
    return result


def _commitment(group: list[dict]) -> Commitment:
    # The earliest report is the evidence; later ones are listed as further sources.
    group = sorted(group, key=lambda r: (r["published"] or dt.date.max, r["record_id"]))
    first = group[0]
    sources = {}
    for record in group:
        if record["url"] and record["url"] not in sources:
            sources[record["url"]] = {k: record[k] for k in ("url", "title", "outlet", "published")}
    return Commitment(
        org=first["org"],
        org_type=first["org_type"],
        amount_krw=max(r["amount_krw"] for r in group),
        year=next((record_year(r) for r in group if record_year(r)), None),
        funding_type=first["funding_type"],
        initiative=next((r["initiative"] for r in group if r["initiative"]), None),
        sentence=first["sentence"],
        sources=list(sources.values()),
    )


def totals_by(commitments_: list[Commitment], *keys: str) -> dict[tuple, int]:
    """Sum of amount_krw per distinct value of the given Commitment attributes."""
    sums: dict[tuple, int] = defaultdict(int)
    for c in commitments_:
        sums[tuple(getattr(c, k) for k in keys)] += c.amount_krw
    return dict(sums)


def top_organisations(commitments_: list[Commitment], limit: int = 15) -> list[dict]:
    """Organisations by total committed money: name, type, total, number of commitments and articles."""
    by_org: dict[str, dict] = {}
    for c in commitments_:
        if c.org is None:
            continue
        entry = by_org.setdefault(c.org, {"org": c.org, "org_type": c.org_type, "total": 0, "commitments": 0, "urls": set()})
        entry["total"] += c.amount_krw
        entry["commitments"] += 1
        entry["urls"].update(s["url"] for s in c.sources)
    ranked = sorted(by_org.values(), key=lambda e: (-e["total"], e["org"]))[:limit]
    return [{**{k: v for k, v in e.items() if k != "urls"}, "articles": len(e["urls"])} for e in ranked]


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
