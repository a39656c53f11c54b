"""Article body text: from an adapter's container, from a script/JSON block, or found generically."""
from __future__ import annotations

import json
import re
from collections import defaultdict

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .boilerplate import clean_lines, rules
from .furniture import drop_furniture
from .htmltext import BLOCK_TAGS, SKIP_TAGS, hangul_count, text_lines

MIN_BODY_HANGUL = 80  # below this a container is navigation or a teaser, not an article
# "contentHtml": "<p>...</p>" and friends in Next.js / React-Query state and similar page data.
_SCRIPT_BODY = re.compile(
    r'"(?:contentHtml|articleBody|articleContent|bodyHtml|contentBody|content|body|html)"\s*:\s*'
    r'"((?:[^"\\]|\\.){200,}?)"\s*[,}]')


def select_text(root: LexborHTMLParser | LexborNode, specs: tuple[str, ...]) -> str | None:
    """The first non-empty value of `css` (element text) or `css@attr` specs."""
    for spec in specs:
        css, _, attr = spec.partition("@")
        for node in root.css(css):
            value = node.attributes.get(attr) if attr else " ".join(node.text(separator=" ").split())
            if value and value.strip():
                return value.strip()
    return None


def _strip(container: LexborNode, selectors: tuple[str, ...]) -> None:
    for selector in selectors:
        for node in container.css(selector):
            node.decompose()
    drop_furniture(container)


def container_lines(containers: list[LexborNode], remove: tuple[str, ...] = (), keep: tuple[str, ...] = ()) -> list[str]:
    lines: list[str] = []
    strip = remove + tuple(s for s in rules().strip_selectors if s not in keep)
    for container in containers:
        _strip(container, strip)
        lines.extend(text_lines(container))
    return clean_lines(lines)


def adapter_body(tree: LexborHTMLParser, body: tuple[str, ...], remove: tuple[str, ...], keep: tuple[str, ...] = ()) -> list[str]:
    for selector in body:
        containers = _outermost(tree.css(selector))
        if containers:
            return container_lines(containers, remove, keep)
    return []


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Matches minus those nested in another match (a selector can hit a box and its child)."""
    ids = {node.mem_id for node in nodes}
    kept = []
    for node in nodes:
        parent, nested = node.parent, False
        while parent is not None:
            if parent.mem_id in ids:
                nested = True
                break
            parent = parent.parent
        if not nested:
            kept.append(node)
    return kept


def script_body(tree: LexborHTMLParser) -> list[str]:
    """Pages that render client-side keep the body as an HTML string inside a script."""
    best: list[str] = []
    for script in tree.css("script"):
        source = script.text() or ""
        if "<" not in source and "\\u003c" not in source:
            continue
        for match in _SCRIPT_BODY.finditer(source):
            html = _unescape(match.group(1))
            if html is None or "<" not in html:
                continue
            lines = container_lines([LexborHTMLParser(html).body])
            if hangul_count("".join(lines)) > hangul_count("".join(best)):
                best = lines
    return best


def _unescape(raw: str) -> str | None:
    try:
        return json.loads(f'"{raw}"')
    except ValueError:
        return None


def generic_body(tree: LexborHTMLParser) -> list[str]:
    for selector in rules().body_selectors:
        containers = _outermost(tree.css(selector))
        if containers:
            lines = container_lines(containers)
            if hangul_count("".join(lines)) >= MIN_BODY_HANGUL:
                return lines
    best = _densest_container(tree)
    return container_lines([best]) if best is not None else []


def _densest_container(tree: LexborHTMLParser) -> LexborNode | None:
    """Readability-style: paragraphs vote for their parent (and half for the grandparent);
    a box with long direct text (<br>-separated layouts) votes for itself."""
    body = tree.body
    if body is None:
        return None
    scores: dict[int, float] = defaultdict(float)
    nodes: dict[int, LexborNode] = {}
    for node in body.css("p, div, td, section, article, span, font"):
        own = _own_text(node)
        weight = hangul_count(own)
        if weight < 20:
            continue
        if node.tag == "p" and node.parent is not None:
            targets = [(node.parent, 1.0), (node.parent.parent, 0.5)]
        else:
            targets = [(node, 1.0), (node.parent, 0.5)]
        for target, share in targets:
            if target is not None:
                scores[target.mem_id] += weight * share
                nodes[target.mem_id] = target
    if not scores:
        return None
    return nodes[max(scores, key=scores.get)]


def _own_text(node: LexborNode) -> str:
    """Text directly in the node or its inline descendants (not in nested blocks)."""
    parts: list[str] = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            parts.append(child.text(deep=False))
        elif child.tag not in BLOCK_TAGS and child.tag not in SKIP_TAGS and child.tag != "a" \
                and not child.tag.startswith("-"):
            parts.append(_own_text(child))
    return "".join(parts)
