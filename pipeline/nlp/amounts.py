"""The `krnews_amounts` component: money amounts with their value in won.

Candidates come from one regular expression built from data/nlp/numerals.json and amounts.json;
each is then checked against MeCab's morphemes: the currency must be a token of its own
(원 as in 200억원, not 원자력), and an amount written without a currency must not be followed
by a counter (200억 개, 3억 명, 1억 년 are not money).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import doc_text
from .found import set_found
from .numerals import HANGUL_DIGITS, LARGE_UNITS, SMALL_UNITS, parse_number
from .tables import load_table, longest_first

_TABLE = load_table("amounts")
CURRENCIES: dict[str, str] = _TABLE["currencies"]


@dataclass(frozen=True)
class Amount:
    """What an amount mention means: value in its currency, won value when exact and in won."""

    start: int
    end: int
    value: Decimal | None
    currency: str
    approximate: bool
    value_low: Decimal | None = None
    note: str | None = None  # why a number that looks like money has no value

    @property
    def value_krw(self) -> int | None:
        if self.currency != "KRW" or self.value is None:
            return None
        return int(self.value.to_integral_value(ROUND_HALF_UP))  # 1175.9원 (an exchange rate) -> 1176


_DASHES = "~∼〜\\-–"
# A range's low end and its currency are made of these characters, then comes the dash. Looking for
# that dash first spares the engine trying every way to read a numeral as a range's low end (two
# thirds of the regex's time, as most amounts are no range); it rejects only what the range would.
_RANGE_LOW_CHARS = "".join([*HANGUL_DIGITS, *SMALL_UNITS, *LARGE_UNITS, *_TABLE["vague_numerals"], *CURRENCIES, "여,."])
RANGE_AHEAD = r"(?=[\d\s%s]*+[%s])" % ("".join(map(re.escape, sorted(set(_RANGE_LOW_CHARS)))), _DASHES)


def _amount_regex() -> re.Pattern:
    # (?!\d): a number takes its whole digit run, so the engine never tries every way of splitting
    # a long run into numbers (a 20-digit run took seconds, each further digit doubling it).
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?(?!\d)"
    hangul_digit = "[%s]" % "".join(HANGUL_DIGITS)
    small, large = "[%s]" % "".join(SMALL_UNITS), "[%s]" % "".join(LARGE_UNITS)
    group = rf"(?:(?:{number}|{hangul_digit})?{small}|{number}|{hangul_digit})+"
    vague = rf"(?:{longest_first(_TABLE['vague_numerals'])}){small}?"
    # 1조 2천억 / 1억6천400여만 / 200여억 / 수백억: groups each closed by a large unit, maybe a tail (4177).
    currency = longest_first(CURRENCIES)
    # 1만 6000원: a tail after a space only when the currency follows. A hangul digit in the tail only
    # multiplies a small unit (2억이천만원): alone after a large unit it is a particle (29억이다, 20억이 투입).
    tail_group = rf"(?:(?:{number}|{hangul_digit})?{small}|{number})+"
    tail = rf"(?:{tail_group}|\s{group}(?=\s?(?:{currency})))"
    # 3천 163억원, 19억 8천 3백만 원, 천 400억 원: before a large unit, a small unit may stand apart from the rest
    spaced = rf"(?:(?:(?:{number}|{hangul_digit})?{small}\s)*{group})"
    with_units = rf"(?:(?:{spaced}|{vague})\s?여?\s?{large}(?:\s?(?={spaced}\s?여?\s?{large}))?)+{tail}?여?"
    numeral = rf"(?:{with_units}|{group})"
    # Not inside another number; a hangul numeral not inside a word. Digits may follow a word
    # directly (연봉은7억 원, 284쪽1만6500원: spacing is often lost in scraped text).
    units = "".join(SMALL_UNITS) + "".join(LARGE_UNITS)
    start = rf"(?:(?<![\d,A-Za-z{units}])(?<!\d\.)(?=\d)|(?<![\w.,]))"
    # Every amount starts with one of these characters: testing it first lets the regex engine pass
    # over the other positions at once (a third of the component's time).
    first = "".join(dict.fromkeys("".join(HANGUL_DIGITS) + "".join(SMALL_UNITS) + "".join(w[0] for w in _TABLE["vague_numerals"])))
    return re.compile(
        rf"(?=[\d{first}])(?:{start}(?:"
        rf"{RANGE_AHEAD}(?P<low>{numeral})\s?(?:(?P<low_currency>{currency})\s?)?[{_DASHES}]\s?(?P<high>{numeral})(?:\s?(?P<currency>{currency}))?"
        rf"|(?P<single>{numeral})(?:\s?(?P<single_currency>{currency}))?"
        rf"))"
    )


AMOUNT_PATTERN = _amount_regex()
# Any sentence that may hold money matches this: the tokenizer gives morphemes only to those.
MORPH_TRIGGER = r"[\d%s%s]\s?여?\s?(?:[%s]|%s)" % (  # 여: 2,300여억원
    "".join(HANGUL_DIGITS),
    "".join(SMALL_UNITS),
    "".join(LARGE_UNITS),
    longest_first(CURRENCIES),
)
_APPROX_PREFIX = re.compile(r"(?:%s)\s?$" % longest_first(_TABLE["approx_prefixes"]))
# 200억원 가량이, 1000억원대의: the marker is a word of its own, maybe with a particle (not 200억원 대출).
_APPROX_SUFFIX = re.compile(r"\s?(?:%s)(?=[^가-힣]|[이은는을를의에가도로과와다였]|$)" % longest_first(_TABLE["approx_suffixes"]))
_NUMERAL_CHARS = frozenset("0123456789,." + "".join(SMALL_UNITS) + "".join(LARGE_UNITS))
_UNIT_OR_DIGIT = re.compile(r"[\d%s%s]" % ("".join(SMALL_UNITS), "".join(LARGE_UNITS)))
_APPROX_WORDS = frozenset(_TABLE["approx_suffixes"])
# 제111조, 헌법 10조, and the last of a list of articles: 제110·111조
_NOT_BEFORE_BARE = re.compile(r"(?:%s)\s?(?:\d+\s?조?\s?[·,]\s?)*$" % longest_first(_TABLE["not_before_bare_amount"]))
_NOT_BEFORE_BARE_WINDOW = 16  # characters: the word and a short list of article numbers
_VAGUE = re.compile(r"^(?:%s)" % longest_first(_TABLE["vague_numerals"]))
_BARE_UNITS = tuple(_TABLE["bare_amount_units"])
_COUNTERS = frozenset(_TABLE["counters"])
_NOUNS_AFTER_BARE = frozenset(_TABLE["nouns_after_bare_amount"])



_BEYOND_ANY_BUDGET = Decimal(_TABLE["beyond_any_budget"])
BEYOND_ANY_BUDGET_NOTE = f"larger than {_BEYOND_ANY_BUDGET:,} (no budget is): value not kept"


def _value(numeral: str) -> Decimal | None:
    return None if _VAGUE.match(numeral) else parse_number(numeral)


def _budget_sized(value: Decimal | None) -> Decimal | None:
    return value if value is None or value <= _BEYOND_ANY_BUDGET else None


def _has_large_unit(numeral: str) -> bool:
    return any(unit in numeral for unit in LARGE_UNITS)


def _last_large_unit(numeral: str) -> str:
    return max(LARGE_UNITS, key=lambda unit: numeral.rfind(unit)) if _has_large_unit(numeral) else ""


def _range_low(low: str, high: str) -> Decimal | None:
    """100~200억원: the low end borrows the high end's unit when it has none of its own."""
    if _has_large_unit(low):
        return _value(low)
    return _value(low + _last_large_unit(high))


def _token_after(doc: Doc, end_char: int):
    span = doc.char_span(end_char, end_char, alignment_mode="expand")
    index = span.start if span is not None else None
    return doc[index] if index is not None and index < len(doc) else None


def _currency_is_a_word(doc: Doc, start: int, end: int) -> bool:
    """원 in 200억원 is its own morpheme; in 200억 원자력 it is the start of another word. MeCab may
    glue the currency to a unit or a marker (조원대 in 3조원대, 원대 in 2만9000원대): that is fine."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if token.tag_ == "EOJEOL" or doc.char_span(start, end) is not None:  # whole tokens: 원, 홍콩 달러
        return True
    if len(span) != 1:
        return False
    before = token.text[: start - token.idx]
    after = token.text[end - token.idx :]
    return all(c in _NUMERAL_CHARS for c in before) and (not after or after in _APPROX_WORDS)


def _bare_amount_is_money(doc: Doc, numeral: str, start: int, end: int) -> bool:
    """200억을 투입 is money; 200억 개, 3억 명, 1억 년, 제111조 and 2인 1조 are not."""
    if not numeral[0].isdigit() or not numeral.rstrip("여").endswith(_BARE_UNITS):
        return False
    if _NOT_BEFORE_BARE.search(doc_text(doc), max(0, start - _NOT_BEFORE_BARE_WINDOW), start):
        return False
    token = _token_after(doc, end)
    if token is None:
        return True
    if token.tag_ == "EOJEOL":  # the sentence was not analysed: judge by the next word alone
        return not any(token.text.startswith(c) for c in _COUNTERS)
    if token.text in _COUNTERS or token.tag_ in ("NNBC", "NNB"):
        return False
    if token.tag_.startswith(("NN", "SL", "SN", "XSN")):
        return token.text in _NOUNS_AFTER_BARE
    return True


def find_amounts(doc: Doc) -> list[Amount]:
    text = doc_text(doc)
    found = []
    for match in AMOUNT_PATTERN.finditer(text):
        single = match.group("single") is not None
        numeral = match.group("single") if single else match.group("high")
        currency_word = match.group("single_currency") if single else match.group("currency")
        start, end = match.span()
        if not _UNIT_OR_DIGIT.search(numeral):
            continue  # not a numeral: a lone hangul digit (사이엔)
        if currency_word:
            if not _currency_is_a_word(doc, end - len(currency_word), end):
                continue
        elif not _bare_amount_is_money(doc, numeral, start, end):
            continue
        # The value last, once: most candidates (years, counts) are rejected above, more cheaply.
        value = _value(numeral)
        if value is None and not _VAGUE.match(numeral):
            continue  # not a numeral: digits then a word (10일엔)
        low = None if single else _budget_sized(_range_low(match.group("low"), numeral))
        note = None
        if value is not None and _budget_sized(value) is None:
            value, note = None, BEYOND_ANY_BUDGET_NOTE
        approximate = (
            value is None
            or "여" in numeral
            or bool(_APPROX_PREFIX.search(text, max(0, start - 5), start))
            or bool(_APPROX_SUFFIX.match(text, end))
        )
        found.append(Amount(
            start=start,
            end=end,
            value=value,
            currency=CURRENCIES[currency_word] if currency_word else "KRW",
            approximate=approximate,
            value_low=low,
            note=note,
        ))
    return found


@Language.factory("krnews_amounts", default_config={})
def make_amounts_component(nlp: Language, name: str):
    """Amounts: found(doc, "amounts") (Amount objects), doc.spans["amounts"] with span._.amount."""

    def amounts_component(doc: Doc) -> Doc:
        set_found(doc, "amounts", find_amounts(doc))
        return doc

    return amounts_component
