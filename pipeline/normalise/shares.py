"""Money given to each of several items: one amount said with 씩 (40억 원씩) or right after 각각 (각각
10억 원을), whose clause lists its items as the topic or subject before it (A 사업, B 사업, C 사업은 …
각각 10억 원을 지원; A와 B는 40억 원씩 받는다), is one record per item, not one for all of them.

The items are the noun phrase that closes with the clause's topic or subject particle, read back from
that particle over nouns (MeCab-ko's tags), split at commas and conjunctions (와/과); a trailing 등 …
(A와 B 등 우수 사업) closes the list. Vocabulary: funding.json grammar.each_after, items_closed_by,
item_openers.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from krnews.nlp.amounts import Amount
from krnews.nlp.tables import load_table, longest_first

_GRAMMAR = load_table("funding")["grammar"]
_EACH_AFTER = re.compile(r"\s?(?:%s)" % longest_first(_GRAMMAR["each_after"]))
_RESPECTIVELY_BEFORE = re.compile(r"(?<![가-힣])(?:%s)\s?$" % longest_first(_GRAMMAR["respectively"]))
_TOPIC_OR_SUBJECT = frozenset(_GRAMMAR["topic_or_subject"])
_CLOSED_BY = frozenset(_GRAMMAR["items_closed_by"])  # 등: what ends a list before its common noun
_OPENERS = frozenset(_GRAMMAR["item_openers"])  # 이외, 또: words before a list that are no part of it
# MeCab-ko tags a noun phrase is made of: nouns, numbers, foreign words, noun suffixes and prefixes,
# the genitive 의, and the separators that split it into items (a comma, 와/과)
_NOUN_TAGS = ("NNG", "NNP", "NNB", "NR", "SN", "SL", "SH", "XSN", "XPN", "JKG")
_SEPARATOR_TAGS = ("SC", "JC")
_MAX_ITEMS = 12


def shared_items(doc: Doc, text: str, sentence_start: int, amount: Amount, in_list: bool) -> list[tuple[int, int]]:
    """(start, end) of each item the amount is given to, in order; [] when the amount is no share each."""
    each = _EACH_AFTER.match(text, amount.end) is not None
    respectively = not in_list and _RESPECTIVELY_BEFORE.search(text, sentence_start, amount.start) is not None
    if not (each or respectively):
        return []
    span = doc.char_span(sentence_start, amount.start, alignment_mode="contract")
    if span is None:
        return []
    tokens = list(span)
    particle = next((i for i in range(len(tokens) - 1, -1, -1)
                     if tokens[i].text in _TOPIC_OR_SUBJECT and tokens[i].tag_.startswith(("JX", "JKS"))), None)
    if particle is None:
        return []
    first = particle
    while first > 0 and tokens[first - 1].tag_.startswith(_NOUN_TAGS + _SEPARATOR_TAGS):
        first -= 1
    items: list[list] = [[]]
    for token in tokens[first:particle]:
        if token.tag_.startswith(_SEPARATOR_TAGS):
            items.append([])
        elif token.text in _CLOSED_BY and token.tag_ == "NNB":
            break
        else:
            items[-1].append(token)
    if items and items[0] and items[0][0].text in _OPENERS:
        items[0] = items[0][1:]
    spans = [(item[0].idx, item[-1].idx + len(item[-1].text)) for item in items if item]
    return spans if 2 <= len(spans) <= _MAX_ITEMS and len(spans) == len(items) else []
