"""HTML nested beyond any real page's depth, flattened before parsing. A parser's time grows with the
square of the nesting (every end tag searches the open elements) and a tree walk's stack with it:
100,000 nested <div>s took 53 s. Tags opened deeper than MAX_DEPTH are dropped with their end tags;
their text stays, so what a page says is kept while its parse stays bounded."""
from __future__ import annotations

import re

MAX_DEPTH = 200  # real news pages nest a few dozen deep
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>")
# Elements without content, and those HTML closes by itself (so a page often leaves them open):
# neither counts towards the depth.
_NOT_COUNTED = frozenset(
    "area base br col embed hr img input link meta source track wbr "
    "p li dt dd tr td th thead tbody tfoot option optgroup rb rt rp colgroup caption".split()
)


def flatten_deep_nesting(html: str) -> str:
    """`html` with the tags opened deeper than MAX_DEPTH (and their end tags) removed."""
    if html.count("<") <= MAX_DEPTH:
        return html
    kept: list[bool] = []  # per open element: was its start tag kept?
    pieces: list[str] = []
    position = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _NOT_COUNTED or self_closing:
            continue
        if closing:
            drop = bool(kept) and not kept.pop()
        else:
            drop = len(kept) >= MAX_DEPTH
            kept.append(not drop)
        if drop:
            pieces.append(html[position:match.start()])
            position = match.end()
    if not pieces:
        return html
    pieces.append(html[position:])
    return "".join(pieces)
