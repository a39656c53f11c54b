"""When two records are the same money, or a later figure of it (the pairwise rules of consolidation).

Every rule looks at two records only, never at a group: the initiatives are the connected components of
this relation, so they do not depend on the order the records arrive in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from krnews.models import InitiativeRecord

from .rules import rules

_NOT_NAME_CHARS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class RecordKey:
    """What consolidation needs of a record (also what the store keeps in `initiative_records`)."""

    record_id: str
    doc_id: str
    org: str | None
    currency: str
    amount: float | None
    amount_krw: int | None
    amount_text: str
    year: int | None = None
    year_start: int | None = None
    year_end: int | None = None
    name: str | None = None
    funding_type: str | None = None
    stage: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    grams: frozenset = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "grams", name_grams(self.name))

    @classmethod
    def of(cls, record: InitiativeRecord) -> "RecordKey":
        amount = record.amount_krw if record.amount_krw is not None else record.amount
        return cls(
            record_id=record.record_id, doc_id=record.doc_id, org=record.org, currency=record.currency,
            amount=float(amount) if amount is not None else None, amount_krw=record.amount_krw,
            amount_text=record.amount_text, year=record.year, year_start=record.year_start,
            year_end=record.year_end, name=record.initiative, funding_type=record.funding_type,
            stage=stage_of(record.sentence), published=record.published, url=record.url, outlet=record.outlet,
        )

    def row(self) -> dict:
        """Column values for storage (everything but the derived bigrams)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "grams"}


def stage_of(sentence: str) -> str | None:
    """final (확정, 국회 통과…) before proposal (예산안, 정부안…): "예산안이 국회를 통과" is final."""
    stages = rules()["stages"]
    for stage in ("final", "proposal"):
        if any(cue in sentence for cue in stages[stage]):
            return stage
    return None


def name_grams(name: str | None) -> frozenset:
    """Character bigrams of a name without spaces, punctuation or generic words (AI 융합산업 ~ AI융합 산업;
    "예산" alone is no name)."""
    if not name:
        return frozenset()
    stop_words = rules()["name_stop_words"]
    words = [word for word in name.lower().split() if word not in stop_words]
    compact = _NOT_NAME_CHARS.sub("", "".join(words))
    if len(compact) < 2:
        return frozenset([compact]) if compact else frozenset()
    return frozenset(compact[i : i + 2] for i in range(len(compact) - 1))


def name_overlap(a: RecordKey, b: RecordKey) -> float | None:
    """Shared bigrams over the shorter name's; None when either has no name."""
    if not a.grams or not b.grams:
        return None
    return len(a.grams & b.grams) / min(len(a.grams), len(b.grams))


def period(key: RecordKey) -> tuple[int, int] | None:
    if key.year_start is not None or key.year_end is not None:
        start = key.year_start if key.year_start is not None else key.year_end
        end = key.year_end if key.year_end is not None else key.year_start
        return start, end
    if key.year is not None:
        return key.year, key.year
    return None


def periods_compatible(a: RecordKey, b: RecordKey) -> bool:
    """Unknown is compatible with anything; otherwise the years or periods overlap (2025 lies in 2024~2028)."""
    pa, pb = period(a), period(b)
    return pa is None or pb is None or (pa[0] <= pb[1] and pb[0] <= pa[1])


def relative_change(a: float, b: float) -> float:
    larger = max(abs(a), abs(b))
    return abs(a - b) / larger if larger else 0.0


def _comparable(a: RecordKey, b: RecordKey) -> bool:
    return (
        a.org is not None
        and a.org == b.org
        and a.currency == b.currency
        and a.amount is not None
        and b.amount is not None
        and periods_compatible(a, b)
    )


def same_money(a: RecordKey, b: RecordKey) -> bool:
    """Same organisation, amount within the rounding tolerance, compatible period and name."""
    if not _comparable(a, b) or relative_change(a.amount, b.amount) > rules()["amount_tolerance"]:
        return False
    overlap = name_overlap(a, b)
    return overlap is None or overlap >= rules()["name_overlap"]


def revision_of(a: RecordKey, b: RecordKey) -> bool:
    """A changed figure of the same initiative: a stage cue (예산안 → 확정), both named alike, a bounded change."""
    if not _comparable(a, b) or not (a.stage or b.stage):
        return False
    change = relative_change(a.amount, b.amount)
    if change <= rules()["amount_tolerance"] or change > rules()["revision_max_change"]:
        return False
    overlap = name_overlap(a, b)
    return overlap is not None and overlap >= rules()["revision_name_overlap"]


def linked(a: RecordKey, b: RecordKey) -> bool:
    """The relation whose connected components are the initiatives."""
    return same_money(a, b) or revision_of(a, b)
