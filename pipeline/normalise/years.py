"""Which year the money applies to: years bind to the amount they stand right before; other
amounts take the nearest free year of their sentence (before them first); a year inside
parentheses only speaks for the amounts in the same parentheses (40억원(지난해 29억원)).
Sentences without a year take the year the text is about, carried from earlier sentences."""
from __future__ import annotations

import re

from krnews.nlp.amounts import Amount
from krnews.nlp.years import Year

from .context import parenthesis_of

# A year bound to the amount right after it (올해 40억원, 올해에만도 1000억원, 2024년까지 4061억원을).
_ADJACENT = re.compile(r"^[^\s,.()]{0,4}\s?$")


def assign_years(text: str, sentence_start: int, amounts: list[Amount], years: list[Year]) -> dict[int, Year]:
    """amount.start -> the Year it applies to, for the amounts of one sentence."""
    result: dict[int, Year] = {}
    bound: set[int] = set()
    group = {id(x): parenthesis_of(text, x.start, sentence_start) for x in [*amounts, *years]}
    ordered = sorted(amounts, key=lambda a: a.start)
    for amount in ordered:
        for year in reversed(years):
            if year.end <= amount.start and group[id(year)] == group[id(amount)]:
                gap = text[year.end : amount.start]
                if _ADJACENT.match(gap) and not any(year.end <= a.start < amount.start for a in ordered if a is not amount):
                    result[amount.start] = year
                    bound.add(id(year))
                break
    for amount in ordered:
        if amount.start in result:
            continue
        free = [y for y in years if id(y) not in bound and not y.comparison and (group[id(y)] is None or group[id(y)] == group[id(amount)])]
        before = [y for y in free if y.end <= amount.start]
        after = [y for y in free if y.start >= amount.end]
        if before:
            result[amount.start] = before[-1]
        elif after:
            result[amount.start] = after[0]
    return result


class YearTracker:
    """The year the text is talking about, for amounts whose sentence names none: the year of the
    last record, or the last free year of an earlier sentence (a budget article says 내년 once and
    lists its amounts after), with the organisation it was said of. Years of comparisons
    (올해 6780억원보다) and of a facility's completion (2027년 준공) are not carried."""

    def __init__(self) -> None:
        self.current: Year | None = None
        self.actor: str | None = None

    def end_of_sentence(self, years: list[Year], assigned: dict[int, Year], records: list, actor: str | None) -> None:
        record_years = [(assigned[r.amount_start], r.org) for r in records if r.amount_start in assigned]
        if record_years:
            self.current, self.actor = record_years[-1]
            return
        bound = {id(y) for y in assigned.values()}
        free = [y for y in years if not y.comparison and not y.completion and id(y) not in bound]
        if free:
            self.current, self.actor = free[-1], actor
