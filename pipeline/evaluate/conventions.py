"""The scorer's own reading of tagged corpora: which spans are money, which hold a year, and the
regular expressions that find them. Independent of krnews.nlp on purpose — a scorer that shared the
extractor's rules would agree with its mistakes."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from krnews.data import DATA_DIR

_BIG_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SMALL = rf"(?:{_NUMBER}[십백천])*{_NUMBER}[십백천]?"
# 26조5041억, 1억 2000만, 2천5백만, 3162만1000 — groups of digits each closed by a big unit.
_AMOUNT = rf"(?=\d)(?:{_SMALL}\s*[만억조경]\s*)*(?:{_SMALL})?"
_TOKEN = re.compile(rf"({_NUMBER})([십백천])?|([만억조경])")
RANGE_MARKS = ("~", "∼", "-", "–", "〜")
_RANGE = r"\s*[~∼\-–〜]\s*"


@dataclass(frozen=True)
class Conventions:
    tags: dict[str, str]
    tag_aliases: dict[str, str]
    place_tags: frozenset[str]
    period_tags: frozenset[str]
    channel_tags: frozenset[str]
    currencies: dict[str, str]
    countries: frozenset[str]
    # KMOU leaves 정부/검찰/국회 untagged nearly always; krnews keeps them as organisations (the product
    # needs 정부 as an actor), so the mapped figures excuse ours on them instead of counting them wrong.
    untagged_orgs: frozenset[str]
    # KMOU writes the location inside an organisation span (<일본 소프트뱅크:ORG>); krnews takes the name.
    place_prefixes: frozenset[str]
    legal_marks: tuple[str, ...]  # ㈜, (주): KMOU keeps them in an organisation span, krnews does not
    particles: tuple[str, ...]
    money: re.Pattern
    year: re.Pattern
    year_word: re.Pattern


@lru_cache(maxsize=1)
def conventions() -> Conventions:
    table = json.loads((DATA_DIR / "eval" / "conventions.json").read_text(encoding="utf-8"))
    currencies = table["currencies"]
    currency = "|".join(re.escape(word) for word in sorted(currencies, key=len, reverse=True))
    words = "|".join(re.escape(word) for word in sorted(table["year_words"], key=len, reverse=True))
    four = r"(?:1[89]|20)\d{2}"
    # 년 but not 년대: a decade is not a year. Two digits alone (<96년:DAT>) may be a duration, but
    # not with a month after them (96년 8월).
    year = (rf"(?:{four}(?:{_RANGE}(?:{four}|\d{{2}}))?|['‘’]\d{{2}})\s*년(?!대)|{four}{_RANGE}{four}"
            rf"|(?<![\d'‘’])\d{{2}}\s*년(?=\s*\d{{1,2}}\s*월)")
    return Conventions(
        tags=table["tags"],
        tag_aliases=table["tag_aliases"],
        place_tags=frozenset(table["place_tags"]),
        period_tags=frozenset(table["period_tags"]),
        channel_tags=frozenset(table["channel_tags"]),
        currencies=currencies,
        countries=frozenset(table["countries"]),
        untagged_orgs=frozenset(table["untagged_orgs"]),
        place_prefixes=frozenset(table["place_prefixes"]) | frozenset(table["countries"]),
        legal_marks=tuple(sorted(table["legal_marks"], key=len, reverse=True)),
        particles=tuple(sorted(table["particles"], key=len, reverse=True)),
        money=re.compile(rf"(?P<amount>{_AMOUNT})\s*(?P<approx>여\s*)?(?P<currency>{currency})"),
        year=re.compile(rf"{year}|{words}"),
        year_word=re.compile(rf"(?:{words})$"),
    )


def parse_money(text: str) -> tuple[Decimal, str] | None:
    """(value, ISO currency) of the money in `text`; for a range the upper end. None when there is none.

    >>> parse_money("26조5041억 원")
    (Decimal('26504100000000'), 'KRW')
    """
    matches = list(conventions().money.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    value = _value(last["amount"])
    return (value, conventions().currencies[last["currency"]]) if value is not None else None


def _value(amount: str) -> Decimal | None:
    total, group = Decimal(0), Decimal(0)
    for number, small, big in _TOKEN.findall(amount):
        if big:
            total += group * _BIG_UNITS[big]
            group = Decimal(0)
        else:
            group += Decimal(number.replace(",", "")) * _SMALL_UNITS.get(small, 1)
    total += group
    return total if total > 0 else None


def is_money(text: str) -> bool:
    return conventions().money.search(text) is not None


def money_core(text: str) -> tuple[int, int] | None:
    """Offsets of the money inside a span: first digit to the last currency word (drops 약/총, 이상,
    particles; keeps a range 100억~200억원 whole); None when the span holds no money."""
    matches = list(conventions().money.finditer(text))
    if not matches:
        return None
    first_digit = re.search(r"\d", text)
    return (min(first_digit.start(), matches[0].start()), matches[-1].end())


def year_units(text: str) -> list[tuple[int, int]]:
    """Offsets of each year expression inside a span ("2020년부터 2024년까지" holds two)."""
    return [m.span() for m in conventions().year.finditer(text)]


def is_year_word(text: str) -> bool:
    return conventions().year_word.match(text) is not None


def org_name_offsets(text: str) -> tuple[int, int]:
    """Offsets of an organisation's name inside a span, without a legal-form mark at either end
    ("㈜한빛소재" -> 한빛소재, "한빛소재(주)" -> 한빛소재)."""
    start, end = 0, len(text)
    for mark in conventions().legal_marks:
        if text.startswith(mark, start) and end - start > len(mark):
            start = len(mark) + (text[len(mark):len(mark) + 1] == " ")
        if text.endswith(mark, start, end) and end - start > len(mark):
            end -= len(mark)
    return start, end


def strip_particle(text: str) -> str | None:
    """`text` without one trailing case particle, or None when it ends in none."""
    for particle in conventions().particles:
        if text.endswith(particle) and len(text) > len(particle):
            return text[: -len(particle)]
    return None


@lru_cache(maxsize=1)
def convention_rules() -> dict[str, dict[str, str]]:
    """{amount|year|org|records: {convention name: what it does}}, the order the reports list them in."""
    table = json.loads((DATA_DIR / "eval" / "convention_rules.json").read_text(encoding="utf-8"))
    return {kind: rules for kind, rules in table.items() if not kind.startswith("_")}
