"""Which year the money applies to: years bind to the amount they stand right before; other
amounts take the nearest free year of their sentence (before them first); a year inside
parentheses only speaks for the amounts in the same parentheses (40억원(지난해 29억원)).
Sentences without a year take the year the text is about, carried from earlier sentences."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from krnews.nlp.amounts import Amount
from krnews.nlp.doctext import doc_text
from krnews.nlp.tables import load_table, longest_first
from krnews.nlp.years import Year

from .context import parenthesis_of

# A year bound to the amount right after it, at most one short word between (올해 40억원,
# 올해에만도 1000억원, 2024년까지 4061억원을, `20년 국비 13억원).
_ADJACENT = re.compile(r"^\s?(?:[^\s,.()]{0,4}\s?)?$")
# 올해 6조9956억원보다, 올해(4조1496억원)보다: a figure given for comparison; its year is not the one
# the text is about, nor that of any other amount of the sentence.
COMPARED = re.compile(r"\)?\s?(?:%s)" % longest_first(load_table("years")["comparison_after"]))
# 올해 6조3천29억원에서 11조5천3백억원으로: the figure a change starts from, when a later figure of the
# sentence is where it goes to; like a compared figure, its year is not the other figure's.
_CHANGE_FROM = re.compile(r"\s?(?:%s)\s" % longest_first(load_table("years")["change_from_after"]))
_CHANGE_TO = re.compile(r"\s?(?:%s)(?![가-힣])" % longest_first(load_table("years")["change_to_after"]))
# 지난해 3조8천억원에서 8천억원 늘어난 4조6천억원: a later figure a change word leads to is where it goes to
_CHANGED_TO = re.compile(r"(?:%s)[가-힣]*\s?$" % longest_first(load_table("funding")["change_after"]))
_CHANGE_WORD_REACH = 12
_OPENS_ASIDE = re.compile(r"\s?\(\s?")
# 올해 1회 추가경정예산 6,445억 원보다: a compared figure's year may head the noun phrase that names it
# (a few words, none closed by a particle)
_NOUN_PHRASE_GAP = re.compile(r"\s?(?:[^\s,.()]*[^\s,.()%s]\s){0,3}(?:[^\s,.()]+\(\s?)?" % "".join(
    load_table("funding")["grammar"]["case_endings"]))  # … or holds it in an aside: 올해 예산(1조1131억원)보다
# Connective endings that close a clause (…완공키로 했고 현대중공업도 …, …하며 …); MeCab tags them EC.
_CLAUSE_ENDINGS = frozenset(load_table("funding")["grammar"]["clause_ending_morphemes"])
# How a year was found, best first: one a duplicate's year may replace only with a better one.
HOW_RANK = {"bound": 3, "sentence": 2, "carried": 1, "supplementary": 1, "after_comparison": 1, "published": 0, "current": 0}


@dataclass(frozen=True)
class YearChoice:
    year: Year
    how: str  # a key of HOW_RANK


def publication_year(published, how: str = "published") -> YearChoice:
    """The publication date's year, as the year money acted on now is for (no words of the text), with
    `how` "current" as the year of money the article speaks of as current, or with "supplementary" as the
    year of a supplementary budget published then."""
    return YearChoice(Year(0, 0, year=published.year), how)


def clause_starts(doc: Doc, start: int, end: int) -> list[int]:
    """Offsets where the clauses of doc.text[start:end] begin."""
    span = doc.char_span(start, end, alignment_mode="expand")
    starts = [start]
    if span is not None:
        for token in span:
            if token.whitespace_ and token.text in _CLAUSE_ENDINGS and "EC" in token.tag_:
                starts.append(token.idx + len(token.text) + 1)
    return starts


def assign_years(doc: Doc, sentence_start: int, sentence_end: int, amounts: list[Amount], years: list[Year],
                 compared: set[int], subject_starts: list[int] = ()) -> dict[int, YearChoice]:
    """amount.start -> the year it applies to, for the amounts of one sentence; `compared` holds the starts
    of its points of comparison (points_of_comparison). `subject_starts`: where the organisations acting
    in the sentence start; a clause with its own acting organisation does not take another clause's
    deadline (A는 내년까지 완공키로 했고 B도 4072억원을 투자키로 했다)."""
    if not amounts:
        return {}
    text = doc_text(doc)
    result: dict[int, YearChoice] = {}
    bound: set[int] = set()
    group = {id(x): parenthesis_of(text, x.start, sentence_start) for x in [*amounts, *years]}
    # 40억원(지난해 29억원): a year in an aside with an amount is that amount's; an aside of a year
    # alone dates what it follows (혁신밸리 사업(2020-2024년)에는 4,200억 원) like any other year
    with_money = {group[id(a)] for a in amounts}
    group.update({id(y): None for y in years if group[id(y)] not in with_money})
    ordered = sorted(amounts, key=lambda a: a.start)
    compared_years = _comparison_years(text, ordered, years, compared, result)
    bound.update(compared_years)
    for amount in ordered:
        if amount.start in result:
            continue
        for year in reversed(years):
            if year.end <= amount.start and group[id(year)] == group[id(amount)]:
                gap = text[year.end : amount.start]
                if _ADJACENT.match(gap) and not any(year.end <= a.start < amount.start for a in ordered if a is not amount):
                    result[amount.start] = YearChoice(year, "bound")
                    bound.add(id(year))
                break
    clauses = clause_starts(doc, sentence_start, sentence_end)
    clause_of = lambda offset: bisect.bisect_right(clauses, offset)  # noqa: E731
    for amount in ordered:
        if amount.start in result:
            continue
        usable = [y for y in years if not (y.comparison or y.completion or y.event) and id(y) not in compared_years
                  and (group[id(y)] is None or group[id(y)] == group[id(amount)])]
        clause = clause_of(amount.start)
        if any(clause_of(start) == clause for start in subject_starts):
            usable = [y for y in usable if clause_of(y.start) == clause or not _is_deadline(y)]
        free = [y for y in usable if id(y) not in bound]
        same_clause = [y for y in free if clause_of(y.start) == clause]
        # a sentence's only year speaks for its whole list (내년부터 5년간 국고 …, 지방비 …, 민자 …)
        bound_before = [y for y in usable if id(y) in bound and y.end <= amount.start]
        for pool in (same_clause, free, bound_before):
            before = [y for y in pool if y.end <= amount.start]
            after = [y for y in pool if y.start >= amount.end]
            if before or after:
                result[amount.start] = YearChoice(before[-1] if before else after[0], "sentence")
                break
    return result


def year_after_comparison(compared: list[Year], amount: Amount) -> YearChoice | None:
    """지난해 대비 182억 원이 늘어난 1108억 원, 올해 예산(1조1131억원)보다 늘어난 1조3299억원: money set
    against a year (`compared`: the years of the sentence's comparisons), with no year of its own and none
    the text is about, is the next year's (a comparison is made with the year before the figure's)."""
    before = [y for y in compared if y.end <= amount.start]
    if not compared:
        return None
    year = before[-1] if before else compared[0]  # 836억 원으로 지난해 대비 늘었다: also said after it
    following = replace(year, comparison=False, year=None if year.year is None else year.year + 1,
                        relative=None if year.relative is None else year.relative + 1)
    return YearChoice(following, "after_comparison")


def _comparison_years(text: str, amounts: list[Amount], years: list[Year], points: set[int],
                      result: dict[int, YearChoice]) -> set[int]:
    """Bind each figure given for comparison to the year written with it, right before it (올해 6조원보다,
    2008년도 1조4,686억원에 비해) or before the aside that holds it (올해(4조1496억원)보다), and so the
    figure a change starts from (올해 6조원에서 11조원으로); those years (ids) date no other amount."""
    compared: set[int] = set()
    for amount in amounts:
        if amount.start not in points:
            continue
        before = [y for y in years if y.end <= amount.start and not any(y.end <= a.start < amount.start for a in amounts)]
        if not before:
            continue
        year, gap = before[-1], text[before[-1].end : amount.start]
        if _ADJACENT.match(gap) or _OPENS_ASIDE.fullmatch(gap) or _NOUN_PHRASE_GAP.fullmatch(gap):
            result[amount.start] = YearChoice(year, "bound")
            compared.add(id(year))
    return compared


def points_of_comparison(text: str, amounts: list[Amount]) -> set[int]:
    """The starts of the figures of a sentence (its amounts, in order) given for comparison (올해 6조원보다)
    or as the figure a change starts from (올해 6조원에서 7조원으로): their years are not the text's."""
    return {amount.start for index, amount in enumerate(amounts)
            if COMPARED.match(text, amount.end) or (_CHANGE_FROM.match(text, amount.end) and any(
                _CHANGE_TO.match(text, later.end) or _changed_to(text, earlier, later)
                for earlier, later in zip(amounts[index:], amounts[index + 1 :])))}


def _changed_to(text: str, earlier: Amount, later: Amount) -> bool:
    """Does a change word lead to `later` (… 8천억원 늘어난 4조6천억원)?"""
    return bool(_CHANGED_TO.search(text, max(earlier.end, later.start - _CHANGE_WORD_REACH), later.start))


def _is_deadline(year: Year) -> bool:
    """내년까지, 2027년까지: an end with no start, the deadline of what its own clause speaks of."""
    return year.year_end is not None and year.year_start is None and year.year is None


class YearTracker:
    """The year the text is talking about, for amounts whose sentence names none: the year of the
    last record, or the last free year of an earlier sentence (a budget article says 내년 once and
    lists its amounts after), with the organisation it was said of. Years of comparisons
    (올해 6780억원보다) and of a facility's completion (2027년 준공) are not carried."""

    def __init__(self) -> None:
        self.current: Year | None = None
        self.actor: str | None = None

    def end_of_sentence(self, years: list[Year], assigned: dict[int, YearChoice], records: list, actor: str | None) -> None:
        record_years = [(assigned[r.amount_start].year, actor or r.org) for r in records if r.amount_start in assigned]
        if record_years:
            self.current, self.actor = record_years[-1]
            return
        bound = {id(c.year) for c in assigned.values()}
        free = [y for y in years if not (y.comparison or y.completion or y.event) and id(y) not in bound]
        if free and not _within(free[-1], self.current):
            self.current, self.actor = free[-1], actor


def _within(year: Year, period: Year | None) -> bool:
    """Is `year` one year of `period` (2019년 within 향후 5년간 from 2019)? It does not change what the text
    is about then."""
    if period is None or year.year is None or period.year_start is None or period.year_end is None:
        return False
    return period.year_start <= year.year <= period.year_end
