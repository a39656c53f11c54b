"""robots.txt, fetched once per host and cached, read as RFC 9309 says (protego: longest match wins,
`*` and `$` patterns). A robots.txt that cannot be had is asked for again soon, not cached for a day."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from protego import Protego


@dataclass
class RobotsRules:
    parser: Protego | None  # None: no usable rules -> everything allowed
    disallow_all: bool = False
    fetched_at: float = 0.0
    problem: str | None = None  # why everything is disallowed

    def allows(self, agent: str, url: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


class RobotsUnreachable(Exception):
    """robots.txt could not be fetched; str() says why (refused, name not found, timed out…)."""


# (status, body) of GET robots.txt; raises RobotsUnreachable when the server could not be reached.
RobotsGetter = Callable[[str], "tuple[int, bytes]"]


def rules_from_response(status: int, body: bytes, now: float) -> RobotsRules:
    """4xx: no rules (allow all); 5xx: disallow all until the next try (RFC 9309)."""
    if status >= 500:
        return RobotsRules(None, disallow_all=True, fetched_at=now, problem=f"robots.txt answered HTTP {status}")
    if status >= 400:
        return RobotsRules(None, fetched_at=now)
    return RobotsRules(Protego.parse(body.decode("utf-8", errors="replace")), fetched_at=now)


class RobotsCache:
    """Rules per origin, kept `ttl` seconds; rules that disallow all for want of a robots.txt (5xx,
    unreachable) only `retry` seconds."""

    def __init__(self, get: RobotsGetter, ttl: float, retry: float, clock: Callable[[], float] = time.monotonic):
        self._get = get
        self._ttl, self._retry = ttl, retry
        self._clock = clock
        self._lock = threading.Lock()
        self._rules: dict[str, RobotsRules] = {}
        self._host_locks: dict[str, threading.Lock] = {}

    def rules_for(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            host_lock = self._host_locks.setdefault(origin, threading.Lock())
        with host_lock:  # one robots.txt request per origin, even with many threads
            rules = self._rules.get(origin)
            now = self._clock()
            if rules is None or now - rules.fetched_at > (self._retry if rules.disallow_all else self._ttl):
                rules = self._fetch(origin, now)
                self._rules[origin] = rules
            return rules

    def _fetch(self, origin: str, now: float) -> RobotsRules:
        try:
            status, body = self._get(origin + "/robots.txt")
        except RobotsUnreachable as error:
            return RobotsRules(None, disallow_all=True, fetched_at=now, problem=f"robots.txt unreachable ({error})")
        return rules_from_response(status, body, now)
