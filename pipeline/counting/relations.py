"""Which records of one article a total must not add: parts of a whole the article also gives, restated
wholes, and figures given for comparison. Read from the sentences with the cue words of
data/nlp/totals.json; each record is looked up at its own place in its sentence (the n-th of equal
amount texts there is the n-th such record)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from krnews.models import InitiativeRecord
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
    for record in ordered:
        before = [w for w in wholes if (w.amount_start, w.record_id) < (record.amount_start, record.record_id)]
        whole = _whole_in_sentence(record, wholes, spans) or _whole_before(record, before)
        if whole is not None:
            found.part_of[record.record_id] = whole.record_id
    for record in wholes:  # a whole named again to introduce its parts ("106조 원 중") restates the earlier one
        start, end = spans[record.record_id]
        if start >= 0 and any(record.sentence[end:].lstrip().startswith(cue) for cue in _cues()["part_after_whole"]):
            earlier = next((r for r in wholes if r.amount_start < record.amount_start and r.org == record.org
                            and r.amount_krw == record.amount_krw), None)
            if earlier is not None:
                found.restates[record.record_id] = earlier.record_id
    return found


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
            start = record.sentence.find(record.amount_text, start + 1)
            if start < 0:
                break
        spans[record.record_id] = (start, start + len(record.amount_text)) if start >= 0 else (-1, -1)
    return spans


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
            w_start = sentence.rfind(whole.amount_text, 0, start)
            w_end = w_start + len(whole.amount_text)
        if 0 <= w_start and w_end <= start and any(sentence[w_end:start].lstrip().startswith(cue)
                                                   for cue in _cues()["part_after_whole"]):
            return whole
        if whole.sentence == sentence and w_start > end and sentence[end:w_start].lstrip().startswith("(") and any(
                sentence[end:w_start].lstrip("( ").startswith(cue) for cue in _cues()["whole_in_brackets"]):
            return whole
    return None


def _whole_before(part: InitiativeRecord, before: list[InitiativeRecord]) -> InitiativeRecord | None:
    """For a sentence opening with 이 중/이 가운데…: the last larger amount of an earlier sentence."""
    opening = part.sentence.lstrip(" \"'“‘[(")
    if not any(opening.startswith(cue) for cue in _cues()["part_sentence_openings"]):
        return None
    return next((w for w in reversed(before) if w.sentence != part.sentence and _larger(w, part)
                 and (w.org == part.org or part.org is None)), None)


def _larger(whole: InitiativeRecord, part: InitiativeRecord) -> bool:
    return whole.amount_krw is not None and part.amount_krw is not None and whole.amount_krw > part.amount_krw
