"""What consolidation compares of two records: names, periods, values, stages, and whether a changed
figure is a revision of the same initiative. Every rule looks at two records only, never at a group.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from krnews.models import InitiativeRecord
from krnews.nlp.numerals import parse_number

from .rules import rules

_NOT_NAME_CHARS = re.compile(r"[\W_]+")
# An amount of a sentence, written with a large unit: 1614억, 2천5백억, 1조 1594억, 1,300 억, 3천 163억원; the
# large units in falling order (조, 억, 만), so "1천11억 972억" is two amounts. Each of at most three
# repetitions of a group takes a small unit (천, 백, 십): a long run of digits is read one way, in linear time.
_GROUP = r"\d[\d,.]*(?:\s?[천백십](?:\s?\d[\d,.]*)?){0,3}"
_FIGURE = re.compile(
    rf"(?<![\d.,천백십만억조])(?:{_GROUP}\s?조(?:\s?{_GROUP}\s?억)?(?:\s?{_GROUP}\s?만)?"
    rf"|{_GROUP}\s?억(?:\s?{_GROUP}\s?만)?|{_GROUP}\s?만)(?:\s?{_GROUP}(?=\s?원))?"
)
_MARGIN = 1e-9  # float rounding must not make the candidate pre-filter asymmetric


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
    sentence: str = ""
    words: tuple = field(default=(), compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "words", name_words(self.name))

    @cached_property
    def compact_name(self) -> str:
        return "".join(self.words)

    @cached_property
    def compact_sentence(self) -> str:
        """For a record without a name: the project is usually still in its sentence (the organisation's
        own name left out: 산업통상자원부 says nothing about 산업)."""
        return _compact(self.sentence.replace(self.org, " ") if self.org else self.sentence)

    @cached_property
    def sentence_grams(self) -> frozenset:
        text = self.compact_sentence
        return frozenset(text[i : i + 2] for i in range(len(text) - 1))

    @cached_property
    def figures(self) -> frozenset:
        """The other amounts of the sentence, by value: two outlets' rewrites of one release repeat them
        (1836억 and 812억 around 1614억) where another year's list of the same shape does not. Shares (14%)
        are left out: they recur across years."""
        values = (parse_number(match[0]) for match in _FIGURE.finditer(self.sentence))
        return frozenset(value for value in values if value is not None and value != self.amount)

    @classmethod
    def of(cls, record: InitiativeRecord) -> "RecordKey":
        amount = record.amount_krw if record.amount_krw is not None else record.amount
        return cls(
            record_id=record.record_id, doc_id=record.doc_id, org=record.org, currency=record.currency,
            amount=float(amount) if amount is not None else None, amount_krw=record.amount_krw,
            amount_text=record.amount_text, year=record.year, year_start=record.year_start,
            year_end=record.year_end, name=record.initiative, funding_type=record.funding_type,
            stage=stage_of(record.sentence), published=record.published, url=record.url, outlet=record.outlet,
            sentence=record.sentence,
        )

    def row(self) -> dict:
        """Column values for storage (everything but the derived words)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "words"}


def stage_of(sentence: str) -> str | None:
    """final (확정, 국회 통과…) before proposal (예산안, 정부안…): "예산안이 국회를 통과" is final."""
    stages = rules()["stages"]
    for stage in ("final", "proposal"):
        if any(cue in sentence for cue in stages[stage]):
            return stage
    return None


@lru_cache(maxsize=65536)
def name_words(name: str | None) -> tuple[str, ...]:
    """The words of a name, lower case, without punctuation or generic words (예산, 사업비…): "예산"
    alone is no name."""
    if not name:
        return ()
    stop_words = rules()["name_stop_words"]
    return tuple(word for word in (_compact(w) for w in name.split()) if word and word not in stop_words)


def _compact(text: str) -> str:
    return _NOT_NAME_CHARS.sub("", text.lower())


def words_found(words: tuple[str, ...], compact: str) -> float:
    return sum(word in compact for word in words) / len(words)


def names_agree(a: RecordKey, b: RecordKey, threshold: float) -> bool:
    """Two names: `threshold` of the words of the one with fewer words appear in the other (spacing
    ignored: AI 융합 산업 ~ AI융합산업; 북구 … 사업 and 남구 … 사업 differ). One name: its words appear in
    the other record's sentence. No name: the two sentences are nearly the same (bigram Jaccard), so
    that records without a name never bridge two projects of one organisation."""
    if a.words and b.words:
        fewer, more = (a, b) if (len(a.words), a.compact_name) <= (len(b.words), b.compact_name) else (b, a)
        return words_found(fewer.words, more.compact_name) >= threshold
    if a.words or b.words:
        named, other = (a, b) if a.words else (b, a)
        return words_found(named.words, other.compact_sentence) >= threshold
    union = a.sentence_grams | b.sentence_grams
    return bool(union) and len(a.sentence_grams & b.sentence_grams) / len(union) >= rules()["unnamed_sentence_similarity"]


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


def comparable(a: RecordKey, b: RecordKey) -> bool:
    """Money that can be compared at all: one known organisation, one currency, both amounts known."""
    return a.org is not None and a.org == b.org and a.currency == b.currency and a.amount is not None and b.amount is not None


def trailing_zeros(amount: float | None) -> int:
    """Roundness of a figure: 222억원 has 8 trailing zeros, 222억417만원 has 4."""
    if amount is None or amount != amount:  # NaN
        return 99
    value = int(round(abs(amount)))
    if value == 0:
        return 99
    zeros = 0
    while value % 10 == 0:
        value //= 10
        zeros += 1
    return zeros


def significant_digits(amount: float) -> int:
    """How specific a figure is: 100억 has 1 significant digit, 6조8천억 2, 14조1759억 6."""
    value = int(round(abs(amount)))
    return len(str(value).rstrip("0")) if value else 0


def same_value(a: float, b: float) -> bool:
    """The same value, spelled alike or rounded: equal, or within the rounding tolerance with the rounder
    figure the other rounded to its own last digit (222억 ~ 222억417만, 1조800억 ~ 1조815억; but 1013억 and
    1011억, both to the 억, are two values)."""
    if a == b:
        return True
    if relative_change(a, b) > rules()["amount_tolerance"]:
        return False
    return abs(a - b) < 10 ** min(max(trailing_zeros(a), trailing_zeros(b)), 30)


def revision_of(a: RecordKey, b: RecordKey) -> bool:
    """A changed figure of the same initiative: a later article (both dated: an undated one cannot say what
    came first), a change of stage (예산안 → 확정; two figures of one stage, such as those of one sentence,
    are two moneys), both named alike, a bounded change."""
    if a.published is None or b.published is None or a.doc_id == b.doc_id or a.stage == b.stage:
        return False
    if not comparable(a, b) or not periods_compatible(a, b):
        return False
    change = relative_change(a.amount, b.amount)
    if change <= rules()["amount_tolerance"] or change > rules()["revision_max_change"]:
        return False
    return names_agree(a, b, rules()["revision_name_overlap"])


def amount_bounds(key: RecordKey) -> tuple[tuple[float, float], tuple[float, float]]:
    """(same-money range, revision range) of amounts a record can link to: a store selects its
    candidates by these before `links.linked` decides (a revision needs a stage cue on either side)."""
    tolerance, change = rules()["amount_tolerance"], rules()["revision_max_change"]
    amount = abs(key.amount)
    low, high = amount * (1 - _MARGIN), amount * (1 + _MARGIN)  # wider than `linked`, never narrower
    return (low * (1 - tolerance), high / (1 - tolerance)), (low * (1 - change), high / (1 - change))


def may_link(key: RecordKey, other: RecordKey) -> bool:
    """The cheap pre-filter of `amount_bounds`, for an in-memory candidate list."""
    if key.amount is None or other.amount is None:
        return False
    (low, high), (rev_low, rev_high) = amount_bounds(key)
    return low <= abs(other.amount) <= high or (
        (key.stage is not None or other.stage is not None) and rev_low <= abs(other.amount) <= rev_high
    )
