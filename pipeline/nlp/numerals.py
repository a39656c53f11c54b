"""Korean numerals -> numbers, composed from the unit table in data/nlp/numerals.json.

Two rules, as in Duckling: inside a group, a digit (or hangul digit) times a small unit (십 백 천)
adds up (6천400 = 6400); a group times a large unit (만 억 조) adds up into the total
(1조2천억 = 1e12 + 2000e8). A small unit after a number already as large as the unit is a slip of the
pen and counts once: 29억 4000천만 원 is 29억 4000만 원. Written digits may carry commas and a decimal point (4,061 / 12.5).
"""
from __future__ import annotations

import re
from decimal import Decimal

from .tables import load_table

_TABLE = load_table("numerals")
HANGUL_DIGITS: dict[str, int] = _TABLE["hangul_digits"]
SMALL_UNITS: dict[str, int] = _TABLE["small_units"]
LARGE_UNITS: dict[str, int] = _TABLE["large_units"]

_PIECE = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)|(?P<char>[%s])"
    % "".join(list(HANGUL_DIGITS) + list(SMALL_UNITS) + list(LARGE_UNITS))
)
_IGNORED = re.compile(r"[\s여]")


def parse_number(text: str) -> Decimal | None:
    """The value of a Korean numeral ("1조2천억", "4,061억", "삼백억", "12.5억"), or None.

    Spaces and the approximation marker 여 (200여억, 6천400여만) are ignored; anything else that is
    not part of a numeral makes the text unparseable.
    """
    compact = _IGNORED.sub("", text)
    if not compact:
        return None
    total = Decimal(0)
    group: Decimal | None = None  # None: no number before the next large unit (억 alone is 1억)
    pending: Decimal | None = None
    position = 0
    for match in _PIECE.finditer(compact):
        if match.start() != position:
            return None
        position = match.end()
        if match.group("number"):
            if pending is not None:
                return None
            pending = Decimal(match.group("number").replace(",", ""))
            continue
        char = match.group("char")
        if char in HANGUL_DIGITS:
            if pending is not None:
                return None
            pending = Decimal(HANGUL_DIGITS[char])
        elif char in SMALL_UNITS:
            unit = SMALL_UNITS[char]
            # A small unit after a number as large as itself was written twice ("4000천만" for 4000만):
            # Korean puts only one digit before 십/백/천.
            group = (group or 0) + (pending if pending is not None else 1) * (unit if pending is None or pending < unit else 1)
            pending = None
        else:
            if pending is not None:
                group = (group or 0) + pending
            total += (1 if group is None else group) * LARGE_UNITS[char]
            group, pending = None, None
    if position != len(compact):
        return None
    return total + (group or 0) + (pending or 0)
