"""The `krnews_years` component: years, periods and relative year words.

2024년, '24년, 2020~2024년, 2020년부터 2024년까지, 2024년까지 (an end), 2023년 말, and the words of
data/nlp/years.json (올해 0, 지난해 -1, 내년 +1 …) resolved against the publication date that the
pipeline puts in `doc.user_data["published"]` (a datetime.date, or None: then the year stays
unknown and only the offset is kept). 이듬해 is one year after the last year the text named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import doc_text
from .found import set_found
from .tables import load_table, longest_first

_TABLE = load_table("years")
RELATIVE: dict[str, int] = _TABLE["relative"]
_MIN, _MAX = _TABLE["min_year"], _TABLE["max_year"]


@dataclass(frozen=True)
class Year:
    start: int
    end: int
    year: int | None = None
    year_start: int | None = None
    year_end: int | None = None
    relative: int | None = None
    comparison: bool = False  # 전년보다, 올해 대비: a point of comparison, not the year the text is about
    completion: bool = False  # 2027년 준공: when a facility is finished, not when money is spent
    event: bool = False  # 올해 연말 착공, 2020년 설립된: when something happens, not the money's year


_FULL = r"(?:1[89]|20|21)\d{2}"
# 94년 8월, 08년 1분기, 98년부터, 94년도: a year written with two digits is one only where a date's
# words follow it, since 10년, 20년 alone are as often durations (10년 연속, 30년 역사)
_TWO_DIGITS = (
    rf"(?<!['‘’`~∼〜\-–])\d{{2}}(?=\s?년(?:도|\s?\d{{1,2}}\s?월|\s?[1-4]\s?분기"
    rf"|\s?(?:{longest_first(_TABLE['year_parts'])})(?=[^가-힣]|[에의은는부까]|$)|\s?(?:{longest_first(_TABLE['period_words'])})))"
)
_DURATION_LEADS = ("향후", "앞으로", "이후")
_PAST_SPAN = "동안"
# Characters a match can start with: the engine skips every other position at once.
_FIRST = "".join(sorted({re.escape(w[0]) for w in [*RELATIVE, *_TABLE["after_previous_year"], *_DURATION_LEADS]} | set("0123456789'‘’`")))
_PATTERN = re.compile(
    rf"(?=[{_FIRST}])(?:"
    rf"(?:(?<![가-힣\d])(?P<since>(?:{_FULL}|{_TWO_DIGITS})\s?년|{longest_first(RELATIVE)})\s?부터\s?)?(?:(?:{'|'.join(_DURATION_LEADS)})\s?)?(?<![\d,])(?<!\d\.)(?P<years>\d{{1,2}})\s?(?:년간|개년|년\s?동안)"
    rf"|(?<![\d,])(?<!\d\.)(?P<from>{_FULL})\s?년?\s?(?:부터|~|∼|〜|-|–)\s?(?P<to>{_FULL}|\d{{2}})\s?년(?:도)?(?P<to_until>\s?까지)?"
    rf"|(?<![\d,])(?<!\d\.)(?P<year>{_FULL}|{_TWO_DIGITS})(?P<nyeon>\s?년(?:도)?)(?:\s?(?P<part>{longest_first(_TABLE['year_parts'])})(?=[^가-힣]|[에의은는부까]|$))?(?P<bound>\s?(?:{longest_first(_TABLE['period_words'])}))?"
    rf"|[‘'’`](?P<short>\d{{2}})\s?년"
    rf"|(?<![가-힣])(?P<word>{longest_first(RELATIVE)})(?:(?:\s?(?:{longest_first(_TABLE['year_parts'])}))?(?P<word_bound>\s?(?:{longest_first(_TABLE['period_words'])})))?"
    rf"|(?<![가-힣])(?P<next>{longest_first(_TABLE['after_previous_year'])})"
    r")"
)
_BOUNDS = _TABLE["period_words"]
_SAME_CLAUSE = re.compile(r"[^.?!\n,]{0,20}")
_PERIOD_GAP = re.compile(r"\s?(?:(?:%s)\s?)?$" % longest_first(_TABLE["period_joiners"]))
# 올해보다, 올해 예산 대비, 올해 본예산에 비해, 지난해 52.5%보다: the year of a point of comparison, written right
# before the comparison word or before a noun phrase of at most two words that no case particle closes, or
# before a figure that is no money (money compared is dated by its own amount: normalise/years.points_of_comparison)
_COMPARISON = re.compile(r"(?:\s[^\s,.()\d]*[^\s,.()\d%s]){0,2}?(?:\s?\d[\d,.]*\s?(?:%s))?\s?(?:%s)" % (
    "".join(load_table("funding")["grammar"]["case_endings"]), longest_first(_TABLE["compared_figure_units"]),
    longest_first(_TABLE["comparison_after"])))
# 2027년 준공, 내년 8월 완공: the year a project ends.
# 2027년 준공, 내년 8월 완공, 올해 연말 착공: a date in a project's schedule.
_SCHEDULE_GAP = r"(?:\s?(?:\d{1,2}\s?월|%s))?\s?" % longest_first(_TABLE["year_parts"])
_COMPLETION = re.compile(_SCHEDULE_GAP + "(?:%s)" % longest_first(_TABLE["completion_after"]))
_EVENT = re.compile(_SCHEDULE_GAP + "(?:%s)(?![비금액])" % longest_first(_TABLE["event_after"]))  # not 착공비
# 2002년 안면도 국제꽃박람회, 2001년 천안전국체전: a year that heads an event's name is the event's
_EVENT_NAME = re.compile(r"\s?(?:[가-힣A-Za-z·]+\s){0,2}?[가-힣A-Za-z·]*(?:%s)" % longest_first(load_table("orgs")["event_heads"]))



def _plausible(year: int) -> bool:
    return _MIN <= year <= _MAX


def _short_year(two_digits: str, published) -> int:
    """'24년 -> 2024; '98년 -> 1998 (a century that puts it at most 10 years after publication)."""
    reference = published.year if published else 2000
    year = 2000 + int(two_digits)
    return year if year <= reference + 10 else year - 100


def _full_year(digits: str, published) -> int:
    return int(digits) if len(digits) == 4 else _short_year(digits, published)


def _read(match: re.Match, published, last_year: int | None) -> Year | None:
    """The meaning of one match, or None when it is not a year."""
    start, end = match.span()
    if match.group("years"):
        return _duration(match, published, start, end)
    if match.group("from"):
        first, second = int(match.group("from")), match.group("to")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if not (_plausible(first) and first < last):
            return None
        return Year(start, end, year_start=first, year_end=last)
    if match.group("year"):
        year = _full_year(match.group("year"), published)
        if not _plausible(year):
            return None
        bound = (match.group("bound") or "").strip()
        if bound:
            return Year(start, end, year_end=year) if _BOUNDS[bound] == "end" else Year(start, end, year_start=year)
        return Year(start, match.end("part") if match.group("part") else match.end("nyeon"), year=year)
    if match.group("short"):
        return Year(start, end, year=_short_year(match.group("short"), published))
    if match.group("word"):
        offset = RELATIVE[match.group("word")]
        year = published.year + offset if published else None
        bound = (match.group("word_bound") or "").strip()
        if bound and year is not None:  # 내년까지, 올해부터
            return Year(start, end, year_end=year, relative=offset) if _BOUNDS[bound] == "end" else Year(start, end, year_start=year, relative=offset)
        return Year(start, match.end("word"), year=year, relative=offset)
    if last_year is None:
        return None
    return Year(start, end, year=last_year + 1)


def _duration(match: re.Match, published, start: int, end: int) -> Year | None:
    """5년간 from a stated start (올해부터 5년간, 2021년부터 5년간), else from the publication year."""
    since, count = match.group("since"), int(match.group("years"))
    if since and since[0].isdigit():
        first = _full_year(since.rstrip("년 "), published)
    elif since:
        first = published.year + RELATIVE[since] if published else None
    else:
        first = published.year if published else None
    if first is None or count < 2:
        return None
    return Year(start, end, year_start=first, year_end=first + count - 1)


def _in_context(text: str, meaning: Year, previous: Year | None) -> Year | None:
    """What the words around a year change: 보다 (comparison), 준공 (an end year), and a duration
    right after a period it only restates (2015년부터 2024년까지 10년간)."""
    if meaning.year is not None and _COMPLETION.match(text, meaning.end):
        return replace(meaning, year=None, year_end=meaning.year, completion=True)
    if _EVENT.match(text, meaning.end) or (meaning.year is not None and _EVENT_NAME.match(text, meaning.end)):
        return replace(meaning, event=True)
    if _COMPARISON.match(text, meaning.end):
        return replace(meaning, comparison=True)
    if previous is not None and meaning.year is None and meaning.year_start is not None and text[previous.end : meaning.start].strip() == "":
        return None
    return meaning


def _is_start(year: Year) -> bool:
    return year.year_start is not None and year.year_end is None


def _is_end(year: Year) -> bool:
    return year.year_end is not None and year.year_start is None and not year.completion


def _restates_end(text: str, period: Year, end: Year) -> bool:
    """An end year that closes the period just stated, a few words on in the same clause, is that period."""
    return (period.year_start is not None and period.year_end is not None and _is_end(end)
            and end.year_end == period.year_end and _SAME_CLAUSE.fullmatch(text, period.end, end.start) is not None)


def find_years(doc: Doc) -> list[Year]:
    published = doc.user_data.get("published")
    text = doc_text(doc)
    found = []
    last_year = None
    previous = None
    for match in _PATTERN.finditer(text):
        meaning = _read(match, published, last_year)
        duration = meaning is not None and bool(match.group("years")) and match.group("since") is None
        if duration and previous is not None and _is_end(previous) and text[previous.end : meaning.start].strip() == "":
            # 2001년까지 7년동안, 2036년까지 15년간: the duration counts back from the end just stated
            meaning = Year(previous.start, meaning.end, year_start=previous.year_end - int(match.group("years")) + 1,
                           year_end=previous.year_end, relative=previous.relative)
            found.pop()
        elif meaning is not None and match.group("years") and _PAST_SPAN in match.group():
            continue  # 10년 동안 일했다: how long something lasted, a year of money only after an end year
        elif duration:
            meaning = _in_context(text, meaning, previous)
        elif meaning is not None:
            meaning = _in_context(text, meaning, None)
        if meaning is None:
            continue
        if previous is not None and _is_start(previous) and _is_end(meaning) and previous.year_start <= meaning.year_end \
                and _PERIOD_GAP.match(text, previous.end, meaning.start):  # 내년부터 2027년까지: one period
            meaning = Year(previous.start, meaning.end, year_start=previous.year_start, year_end=meaning.year_end,
                           relative=previous.relative)
            found.pop()
        elif previous is not None and _restates_end(text, previous, meaning):  # 94년부터 7개년 계획으로 오는 2000년까지
            meaning = replace(meaning, year_start=previous.year_start)
        previous = meaning
        found.append(meaning)
        last_year = meaning.year or meaning.year_end or last_year
    return found


@Language.factory("krnews_years", default_config={})
def make_years_component(nlp: Language, name: str):
    """Years: found(doc, "years") (Year objects), doc.spans["years"] with span._.year."""

    def years_component(doc: Doc) -> Doc:
        set_found(doc, "years", find_years(doc))
        return doc

    return years_component
