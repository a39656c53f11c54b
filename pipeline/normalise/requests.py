"""Money asked for is not money committed: a sentence whose predicate asks (…을 정부에 신청했다,
…억원을 요구했다) or whose topic is what was asked for (국고 건의 사업은 △…, 부처가 요구한 예산이
…), and the list sentences that go on about it (회계별로는 …, 또 계속사업으로는 …), speak of requests,
applications and targets, not of initiatives; so do a sentence that strives for money (국도비 확보에
나섰다, 3090억원을 확보할 경우, a headline's 6640억 확보 나서: `receive` words followed by `striving_after`) and the lists after it,
even past sentences without money. So does, for itself alone, a sentence whose topic is
money that is no initiative (주요 세입은 …, 주요 재원은 …: `not_record`, `revenue_topics`).

An amount in such a sentence is still committed when its own stretch says so with a verb (…억원을
확보했으며, 추가로 …억원을 신청했다). A sentence that commits money with a verb, or one without
money, ends the run. Vocabulary: funding.json `not_committed` (the asking words), `types` (the
committing words) and `verb_endings` (what makes a cue word a verb: 확보했, 신청한).
"""
from __future__ import annotations

import re

from krnews.nlp.tables import load_table, longest_first

from .context import Sentence

_TABLE = load_table("funding")
_ENDINGS = longest_first(_TABLE["verb_endings"])
_ASKS = re.compile(r"(?:%s)(?:%s)" % (longest_first(_TABLE["not_committed"]), _ENDINGS))
_ASKED_FOR = re.compile(longest_first(_TABLE["not_committed"]))
# 주요 세입은 …, 주요 재원은 …: a topic naming money that is no initiative (a budget's revenue side)
# frames its own sentence only
_NOT_SPENT = re.compile(longest_first(_TABLE["not_record"] + _TABLE["revenue_topics"]))
# 국도비 확보에 나섰다, 국비 확보에 총력, 3090억원을 확보할 경우: money striven for, not yet secured
_STRIVES = re.compile(r"(?:%s)\s?(?:%s)" % (longest_first(_TABLE["receive"]), longest_first(_TABLE["striving_after"])))
_COMMITS = re.compile(r"(?:%s)(?:%s)" % (longest_first(w for words in _TABLE["types"].values() for w in words), _ENDINGS))
# the topic or subject phrase that opens the sentence: 국고 건의 사업은, 부처가 요구한 예산과 기금액이
_GRAMMAR = _TABLE["grammar"]
_TOPIC_END = re.compile(r"(?:%s)(?=\s)" % longest_first(_GRAMMAR["topic_or_subject"] + _GRAMMAR["as_topic"]))
# 신청했다. / 신청했다고 밝혔다.: the asking verb is the sentence's last predicate (not 신청한 이래 …)
_SENTENCE_END = re.compile(r"[가-힣]{0,4}(?:\s(?:%s)[가-힣]{0,2})?[.\"”'’]*\s*" % longest_first(_TABLE["reporting_verbs"]))
# 승인을 요청했다: what is asked for is not money
_OTHER_OBJECT = re.compile(r"(?:%s)\s?(?:을|를)\s?$" % longest_first(_TABLE["asked_not_for_money"]))


class RequestFrame:
    """Whether the sentences read so far are about money asked for, carried over list sentences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.asking = False

    def read(self, sentence: Sentence) -> bool:
        """Whether `sentence` speaks of money asked for; call once per sentence, in order."""
        text, start, end = self.text, sentence.start, sentence.end
        if not sentence.amounts:
            if _COMMITS.search(text, start, end):
                self.asking = False
            return False
        first, last = min(a.start for a in sentence.amounts), max(a.end for a in sentence.amounts)
        predicate = _last(_COMMITS, text, last, end), max(self._final_ask(last, end), _last(_STRIVES, text, start, end))
        if predicate[1] >= 0 and predicate[1] >= predicate[0]:  # 확보할 경우: the striving wins its own verb
            self.asking = True  # 모두 4조2천423억원의 국고예산을 정부에 신청했다
        elif predicate[0] >= 0:
            self.asking = False  # 1827억원을 확보했다
        else:
            topic = _TOPIC_END.search(text, start, first)
            if topic is not None and _ASKED_FOR.search(text, start, topic.start()):
                self.asking = True  # 신규 국고 건의 사업은 모두 18건으로 △…(200억 원)
            elif _COMMITS.search(text, start, end):
                self.asking = False
            if topic is not None and _NOT_SPENT.search(text, start, topic.start()):
                return True
        return self.asking

    def _final_ask(self, start: int, end: int) -> int:
        """Where the asking verb that ends text[start:end] starts (its object not one of
        asked_not_for_money), -1 when the sentence does not end by asking."""
        text = self.text
        for m in _ASKS.finditer(text, start, end):
            if _SENTENCE_END.fullmatch(text, m.end(), end):
                return -1 if _OTHER_OBJECT.search(text[max(start, m.start() - 8) : m.start()]) else m.start()
        return -1

    def committed(self, start: int, end: int) -> bool:
        """Does the stretch text[start:end] after an amount commit it with a verb of its own?"""
        text = self.text
        commits = _last(_COMMITS, text, start, end)
        return commits > max(_last(_ASKS, text, start, end), _last(_STRIVES, text, start, end))


def _last(pattern: re.Pattern, text: str, start: int, end: int) -> int:
    """Where the last match of `pattern` in text[start:end] starts, -1 when none."""
    found = -1
    for m in pattern.finditer(text, start, end):
        found = m.start()
    return found
