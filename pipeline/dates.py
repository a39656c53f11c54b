"""Publication dates: parse what users pass, find the one a plain-text article states, and say when
an article's relative years (올해, 지난해) stay unresolved for want of one."""
from __future__ import annotations

import datetime as dt
import re

from krnews.models import Document
from krnews.nlp.tables import load_table

# "입력 2024-03-12 10:05", "기사입력 2024.03.12", "최종수정 : 2020-01-08", "등록 2019/12/22"
_STATED = re.compile(
    r"(?:입력|등록|기사입력|최종수정|수정|송고|발행|게재)\s*[:：]?\s*(?P<y>(?:19|20)\d{2})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})"
)


def parse_date(value) -> dt.date | None:
    """A date from a date, a datetime or an ISO string ("2020-01-15", "2020-01-15T09:00:00+09:00")."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def stated_date(text: str) -> dt.date | None:
    """The publication date a plain-text article states in its byline lines, if any."""
    match = _STATED.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


# "2022년도 예산안" beside "내년도": an undated budget story is written the year before its budget year;
# so is one whose sentence gives its money both years (2006년도 … 2021억 원의 내년도 예산(안)). A budget
# year the figure is compared with (2005년도 예산 2019억 원보다) is not the coming one.
_BUDGET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})년도?\s?(?:정부\s?)?(?:본?예산안?|예산\s?편성)")
_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})년도?")
_NEXT_YEAR = re.compile(r"(?<![가-힣])내년도?")
_SENTENCE = re.compile(r"[^.?!\n]+")
_COMPARED_AFTER = re.compile(r"[^.?!\n]{0,30}?(?:%s)" % "|".join(map(re.escape, load_table("years")["comparison_after"])))


def budget_year_reference(text: str) -> dt.date | None:
    """For an article with no date: a reference for 올해/내년 when it names the coming year's budget
    (YYYY년도 예산안) and calls it 내년; None otherwise. Used only to resolve relative years."""
    if not _NEXT_YEAR.search(text):
        return None
    years = {int(m[1]) for m in _BUDGET_YEAR.finditer(text) if not _COMPARED_AFTER.match(text, m.end())}
    years |= {int(m[1]) for sentence in _SENTENCE.finditer(text) if _NEXT_YEAR.search(sentence.group())
              for m in _FULL_YEAR.finditer(sentence.group()) if not _COMPARED_AFTER.match(sentence.group(), m.end())}
    return dt.date(max(years) - 1, 1, 1) if len(years) == 1 else None


def unresolved_years(document: Document) -> list[str]:
    """Relative years (올해, 지난해…) left without a value because the article states no date and none
    was given: their texts, in order, once each."""
    if document.article.published is not None:
        return []
    texts = (m.text for m in document.mentions if m.kind == "year" and m.relative is not None and m.year is None)
    return list(dict.fromkeys(texts))


def unresolved_years_warning(document: Document, remedy: str = "published=YYYY-MM-DD") -> str | None:
    """One line naming the document and its unresolved relative years, or None."""
    texts = unresolved_years(document)
    if not texts:
        return None
    article = document.article
    name = article.url or article.doc_id + (f" ({article.title})" if article.title else "")
    return f"{name}: {'/'.join(texts)} left without a year: the article states no date; give one with {remedy}"
