"""HTML nested beyond any real page's depth, flattened before parsing. A parser's time grows with the
square of the nesting (every end tag searches the open elements) and a tree walk's stack with it:
100,000 nested <div>s took 53 s. Tags opened deeper than MAX_DEPTH are dropped with their end tags;
their text stays, so what a page says is kept while its parse stays bounded."""
from __future__ import annotations

import re

MAX_DEPTH = 200  # real news pages nest a few dozen deep
# Elements without content, and those HTML closes by itself (so a page often leaves them open):
# neither counts towards the depth.
_NOT_COUNTED = frozenset(
    "area base br col embed hr img input link meta source track wbr "
    "p li dt dd tr td th thead tbody tfoot option optgroup rb rt rp colgroup caption".split()
)
# The tags that count, found by the regex engine itself (a page holds thousands of tags: a Python test
# per tag halved the throughput of parsing); a self-closing one (<div/>) opens nothing.
_TAG = re.compile(r"<(/?)(?!(?:%s)\b)[A-Za-z][A-Za-z0-9-]*\b[^>]*?(?<!/)>" % "|".join(sorted(_NOT_COUNTED)), re.IGNORECASE)


# Tag starts only, as "div" or "/div": a cheap first look that may count a self-closing <div/> as open
# (so may send a page to the exact walk below, never the other way round).
_TAG_START = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)")
# Each tag as written ("div", "/DIV") -> +1 (opens), -1 (closes) or 0 (does not count). A page writes a
# few dozen spellings for its thousands of tags: one dict look-up each instead of a lower() and a set
# test (the first look was a third of parsing a page). Bounded, since a hostile page may invent names.
_STEPS: dict[str, int] = {}
_MAX_STEPS = 4096


def _step(tag: str) -> int:
    closing = tag[0] == "/"
    name = tag[1:] if closing else tag
    step = 0 if name.lower() in _NOT_COUNTED else -1 if closing else 1
    if len(_STEPS) < _MAX_STEPS:
        _STEPS[tag] = step
    return step


def _may_be_too_deep(html: str) -> bool:
    depth = 0
    steps = _STEPS
    for tag in _TAG_START.findall(html):
        step = steps.get(tag)
        if step is None:
            step = _step(tag)
        if step > 0:
            depth += 1
            if depth >= MAX_DEPTH:
                return True
        elif step and depth:  # an end tag with nothing open closes nothing
            depth -= 1
    return False


def flatten_deep_nesting(html: str) -> str:
    """`html` with the tags opened deeper than MAX_DEPTH (and their end tags) removed."""
    if html.count("<") <= MAX_DEPTH or not _may_be_too_deep(html):
        return html
    kept: list[bool] = []  # per open element: was its start tag kept?
    pieces: list[str] = []
    position = 0
    for match in _TAG.finditer(html):
        if match.group(1):  # an end tag
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
