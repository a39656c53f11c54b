"""The document as the normaliser sees it: sentences, paragraphs and mentions with offsets."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from krnews.nlp.amounts import Amount
from krnews.nlp.doctext import doc_text
from krnews.nlp.found import found
from krnews.nlp.orgs import Org
from krnews.nlp.years import Year


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    amounts: list[Amount] = field(default_factory=list)
    years: list[Year] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)


@dataclass
class DocContext:
    text: str
    sentences: list[Sentence]
    doc: Doc

    @classmethod
    def from_doc(cls, doc: Doc) -> "DocContext":
        text = doc_text(doc)
        sentences = []
        paragraph = 0
        previous_end = 0
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            if "\n" in text[previous_end:start]:
                paragraph += 1
            sentences.append(Sentence(start, end, paragraph))
            previous_end = end
        starts = [s.start for s in sentences]

        def owner(offset: int) -> Sentence | None:
            index = bisect.bisect_right(starts, offset) - 1
            return sentences[index] if index >= 0 and offset < sentences[index].end else None

        # a local government's head (서울시장은) acts for it too: its office joins the organisations
        for kind, into in (("amounts", "amounts"), ("years", "years"), ("orgs", "orgs"), ("offices", "orgs")):
            for mention in found(doc, kind):
                sentence = owner(mention.start)
                if sentence is not None:
                    getattr(sentence, into).append(mention)
        for sentence in sentences:
            sentence.orgs.sort(key=lambda org: org.start)
        return cls(text, sentences, doc)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


def parenthesis_of(text: str, offset: int, lower: int) -> int | None:
    """Offset of the '(' enclosing `offset` (searching back to `lower`), or None."""
    depth = 0
    for i in range(offset - 1, lower - 1, -1):
        char = text[i]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return i
            depth -= 1
    return None
