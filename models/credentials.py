"""User names and passwords written into URLs (http://user:pass@host/…) never reach a log, an error
line, a store or an export: every URL krnews keeps or prints goes through `without_credentials`."""
from __future__ import annotations

import re

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def without_credentials(text: str) -> str:
    """`text` (a URL, or a message quoting URLs) with the userinfo of every URL in it removed."""
    return _USERINFO.sub(r"\1", text) if "@" in text else text
