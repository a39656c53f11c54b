"""Which records of one article a total must not add: parts of a whole the article also gives, restated
wholes, and figures given for comparison. Read from the sentences with the cue words of
data/nlp/totals.json; each record is looked up at its own place in its sentence (the n-th of equal
amount texts there is the n-th such record).

A part is named by a partitive after its whole (106조 원 중 43조 원; 이 중 …), a fraction of it (21조 원의
절반에 가까운 10조 원), a list closed by its whole (국비 6억원, 도비 50억원 등 총 56억원) or opened by it
(총 사업비 430억원은 기금 120억원, 도비 114억원, 군비 196억원으로) or a whole in brackets (31억원(총사업비
1,043억원)), or is told in the sentences after its whole, the parts adding up to it exactly (430억원 …
180억원 … 100억원 … 150억원); a headline line repeats body money (restates it) or names a part of a
whole the body gives (LG 106조 투자… R&D 48조)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from krnews.models import InitiativeRecord
from krnews.nlp.numerals import LARGE_UNITS, parse_number
from krnews.nlp.tables import load_table

_BRACKET_REACH = 12  # characters between "(지난해" and the amount it dates


@dataclass
class Relations:
    """record_id -> the record_id of its whole / of the earlier record it restates; comparison figures."""

    part_of: dict[str, str] = field(default_factory=dict)
    restates: dict[str, str] = field(default_factory=dict)
    comparisons: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _cues() -> dict:
    return load_table("totals")


def relations(records: list[InitiativeRecord]) -> Relations:
    """The relations among the records of one article."""
    found = Relations()
    ordered = sorted(records, key=lambda r: (r.amount_start, r.record_id))
    spans = _spans(ordered)
    found.comparisons = {r.record_id for r in ordered if _is_comparison(r.sentence, *spans[r.record_id])}
    wholes = [r for r in ordered if r.record_id not in found.comparisons]
    headlines = _headline_records(ordered)
    body = [r for r in wholes if r.record_id not in headlines]
    for record in ordered:
        if record.record_id in headlines:
            restated = _restated_by_headline(record, body)
            if restated is not None:
                found.restates[record.record_id] = restated.record_id
                continue
        before = [w for w in wholes if (w.amount_start, w.record_id) < (record.amount_start, record.record_id)]
        whole = (_whole_in_sentence(record, wholes, spans) or _whole_of_fraction(record, wholes, spans)
                 or _whole_closing_list(record, wholes, spans) or _whole_opening_list(record, wholes, spans)
                 or _whole_before(record, before, spans))
        if whole is None and record.record_id in headlines:
            whole = _whole_in_headline(record, body, spans)
        if whole is not None and whole.record_id != record.record_id:
            found.part_of[record.record_id] = whole.record_id
    for part, whole in _parts_adding_up(body, found).items():
        found.part_of[part] = whole
    for record in wholes:  # a whole named again to introduce its parts ("106조 원 중") restates the earlier one
        start, end = spans[record.record_id]
        if record.record_id in found.restates:
            continue
        if start >= 0 and any(record.sentence[end:].lstrip().startswith(cue) for cue in _cues()["part_after_whole"]):
            earlier = next((r for r in body if r.amount_start < record.amount_start and r.org == record.org
                            and r.amount_krw == record.amount_krw), None)
            if earlier is not None:
                found.restates[record.record_id] = earlier.record_id
    return found


_FEWEST_PARTS = 2
_FEWEST_DIGITS = 2  # significant digits of a whole whose exact sum is no coincidence (430억, not 400억)


def _parts_adding_up(records: list[InitiativeRecord], found: Relations) -> dict[str, str]:
    """Amounts told one after another, in sentences after a larger one of the same organisation, that add
    up to it exactly (430억원을 들여 A·B·C를 건립한다 … A(180억원)는 … B(100억원)은 … C(150억원)는 …): its
    parts. An exact sum of two or more figures is no coincidence when the whole is no round figure of
    one digit (40억원 = 12억원 + 28억원 may well be one); none of the parts is already a part or a
    restatement."""
    taken = set(found.part_of) | set(found.restates) | found.comparisons
    free = [r for r in records if r.record_id not in taken and r.amount_krw is not None]
    parts: dict[str, str] = {}
    for i, whole in enumerate(free):
        if len(str(whole.amount_krw).rstrip("0")) < _FEWEST_DIGITS:
            continue
        for start in range(i + 1, len(free)):
            run, total = [], 0
            for record in free[start:]:
                if (record.record_id in parts or record.sentence == whole.sentence or not _may_be_same_org(record, whole)
                        or record.amount_krw >= whole.amount_krw):
                    break
                run.append(record)
                total += record.amount_krw
                if total >= whole.amount_krw:
                    break
            if total == whole.amount_krw and len(run) >= _FEWEST_PARTS:
                parts.update({r.record_id: whole.record_id for r in run})
                break
    return parts


def _spans(records: list[InitiativeRecord]) -> dict[str, tuple[int, int]]:
    """Each record's (start, end) in its sentence: the n-th occurrence of its amount text for the n-th record
    of that sentence and text; (-1, -1) when the sentence does not contain it."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    spans = {}
    for record in records:
        n = seen[record.sentence, record.amount_text]
        seen[record.sentence, record.amount_text] += 1
        start = -1
        for _ in range(n + 1):
            start = _find_amount(record.sentence, record.amount_text, start + 1)
            if start < 0:
                break
        spans[record.record_id] = (start, start + len(record.amount_text)) if start >= 0 else (-1, -1)
    return spans


def _find_amount(sentence: str, amount_text: str, start: int) -> int:
    """Where amount_text stands in sentence from start on as an amount of its own; -1 when nowhere."""
    at = sentence.find(amount_text, start)
    while at > 0 and _is_number_tail(sentence, at):
        at = sentence.find(amount_text, at + 1)
    return at


def _rfind_amount(sentence: str, amount_text: str, end: int) -> int:
    """Where amount_text last stands as an amount of its own in sentence[:end]; -1 when nowhere."""
    at = sentence.rfind(amount_text, 0, end)
    while at > 0 and _is_number_tail(sentence, at):
        at = sentence.rfind(amount_text, 0, at + len(amount_text) - 1)
    return at


def _is_number_tail(sentence: str, at: int) -> bool:
    """Does the amount text at sentence[at:] end a longer number (400억원 in 1400억원, 1,400억원)?"""
    return sentence[at - 1].isdigit() or sentence[at - 1] in ",."


def _is_comparison(sentence: str, start: int, end: int) -> bool:
    if start < 0:
        return False
    after = sentence[end:].lstrip(") ")
    if any(after.startswith(cue) for cue in _cues()["comparison_after"]):
        return True
    opening = sentence.rfind("(", 0, start)
    return (opening >= 0 and start - opening <= _BRACKET_REACH and sentence[end:].startswith(")")
            and any(sentence[opening + 1 : start].lstrip().startswith(cue) for cue in _cues()["comparison_in_brackets"]))


def _whole_in_sentence(part: InitiativeRecord, records: list[InitiativeRecord], spans: dict) -> InitiativeRecord | None:
    """A larger amount of the article named earlier in the part's sentence and followed by 중/가운데 (106조 원
    중 43조 원은; 투자 43조 원 가운데 R&D 투자는 21조 원, the 43조 given as a record in another sentence), or
    named right after it in brackets as its whole (31억원(총사업비 1,043억원))."""
    start, end = spans[part.record_id]
    if start < 0:
        return None
    sentence = part.sentence
    for whole in sorted(records, key=lambda w: w.sentence != sentence):  # a record of this sentence first
        if not _larger(whole, part):
            continue
        w_start, w_end = spans[whole.record_id] if whole.sentence == sentence else (-1, -1)
        if w_start < 0:  # the whole's record is in another sentence: its amount named here again
            w_start = _rfind_amount(sentence, whole.amount_text, start)
            w_end = w_start + len(whole.amount_text)
        if 0 <= w_start and w_end <= start and any(sentence[w_end:start].lstrip().startswith(cue)
                                                   for cue in _cues()["part_after_whole"]):
            return whole
        if whole.sentence == sentence and w_start > end and sentence[end:w_start].lstrip().startswith("(") and any(
                sentence[end:w_start].lstrip("( ").startswith(cue) for cue in _cues()["whole_in_brackets"]):
            return whole
    return None


def _whole_before(part: InitiativeRecord, before: list[InitiativeRecord], spans: dict) -> InitiativeRecord | None:
    """After 이 중/이 가운데…: the last larger amount before it, of the same sentence when the words open a
    clause after a comma (총공사비는 98억 원으로, 이중 …), of an earlier sentence when they open the sentence."""
    start, _ = spans[part.record_id]
    sentence = part.sentence
    opening = sentence.lstrip(" \"'“‘[(")
    if start >= 0:
        for cue in _cues()["part_sentence_openings"]:
            at = sentence.rfind(cue, 0, start)
            while at > 0:
                if sentence[:at].rstrip().endswith((",", "，")) and (at + len(cue) == len(sentence) or not _is_hangul(sentence[at + len(cue)])):
                    whole = next((w for w in reversed(before) if w.sentence == sentence and 0 <= spans[w.record_id][1] <= at
                                  and _larger(w, part)), None)
                    if whole is not None and not _next_item_between(sentence, spans[whole.record_id][0], at, start):
                        return whole
                at = sentence.rfind(cue, 0, at)
    if not any(opening.startswith(cue) for cue in _cues()["part_sentence_openings"]):
        return None
    return next((w for w in reversed(before) if w.sentence != part.sentence and _larger(w, part)
                 and (w.org == part.org or part.org is None)), None)


def _next_item_between(sentence: str, whole_start: int, cue_at: int, part_start: int) -> bool:
    """The whole is an item of a bulleted list (△도시개발 분야에는 27억원이 투입, 이중 …) and the list's next item
    begins before the part: the part belongs to that item, not to the whole."""
    bullets = _cues()["list_bullets"]
    marker = max(((sentence.rfind(b, 0, whole_start), b) for b in bullets), default=(-1, ""))
    return marker[0] >= 0 and sentence.find(marker[1], cue_at, part_start) >= 0


def _whole_of_fraction(part: InitiativeRecord, records: list[InitiativeRecord], spans: dict) -> InitiativeRecord | None:
    """A fraction of a whole the article gives: 21조 원의 절반에 가까운 10조 원 (the whole's amount, then 의 and
    a fraction word, then the part, with no other amount between)."""
    start, _ = spans[part.record_id]
    if start < 0:
        return None
    sentence = part.sentence
    mentions = [m for m in _amounts_in(sentence) if m[1] <= start]
    if not mentions:
        return None
    w_start, w_end, value = mentions[-1]
    gap = sentence[w_end:start]
    if not (any(gap.lstrip().startswith(p) for p in _cues()["fraction_particles"])
            and any(word in gap for word in _cues()["fraction_words"])):
        return None
    return _record_of_mention(part, records, spans, w_start, w_end, value)


def _whole_closing_list(part: InitiativeRecord, records: list[InitiativeRecord], spans: dict) -> InitiativeRecord | None:
    """An item of a list closed by its whole: 국비 6억원, 도비 50억원, 군비 59억원 등 총 115억원. From the part to
    the closing words every item is followed by a list separator, and the items add up to no more than
    the whole."""
    start, end = spans[part.record_id]
    if start < 0:
        return None
    sentence, items, _, after = _list_reading(part, start, end)
    for m_start, m_end, value in after:
        gap = sentence[items[-1][1]:m_start]
        closing = gap.strip().rstrip(" (")
        if any(closing.endswith(words) for words in _cues()["list_closings"]) and _only_list_words(closing):
            if value is not None and all(v is not None for *_, v in items) and sum(v for *_, v in items) <= value:
                return _record_of_mention(part, records, spans, m_start, m_end, value)
            return None
        if not _separated(gap):
            return None
        items.append((m_start, m_end, value))
    return None


def _whole_opening_list(part: InitiativeRecord, records: list[InitiativeRecord], spans: dict) -> InitiativeRecord | None:
    """An item of a list its whole opens as topic or subject: 총 사업비 430억원은 국민체육진흥기금 120억원, 도비
    114억5천만원, 군비 195억5천만원으로 확보했다. The list has two items or more, each after a list
    separator, and they add up to no more than the whole."""
    start, end = spans[part.record_id]
    if start < 0:
        return None
    sentence, items, before, after = _list_reading(part, start, end)
    for m_start, m_end, value in after:
        if not _separated(sentence[items[-1][1]:m_start]):
            break
        items.append((m_start, m_end, value))
    if not before or len(items) < 2 or any(v is None for *_, v in items):
        return None
    w_start, w_end, value = before[-1]
    opens = sentence[w_end:items[0][0]].lstrip()
    if not any(opens.startswith(particle + " ") for particle in _cues()["whole_topic_particles"]) or "," in opens:
        return None
    if value is None or sum(v for *_, v in items) > value:
        return None
    return _record_of_mention(part, records, spans, w_start, w_end, value)


def _list_reading(part: InitiativeRecord, start: int, end: int) -> tuple[str, list, list, list]:
    """The part's sentence; the items of a list from its first one to the part (at sentence[start:end];
    each item after the first follows a list separator); the amounts of the sentence before the first
    item; and those after the part."""
    sentence = part.sentence
    mentions = _amounts_in(sentence)
    items = [(start, end, part.amount_krw)]
    before = [m for m in mentions if m[1] <= start]
    while before and _separated(sentence[before[-1][1]:items[0][0]]):
        items.insert(0, before.pop())
    return sentence, items, before, [m for m in mentions if m[0] >= end]


def _only_list_words(closing: str) -> bool:
    """The text between the last item and the whole holds no comma: the closing words follow the last item."""
    return not any(sep in closing for sep in (",", "，"))


def _separated(gap: str) -> bool:
    """The text after one list item and up to the next amount begins with a list separator."""
    return any(gap.lstrip(") ").startswith(sep) for sep in (*_cues()["list_separators"], *_cues()["list_bullets"]))


def _record_of_mention(part: InitiativeRecord, records: list[InitiativeRecord], spans: dict, start: int, end: int,
                       value: int | None) -> InitiativeRecord | None:
    """The record a larger amount mentioned in the part's sentence stands for: the record at that place,
    else a record of that value given elsewhere in the article (the whole named again)."""
    if value is None or part.amount_krw is None or value <= part.amount_krw:
        return None
    here = next((r for r in records if r.sentence == part.sentence and spans[r.record_id] == (start, end)), None)
    if here is not None:
        return here if _larger(here, part) else None
    return next((r for r in records if r.amount_krw == value and r.record_id != part.record_id
                 and _may_be_same_org(r, part)), None)


def _headline_records(records: list[InitiativeRecord]) -> set[str]:
    """Records of a headline line: the title, or a line before the first record of a full sentence that
    ends in none of the sentence endings (총 사업비 98억 원 투입... 내년 8월 준공 예정)."""
    found = set()
    for record in records:  # in text order
        line = record.sentence.strip()
        if record.title and line == record.title.strip():
            found.add(record.record_id)
        elif _ends_a_sentence(line):
            break
        else:
            found.add(record.record_id)
    return found


def _ends_a_sentence(line: str) -> bool:
    stripped = line.rstrip(" .…\"'”’」』)]!?")
    return bool(stripped) and any(stripped.endswith(ending) for ending in _cues()["sentence_endings"])


def _restated_by_headline(record: InitiativeRecord, body: list[InitiativeRecord]) -> InitiativeRecord | None:
    """The body record a headline amount repeats: the same amount, of the same organisation."""
    return next((r for r in body if r.amount_krw is not None and r.amount_krw == record.amount_krw
                 and _may_be_same_org(r, record)), None)


def _whole_in_headline(part: InitiativeRecord, body: list[InitiativeRecord], spans: dict) -> InitiativeRecord | None:
    """A headline amount after a larger one of the same line that the body gives: LG 106조 투자… R&D 48조
    (the 48조 is part of the body's 106조 원)."""
    start, _ = spans[part.record_id]
    if start < 0 or part.amount_krw is None:
        return None
    for _, m_end, value in reversed([m for m in _amounts_in(part.sentence) if m[1] <= start]):
        if value is not None and value > part.amount_krw:
            whole = next((r for r in body if r.amount_krw == value and _may_be_same_org(r, part)), None)
            if whole is not None:
                return whole
    return None


@lru_cache(maxsize=4096)
def _amounts_in(sentence: str) -> tuple[tuple[int, int, int | None], ...]:
    """(start, end, won) of every amount of money in a sentence, by the extractor's amount pattern: a
    numeral with a large unit (억, 조) or a currency; won None when it is no single won figure."""
    from krnews.nlp.amounts import AMOUNT_PATTERN, CURRENCIES  # here: the module loads spaCy, which status and report do without

    found = []
    for match in AMOUNT_PATTERN.finditer(sentence):
        numeral = match.group("single")
        currency = match.group("single_currency")
        large = any(unit in numeral for unit in LARGE_UNITS if unit != "만") if numeral else False
        if numeral is None or not (currency or large):
            continue
        if not any(char.isdigit() for char in numeral) and not (large and len(numeral.strip()) > 1):
            continue  # 공원, 조성: a numeral character inside a word
        value = parse_number(numeral)
        won = int(value) if value is not None and CURRENCIES.get(currency or "원", "KRW") == "KRW" else None
        found.append((match.start(), match.end(), won))
    return tuple(found)


def _may_be_same_org(a: InitiativeRecord, b: InitiativeRecord) -> bool:
    """The same organisation, or one of the two names none (a headline's money, a subjectless sentence)."""
    return a.org == b.org or None in (a.org, b.org)


def _is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


def _larger(whole: InitiativeRecord, part: InitiativeRecord) -> bool:
    return whole.amount_krw is not None and part.amount_krw is not None and whole.amount_krw > part.amount_krw
