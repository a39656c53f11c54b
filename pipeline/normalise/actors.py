"""Who spends or receives the money: the acting organisation of the clause, carried over from
earlier sentences and paragraphs when a clause names none (…시는 … . 또 … 투입한다.).

Order of preference for an amount: an organisation right before it (산업통상자원부 4조1444억원,
listing style); the nearest topic before it (광주시는, 경기도도, 중기부 R&D 예산은, a headline's
"음성군, …"); the nearest subject before it (LG가); any topic or subject of the sentence; the
organisation carried over from earlier sentences (also when the sentence refers to it as 시는,
군이, 정부는); the first organisation that acts anywhere in the document.
"""
from __future__ import annotations

import re

from krnews.nlp.orgs import Org
from krnews.nlp.tables import load_table, longest_first

from .context import DocContext, Sentence

_TABLE = load_table("funding")
_HEAD = r"(?:\s?(?:%s))?" % longest_first(_TABLE["actor_heads"])
# The organisation heads a noun phrase of at most two more words that carries the particle.
_NOUNS = r"(?:\s?[가-힣A-Za-z0-9&·]+){0,2}?"
_TOPIC_AFTER = re.compile(r"%s%s(?:%s)(?=[\s,])" % (_HEAD, _NOUNS, longest_first(_TABLE["topic_particles"])))
_SUBJECT_AFTER = re.compile(r"%s(?:%s)(?=[\s,])" % (_HEAD, longest_first(_TABLE["subject_particles"])))
_HEADLINE_SUBJECT = re.compile(r"\s?,")
_FUNDER_AFTER = re.compile(r"\s?(?:%s)" % longest_first(_TABLE["funder_markers"]))
_LIST_GAP = re.compile(r"^\s?(?:%s)?\s?$" % longest_first(_TABLE["list_gap_words"]))
_ANAPHOR = re.compile(
    r"(?<![가-힣])(?:%s)(?:%s)(?=\s)" % (longest_first(_TABLE["anaphors"]), longest_first(_TABLE["topic_particles"] + _TABLE["subject_particles"]))
)


def is_named_funder(text: str, org: Org) -> bool:
    """국토교통부로부터 / 정부의 지원: this organisation gives the money to the clause's subject."""
    return bool(_FUNDER_AFTER.match(text, org.end))


def _is_topic(text: str, org: Org, sentence_start: int) -> bool:
    if _TOPIC_AFTER.match(text, org.end):
        return True
    return org.start == sentence_start and bool(_HEADLINE_SUBJECT.match(text, org.end))


def _is_subject(text: str, org: Org, sentence_start: int) -> bool:
    return bool(_SUBJECT_AFTER.match(text, org.end))


def _acting(text: str, orgs: list[Org], sentence_start: int) -> list[Org]:
    return [o for o in orgs if not is_named_funder(text, o) and (_is_topic(text, o, sentence_start) or _is_subject(text, o, sentence_start))]


class ActorTracker:
    """Remembers the organisation acting in the text so far, across sentences and paragraphs."""

    def __init__(self, context: DocContext) -> None:
        self.text = context.text
        self.current: Org | None = None
        self.first = next((a[0] for s in context.sentences if (a := _acting(self.text, s.orgs, s.start))), None)

    def actor_for(self, sentence: Sentence, amount_start: int) -> Org | None:
        text = self.text
        before = [o for o in sentence.orgs if o.end <= amount_start and not is_named_funder(text, o)]
        if before and _LIST_GAP.match(text[before[-1].end : amount_start]):
            return before[-1]
        for test in (_is_topic, _is_subject):
            acting = [o for o in before if test(text, o, sentence.start)]
            if acting:
                if self.current and _ANAPHOR.search(text, acting[-1].end, amount_start):
                    return self.current
                return acting[-1]
        if self.current and _ANAPHOR.search(text, sentence.start, amount_start):
            return self.current
        acting = _acting(text, sentence.orgs, sentence.start)
        if acting:
            return acting[0]
        return self.current or self.first

    def end_of_sentence(self, sentence: Sentence) -> None:
        for test in (_is_topic, _is_subject):
            acting = [o for o in sentence.orgs if not is_named_funder(self.text, o) and test(self.text, o, sentence.start)]
            if acting:
                self.current = acting[-1]
                return
