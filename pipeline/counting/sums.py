"""Totals that count each won once: every initiative (the same money of many articles, merged) at its
current figure, without parts of a whole that is counted, restated wholes and figures given for
comparison; each total says in words what it sums."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from krnews.models import Initiative, InitiativeRecord

from .relations import relations

UNKNOWN = "미상"


@dataclass
class Line:
    """One total: how many, how much, and what it sums, in words."""

    count: int
    amount_krw: int
    what: str


@dataclass
class Totals:
    records: Line  # every record's amount, as reported
    counted: Line  # the headline: each won once
    parts: Line  # initiatives left out as parts of a counted whole (or restatements of one)
    comparisons: Line  # initiatives left out as figures given for comparison
    superseded: Line  # earlier figures of initiatives whose figure changed
    duplicates: Line  # records merged into an initiative another record already counts
    by_year: dict = field(default_factory=dict)  # year (or 미상) -> won, of the counted initiatives
    by_org: dict = field(default_factory=dict)  # organisation -> won it puts in, of the counted initiatives
    # organisation -> won it receives from another (국비 of a county, a grant won): another body's money,
    # never in by_org, so no organisation's total holds the national budget it was given a share of
    received_by_org: dict = field(default_factory=dict)
    counted_ids: list[str] = field(default_factory=list)  # the initiatives the headline adds

    def lines(self) -> list[tuple[str, Line]]:
        return [("counted", self.counted), ("records", self.records), ("duplicates", self.duplicates),
                ("superseded", self.superseded), ("parts", self.parts), ("comparisons", self.comparisons)]


def totals(records: Iterable[InitiativeRecord], initiatives: Iterable[Initiative]) -> Totals:
    """Totals of `records` (in won) and of the `initiatives` they belong to."""
    records = [r for r in records if r.amount_krw is not None]
    selected = {r.record_id for r in records}
    initiatives = [i for i in initiatives if i.amount_krw is not None and selected.intersection(i.record_ids)]
    initiative_of = {rid: i.initiative_id for i in initiatives for rid in i.record_ids}
    by_doc: dict[str, list[InitiativeRecord]] = defaultdict(list)
    for record in records:
        by_doc[record.doc_id].append(record)
    comparison, whole_of = set(), {}
    for doc_records in by_doc.values():
        found = relations(doc_records)
        comparison |= found.comparisons
        for part, whole in found.part_of.items():
            whole_of[part] = found.restates.get(whole, whole)
        whole_of |= found.restates
    comparisons = [i for i in initiatives if all(rid in comparison for rid in i.record_ids if rid in selected)]
    left_out = {i.initiative_id for i in comparisons}

    def is_part(initiative: Initiative) -> bool:
        """One of its records belongs to a whole that another initiative, counted, holds."""
        owners = {initiative_of.get(whole_of[rid]) for rid in initiative.record_ids if rid in whole_of}
        return bool(owners - {None, initiative.initiative_id} - left_out)

    parts = [i for i in initiatives if i.initiative_id not in left_out and is_part(i)]
    left_out |= {i.initiative_id for i in parts}
    counted = [i for i in initiatives if i.initiative_id not in left_out]
    superseded = [v for i in counted for v in i.versions if v.amount_krw is not None and v.amount_krw != i.amount_krw]
    received = {r.record_id for r in records if r.org_role == "recipient"}
    by_year, by_org, received_by_org = defaultdict(int), defaultdict(int), defaultdict(int)
    for i in counted:
        by_year[i.year or i.year_start or i.year_end or UNKNOWN] += i.amount_krw
        own = [rid for rid in i.record_ids if rid in selected]
        (received_by_org if own and all(rid in received for rid in own) else by_org)[i.org or UNKNOWN] += i.amount_krw
    n_counted_records = sum(1 for i in counted for rid in i.record_ids if rid in selected)
    return Totals(
        records=Line(len(records), sum(r.amount_krw for r in records),
                     "every record's amount as reported: the same money counted once per article and sentence that states it"),
        counted=Line(len(counted), _sum(counted),
                     "each initiative once, at its current figure (a proposal changed later counts at its latest version), "
                     "however many articles report it; parts of a counted total and comparison figures left out"),
        parts=Line(len(parts), _sum(parts), "parts of a total that is counted (106조 원 중 43조 원; 21조 원의 절반인 10조 원; "
                                            "국비 6억원, 도비 50억원 등 총 56억원), totals named again to introduce their "
                                            "parts, and headline figures repeating the body's money: not added"),
        comparisons=Line(len(comparisons), _sum(comparisons),
                         "figures given for comparison (지난해 …보다, … 대비, (지난해 29억원)): not added"),
        superseded=Line(len(superseded), sum(v.amount_krw for v in superseded),
                        "earlier figures of counted initiatives (예산안 → 확정): not added"),
        duplicates=Line(n_counted_records - len(counted), 0,
                        "records telling the money of a counted initiative again (another article, or the same article twice)"),
        by_year=dict(sorted(by_year.items(), key=lambda item: (item[0] == UNKNOWN, str(item[0])))),
        by_org=_ranked(by_org),
        received_by_org=_ranked(received_by_org),
        counted_ids=sorted(i.initiative_id for i in counted),
    )


def _sum(initiatives: list[Initiative]) -> int:
    return sum(i.amount_krw for i in initiatives)


def _ranked(won_by_org: dict) -> dict:
    return dict(sorted(won_by_org.items(), key=lambda item: (-item[1], item[0])))
