"""An Initiative (or a Story) from its members: the most specific values any source gives.

Everything here depends on the set of members only, never on their order.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable

from krnews.models import Initiative, InitiativeVersion, Story

from .matching import RecordKey, name_words, period, relative_change, trailing_zeros
from .rules import rules

_LATE = dt.date.max


def _most_common(values: Iterable):
    """The most frequent value, ties to the smallest: independent of the members' order."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _most_specific(keys: list[RecordKey]) -> RecordKey:
    """Exact over rounded, then the figure most sources give, then the smallest record id."""
    counts = Counter(k.amount for k in keys)
    return min(keys, key=lambda k: (trailing_zeros(k.amount), -counts[k.amount], k.record_id))


def _dates(keys: Iterable[RecordKey]) -> list[dt.date]:
    return sorted(k.published for k in keys if k.published is not None)


def versions_of(keys: list[RecordKey]) -> list[InitiativeVersion]:
    """Members grouped by amount (within the rounding tolerance), in order of first appearance."""
    tolerance = rules()["amount_tolerance"]
    ordered = sorted(keys, key=lambda k: (k.amount is None, k.amount or 0.0, k.record_id))
    groups: list[list[RecordKey]] = []
    for key in ordered:
        group = groups[-1] if groups else None
        if (
            group is not None
            and (key.amount is None) == (group[0].amount is None)
            and (key.amount is None or relative_change(group[0].amount, key.amount) <= tolerance)
        ):
            group.append(key)
        else:
            groups.append([key])
    versions = []
    for group in groups:
        best, dates = _most_specific(group), _dates(group)
        stages = {k.stage for k in group}
        versions.append(InitiativeVersion(
            amount_krw=best.amount_krw, amount=best.amount, amount_text=best.amount_text,
            stage="final" if "final" in stages else "proposal" if "proposal" in stages else None,
            first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
            record_ids=sorted(k.record_id for k in group),
        ))
    versions.sort(key=lambda v: (v.first_seen or _LATE, v.stage == "final", v.amount or 0.0, v.record_ids[0]))
    return versions


def current_version(versions: list[InitiativeVersion]) -> InitiativeVersion:
    """The latest final figure when a source calls one final, else the latest figure."""
    finals = [v for v in versions if v.stage == "final"]
    return (finals or versions)[-1]


def _period(keys: list[RecordKey]) -> tuple[int | None, int | None, int | None]:
    """(year, year_start, year_end): a full period over a single year; the one most sources give."""
    periods = [(k.year_start, k.year_end) for k in keys if k.year_start is not None and k.year_end is not None]
    if periods:
        start, end = min(Counter(periods).items(), key=lambda item: (-item[1], -(item[0][1] - item[0][0]), item[0]))[0]
        return (start if start == end else None), start, end
    year = _most_common(k.year for k in keys)
    if year is not None:
        return year, None, None
    return None, _most_common(k.year_start for k in keys), _most_common(k.year_end for k in keys)


def _name(keys: list[RecordKey]) -> str | None:
    """The most specific name (most words besides generic ones like 예산), ties to the most frequent,
    then the shortest and alphabetical."""
    counts = Counter(k.name for k in keys if k.name)
    if not counts:
        return None
    return min(counts, key=lambda n: (-len("".join(name_words(n))), -counts[n], len(n), n))


def variants_of(keys: list[RecordKey]) -> dict[str, list[str]]:
    """The names and years the sources give, where they give more than one (a conflict kept visible)."""
    periods = {period(k) for k in keys} - {None}
    found = {
        "initiative": sorted({k.name for k in keys if k.name}),
        "year": sorted(str(start) if start == end else f"{start}~{end}" for start, end in periods),
    }
    return {field: values for field, values in found.items() if len(values) > 1}


def anchor_of(keys: list[RecordKey]) -> RecordKey:
    """The earliest record (undated last), ties to the smallest id: the initiative's identity."""
    return min(keys, key=lambda k: (k.published or _LATE, k.record_id))


def build_initiative(keys: list[RecordKey]) -> Initiative:
    versions = versions_of(keys)
    current = current_version(versions)
    year, year_start, year_end = _period(keys)
    dates = _dates(keys)
    return Initiative(
        initiative_id=Initiative.make_id(anchor_of(keys).record_id),
        org=_most_common(k.org for k in keys),
        initiative=_name(keys),
        amount_krw=current.amount_krw,
        amount=current.amount,
        amount_text=current.amount_text,
        currency=_most_common(k.currency for k in keys) or "KRW",
        funding_type=_most_common(k.funding_type for k in keys),
        stage=current.stage,
        year=year,
        year_start=year_start,
        year_end=year_end,
        n_sources=len({k.doc_id for k in keys}),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        record_ids=sorted(k.record_id for k in keys),
        doc_ids=sorted({k.doc_id for k in keys}),
        urls=sorted({k.url for k in keys if k.url}),
        outlets=sorted({k.outlet for k in keys if k.outlet}),
        versions=versions,
        variants=variants_of(keys),
    )


def build_story(members: list[dict]) -> Story:
    """Members: {"doc_id", "url", "title", "published", "text_len"}; the earliest (then longest) is canonical."""
    canonical = min(members, key=lambda m: (m["published"] or _LATE, -m["text_len"], m["doc_id"]))
    dates = sorted(m["published"] for m in members if m["published"] is not None)
    return Story(
        story_id=Story.make_id(canonical["doc_id"]),
        canonical_doc_id=canonical["doc_id"],
        canonical_url=canonical["url"],
        title=canonical["title"],
        n_articles=len(members),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        doc_ids=sorted(m["doc_id"] for m in members),
        urls=sorted({m["url"] for m in members if m["url"]}),
    )
