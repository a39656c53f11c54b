"""Parts of a body container that are page furniture, removed before its text is read:
related-article lists (boxes that are mostly links, and links standing alone on a <br> line),
and photo boxes (an image with a caption of a line or two, as old table templates have them)."""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from .htmltext import BLOCK_TAGS

LINK_HEAVY = 0.5
MAX_PHOTO_CAPTION = 150  # characters of text in a box with an image: more is an article, not a caption
PHOTO_SHARE = 3  # ... and a caption is at most a third of the container's text


def drop_furniture(container: LexborNode) -> None:
    _drop_link_lists(container)
    _drop_link_lines(container)
    _drop_photo_boxes(container)


def _drop_link_lists(container: LexborNode) -> None:
    """Related-article lists: lists and boxes whose text is mostly links."""
    for node in container.css("ul, ol, dl, table, div"):
        text = node.text(separator=" ")
        total = len("".join(text.split()))
        if total == 0:
            continue
        linked = sum(len("".join(a.text(separator=" ").split())) for a in node.css("a"))
        if linked / total > LINK_HEAVY and (node.tag != "div" or total < 400):
            node.decompose()


def _drop_link_lines(container: LexborNode) -> None:
    """A link that is a whole line by itself (between <br>s or block edges): a related article."""
    for link in container.css("a"):
        if link.text(strip=True) and _line_edge(link, "prev") and _line_edge(link, "next"):
            link.decompose()


def _line_edge(node: LexborNode, side: str) -> bool:
    sibling = getattr(node, side)
    while sibling is not None and sibling.tag == "-text" and not sibling.text(deep=False).strip():
        sibling = getattr(sibling, side)
    if sibling is None:
        return node.parent is None or node.parent.tag in BLOCK_TAGS
    return sibling.tag == "br" or sibling.tag in BLOCK_TAGS


def _drop_photo_boxes(container: LexborNode) -> None:
    """Boxes inside the container holding an image and little text, a small part of the container's."""
    total = len(container.text(strip=True))
    for node in container.css("table, div, dl"):
        if node.mem_id == container.mem_id or node.css_first("img") is None:
            continue
        caption = len(node.text(strip=True))
        if caption <= MAX_PHOTO_CAPTION and caption * PHOTO_SHARE <= total:
            node.decompose()
