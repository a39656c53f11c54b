"""The first look of scrapers/nesting.py (may a page nest too deep?) gives the answer of its rule as
first written, one lower() and set test per tag, on pages of every shape; pages it passes over are
left as they are."""
import random
import re

from krnews.scrapers import nesting

_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def _rule(html: str, limit: int) -> bool:
    depth = 0
    for end, name in _TAG_START.findall(html):
        if name.lower() in nesting._NOT_COUNTED:
            continue
        if end:
            depth -= depth > 0
        else:
            depth += 1
            if depth >= limit:
                return True
    return False


_PIECES = ["<div>", "</div>", "<DIV class=x>", "</Div>", "<p>", "</P>", "<br>", "<BR/>", "<span>", "</span>",
           "<li>", "</li>", "<li-item>", "</li-item>", "<colgroup>", "<colgroupx>", "<x-y>", "</x-y>", "<a/>",
           "<", "</", "a < b", "<1>", "텍스트", "<TBODY>", "<tbody1>", "<optgroup-x>", "<p9>", "<!-- <div> -->"]


def test_the_first_look_follows_its_rule(monkeypatch):
    generator = random.Random(21)
    for limit in (1, 2, 3, 5, 8):
        monkeypatch.setattr(nesting, "MAX_DEPTH", limit)
        for _ in range(400):
            html = "".join(generator.choice(_PIECES) for _ in range(generator.randint(0, 40)))
            assert nesting._may_be_too_deep(html) == _rule(html, limit), html


def test_a_page_within_the_depth_is_left_as_it_is():
    html = "<html><body>" + "<div><p>글</p>" * (nesting.MAX_DEPTH - 3) + "</div>" * (nesting.MAX_DEPTH - 3) + "</body></html>"
    assert not nesting._may_be_too_deep(html)
    assert nesting.flatten_deep_nesting(html) is html


def test_a_page_beyond_it_is_flattened():
    html = "<div>" * (nesting.MAX_DEPTH + 5) + "글" + "</div>" * (nesting.MAX_DEPTH + 5)
    flat = nesting.flatten_deep_nesting(html)
    assert flat.count("<div>") == nesting.MAX_DEPTH and "글" in flat
