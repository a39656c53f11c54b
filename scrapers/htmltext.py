"""Visible text of an element as lines: block elements and <br> break lines, inline ones don't."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote "
    "table thead tbody tfoot tr td th caption figure figcaption pre hr br address center form fieldset "
    "details summary".split()
)
SKIP_TAGS = frozenset("script style noscript template iframe svg button select textarea input head title".split())


def text_lines(node: LexborNode) -> list[str]:
    parts: list[str] = []
    _walk(node, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _walk(node: LexborNode, parts: list[str]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text(deep=False))
        elif tag.startswith("-") or tag in SKIP_TAGS:
            continue
        elif tag in BLOCK_TAGS:
            parts.append("\n")
            _walk(child, parts)
            parts.append("\n")
        else:
            _walk(child, parts)


# Runs of Hangul syllables (U+AC00-U+D7A3): counting their lengths is one regex scan, where testing each
# character in Python cost more than reading a container's lines.
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")


def hangul_count(text: str) -> int:
    return sum(map(len, _HANGUL_RUN.findall(text)))
