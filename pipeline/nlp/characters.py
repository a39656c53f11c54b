"""Text as the NLP stage expects it: NFC, no invisible or control characters, ASCII digits and
punctuation for their full-width forms and for marks that stand for them (、 for a comma; the table is
data/nlp/characters.json)."""
from __future__ import annotations

import re
import unicodedata

from .tables import load_table

_TABLE = load_table("characters")
_FULLWIDTH = range(0xFF01, 0xFF5F)
_KEPT_CONTROLS = "\n\t"


def _translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(char): None for char in _TABLE["remove"]}
    table.update({code: None for code in range(0x20) if chr(code) not in _KEPT_CONTROLS})
    table.update({code: None for code in range(0x7F, 0xA0)})
    table.update({ord(char): ascii_mark for char, ascii_mark in _TABLE["read_as"].items()})
    if _TABLE["fullwidth_ascii"]:
        table.update({code: chr(code - 0xFEE0) for code in _FULLWIDTH})
    return table


_TRANSLATION = _translation()
# Any character the table changes. str.translate looks up every character of a text in the table (a
# tenth of a millisecond for an article) while most texts hold none of them: one regex scan tells.
_CHANGED = re.compile("[%s]" % "".join(map(re.escape, map(chr, sorted(_TRANSLATION)))))


def clean_text(text: str) -> str:
    """`text` in NFC without zero-width or control characters, full-width forms and 、 as ASCII."""
    text = unicodedata.normalize("NFC", text)
    return text.translate(_TRANSLATION) if _CHANGED.search(text) else text
