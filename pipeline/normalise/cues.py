"""Is this money an initiative, and what kind? Decided by the cue words of data/nlp/funding.json
nearest to the amount in its clause."""
from __future__ import annotations

import re
from dataclasses import dataclass

from krnews.nlp.tables import load_table, longest_first

_TABLE = load_table("funding")
_TYPE_OF = {word: kind for kind, words in _TABLE["types"].items() for word in words}
_POSITIVE = re.compile(longest_first(_TYPE_OF))
_NEGATIVE = re.compile(longest_first(_TABLE["not_record"]))
# 200억원이 늘어난 / 200억원(3.4%) 증가한: a difference. Not 6075억원으로 늘었다: that is the result.
_CHANGE_AFTER = re.compile(
    r"^\)?\s*(?:\([^)]*\))?\s*(?:가량|여|정도|이상|안팎|남짓)?\s*[을를이가은는]?\s*(?:%s)" % longest_first(_TABLE["change_after"])
)
# 5조원에서 … 3조원 늘어나: the starting point of a change.
_CHANGE_FROM = re.compile(r"^에서\s")
_ANY_CHANGE = re.compile(longest_first(_TABLE["change_after"]))
_RECEIVE = re.compile(longest_first(_TABLE["receive"]))
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_WINDOW = 40
# A cue before the amount is often part of a name (R&D 지원 사업에 40억원이 배정): the predicate after it
# counts more, unless the cue is the amount's own noun (사업비 98억 원, 기금으로 420억 원).
_BEFORE_PENALTY = 8
_OWN_NOUN_DISTANCE = 3


@dataclass(frozen=True)
class MoneyRole:
    is_record: bool
    funding_type: str | None = None
    receives: bool = False
    inherited: bool = False  # no cue of its own: the type the paragraph is about


def _masked(text: str) -> str:
    """Parenthetical asides replaced by spaces, so offsets stay valid but their words do not count."""
    return _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text)


def classify(sentence: str, start: int, end: int, before_limit: int, after_limit: int, topic: str | None = None) -> MoneyRole:
    """The role of the money at sentence[start:end].

    before_limit/after_limit bound the amount's own stretch of the sentence (the previous and next
    amounts), so that one amount's cue words do not decide for its neighbour.
    """
    after_raw = sentence[end:after_limit]
    if _CHANGE_AFTER.match(after_raw):
        return MoneyRole(False)
    if _CHANGE_FROM.match(after_raw) and _ANY_CHANGE.search(sentence, end):
        return MoneyRole(False)
    before = _masked(sentence[max(before_limit, start - _WINDOW) : start])
    after = _masked(after_raw)[:_WINDOW]
    cues = []  # (distance, positive, word): the nearest wins, a negative one on a tie
    for pattern, positive in ((_POSITIVE, True), (_NEGATIVE, False)):
        for m in pattern.finditer(before):
            distance = len(before) - m.end()
            # the amount's own noun wins a tie with the verb after it (중진기금 11조원 편성 is a fund)
            cues.append((distance + (_BEFORE_PENALTY if distance > _OWN_NOUN_DISTANCE else -0.5), positive, m.group()))
        for m in pattern.finditer(after):
            cues.append((m.start(), positive, m.group()))
    if not cues:
        return _from_whole_sentence(sentence, start, end, topic)
    _, positive, word = min(cues)
    if not positive:
        return MoneyRole(False)
    return MoneyRole(True, _TYPE_OF[word], _receives(before + after))


def _from_whole_sentence(sentence: str, start: int, end: int, topic: str | None) -> MoneyRole:
    """No cue near the amount: a list like 'A 사업(140억원), B 사업(37억원) 등이다' takes the
    sentence's cue, or the funding type the paragraph is about (`topic`), unless the sentence
    speaks of revenue, prices or the like."""
    rest = _masked(sentence[:start] + " " + sentence[end:])
    if _NEGATIVE.search(rest):
        return MoneyRole(False)
    positive = _POSITIVE.search(rest)
    if positive is not None:
        return MoneyRole(True, _TYPE_OF[positive.group()], _receives(rest))
    if topic is not None:
        return MoneyRole(True, topic, False, inherited=True)
    return MoneyRole(False)


def _receives(text: str) -> bool:
    return bool(_RECEIVE.search(text))
