"""Dates as Korean news pages write them -> tz-aware datetimes (naive times are KST)."""
from __future__ import annotations

import datetime as dt
import re

KST = dt.timezone(dt.timedelta(hours=9), "KST")

# 2025-05-15T20:00:52.000+0900, 2026.01.29 18:40, 2024. 5. 13. 12:52, 2023.11.02. 오후 8:06,
# 입력 2020.08.27 20:27, 2020-03-04 16:52:59, 2020년 3월 4일 16시 52분, 2023.04.07 (08:26)
_DATE_TIME = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})(?:\s*일)?\.?"
    r"(?:(?:\s*T\s*|\s*\([월화수목금토일]\)\s*|\s+)\(?(?P<ampm>오전|오후|AM|PM|am|pm)?\s*"
    r"(?P<H>\d{1,2})\s*[:시]\s*(?P<M>\d{2})(?:\s*[:분]\s*(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d\d:?\d\d)?"
)
# og:regDate style: 20240513125214
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:(?P<H>\d\d)(?P<M>\d\d)(?P<S>\d\d)?)?$")


def _tz(text: str | None) -> dt.tzinfo:
    if not text:
        return KST
    if text == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_datetime(text: str | None) -> dt.datetime | None:
    """The first date(-time) in `text`, tz-aware; None when there is none or it is impossible.

    A date without a time gets midnight KST; callers that must tell the two apart check
    `has_time(text)`."""
    if not text:
        return None
    text = text.strip()
    match = _COMPACT.match(text) or _DATE_TIME.search(text)
    if not match:
        return None
    parts = match.groupdict()
    hour = int(parts.get("H") or 0)
    ampm = (parts.get("ampm") or "").lower()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        return dt.datetime(int(parts["y"]), int(parts["m"]), int(parts["d"]), hour,
                           int(parts.get("M") or 0), int(parts.get("S") or 0), tzinfo=_tz(parts.get("tz")))
    except ValueError:
        return None
