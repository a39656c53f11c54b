"""The amount regex tests a first character before anything else, and looks for a range's dash before
reading a range (speed-ups): it must find exactly what the same regex without those tests finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from krnews.nlp.amounts import AMOUNT_PATTERN, RANGE_AHEAD

PREFIX = re.match(r"\(\?=\[[^\]]+\]\)\(\?:", AMOUNT_PATTERN.pattern)
WITHOUT_FIRST_CHAR_TEST = re.compile(AMOUNT_PATTERN.pattern[PREFIX.end():-1])
WITHOUT_RANGE_LOOKAHEAD = re.compile(AMOUNT_PATTERN.pattern.replace(RANGE_AHEAD, ""))
# Characters amounts are made of, and ones around them (particles, words, punctuation).
ALPHABET = "0123456789０１２,.~-–일이삼사오육칠팔구십백천만억조경수몇여원달러유로엔 \n가을는에억대약총(개명"


def _spans(pattern, text):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_the_prefix_is_there():
    assert PREFIX is not None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_same_matches_as_without_the_first_character_test(text):
    assert _spans(AMOUNT_PATTERN, text) == _spans(WITHOUT_FIRST_CHAR_TEST, text)


def test_the_range_lookahead_is_there():
    assert AMOUNT_PATTERN.pattern.count(RANGE_AHEAD) == 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET + "∼〜위안화미국 스위스프랑", max_size=40))
def test_same_matches_as_without_the_range_lookahead(text):
    assert _spans(AMOUNT_PATTERN, text) == _spans(WITHOUT_RANGE_LOOKAHEAD, text)


def test_same_ranges_as_without_the_range_lookahead():
    text = "100~200억원, 100억 ~ 200억 원, 1만 6000~7000원, 3-4조원대, 약 5천만∼1억 달러, 수백억~수천억원, 20억 스위스 프랑–30억 스위스 프랑, 10억원~"
    found = _spans(AMOUNT_PATTERN, text)
    assert found == _spans(WITHOUT_RANGE_LOOKAHEAD, text)
    assert sum(groups["high"] is not None for _, groups in found) >= 6


def test_same_matches_on_written_examples():
    text = "시는 1조2천억원, 수백억 원, 200여억원, 100~200억원, 3억 달러와 ２００억원을 투입한다. 제111조 2인 1조."
    assert _spans(AMOUNT_PATTERN, text) == _spans(WITHOUT_FIRST_CHAR_TEST, text)
    assert len(_spans(AMOUNT_PATTERN, text)) >= 6


def test_a_long_digit_run_is_scanned_at_once():
    # Before numbers took whole digit runs, 20 digits took seconds and each further digit doubled it.
    # Were it so again, this scan would not end (a 10,000-digit run), and the suite with it.
    for text in ("1" * 10_000, "1" * 10_000 + "~", "7" * 10_000 + " 원", "3" * 10_000 + "-가"):
        assert [m.group() for m in AMOUNT_PATTERN.finditer(text)] in ([], [text.rstrip("~가-").rstrip()],
                                                                      [text.rstrip("~가-")])
