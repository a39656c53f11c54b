"""An article's dates as a reader finds them on the page, for pages whose metadata gives none.

In order of trust: a `<time datetime>` element, the byline block's labelled date (입력 / 기사입력 /
등록 / 승인 / 게재 …; 수정 / 업데이트 give the update), a date in the article URL, and last the first
date with a time anywhere else on the page. Related-article lists, comments, rankings, navigation
and footers are removed first, so their dates are never taken. Vocabulary: data/scrapers/dates.json.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from krnews.data import DATA_DIR

from .dates import KST, parse_datetime
from .htmltext import text_lines

VOCABULARY_FILE = DATA_DIR / "scrapers" / "dates.json"
MAX_DATE_LINE = 80  # a byline or date line; longer lines are sentences that may cite other dates
# /2020/08/27/, 2020-08-27, and 20200827 opening an article number (2020082704301, MYH20230420009000641)
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])")
_HAS_TIME = re.compile(r"\d{1,2}\s*[:시]\s*\d{2}")


@dataclass(frozen=True)
class ReaderDates:
    published: dt.datetime | None = None
    updated: dt.datetime | None = None


@dataclass(frozen=True)
class _Vocabulary:
    labels: re.Pattern  # group "published" or "updated" names the kind of label found
    skip: tuple[str, ...]


@cache
def _vocabulary() -> _Vocabulary:
    raw = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(word).replace(r"\ ", r"\s?") for word in sorted(words, key=len, reverse=True))

    suffix = alternation(raw["label_suffixes"])
    labels = re.compile(
        rf"(?:^|[\s\d|/·\[(<])(?:(?P<updated>{alternation(raw['updated_labels'])})|(?P<published>{alternation(raw['published_labels'])}))"
        rf"\s*(?:{suffix})?\s*[:：]?\s*(?=(?:19|20)\d\d)")
    return _Vocabulary(labels=labels, skip=tuple(raw["skip_selectors"]))


def reader_dates(tree: LexborHTMLParser, url: str | None) -> ReaderDates:
    """Dates from the page's visible parts; `tree` is left as it was."""
    page = tree.clone()
    for selector in _vocabulary().skip:
        for node in page.css(selector):
            node.decompose()
    lines = [line for line in text_lines(page.body) if len(line) <= MAX_DATE_LINE] if page.body else []
    labelled, updated = _labelled(lines)
    published = _time_element(page) or labelled or _url_or_page_date(url, lines)
    return ReaderDates(published=published, updated=updated)


def _time_element(page: LexborHTMLParser) -> dt.datetime | None:
    nodes = page.css("time[datetime]")
    nodes.sort(key=lambda node: node.attributes.get("itemprop") != "datePublished" and "pubdate" not in node.attributes)
    for node in nodes:
        if found := parse_datetime(node.attributes.get("datetime")):
            return found
    return None


def _labelled(lines: list[str]) -> tuple[dt.datetime | None, dt.datetime | None]:
    published = updated = None
    for line in lines:
        for match in _vocabulary().labels.finditer(line):
            found = parse_datetime(line[match.end():])
            if match.group("published") and published is None:
                published = found
            elif match.group("updated") and updated is None:
                updated = found
        if published is not None and updated is not None:
            break
    return published, updated


def _url_or_page_date(url: str | None, lines: list[str]) -> dt.datetime | None:
    """The URL's day, to the minute when the page's first timed date falls on that day; without a
    date in the URL, that first timed date."""
    timed = _first_timed(lines)
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    if not match:
        return timed
    try:
        day = dt.date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    except ValueError:
        return timed
    if day > dt.datetime.now(KST).date():  # a serial number, not a date
        return timed
    if timed is not None and timed.astimezone(KST).date() == day:
        return timed
    return dt.datetime(day.year, day.month, day.day, tzinfo=KST)


def _first_timed(lines: list[str]) -> dt.datetime | None:
    for line in lines:
        if _HAS_TIME.search(line) and (found := parse_datetime(line)):
            return found
    return None
