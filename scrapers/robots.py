"""robots.txt, fetched once per host and cached (RFC 9309 semantics)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser


@dataclass
class RobotsRules:
    parser: RobotFileParser | None  # None: no usable rules -> everything allowed
    disallow_all: bool = False
    fetched_at: float = 0.0
    problem: str | None = None  # why everything is disallowed

    def allows(self, agent: str, url: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


# (status, body) of GET robots.txt; status None when the server could not be reached.
RobotsGetter = Callable[[str], "tuple[int | None, bytes]"]


def rules_from_response(status: int | None, body: bytes, now: float) -> RobotsRules:
    """4xx: no rules (allow all); 5xx or unreachable: disallow all until the next try (RFC 9309)."""
    if status is None or status >= 500:
        problem = "robots.txt unreachable" if status is None else f"robots.txt answered HTTP {status}"
        return RobotsRules(None, disallow_all=True, fetched_at=now, problem=problem)
    if status >= 400:
        return RobotsRules(None, fetched_at=now)
    parser = RobotFileParser()
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return RobotsRules(parser, fetched_at=now)


class RobotsCache:
    def __init__(self, get: RobotsGetter, ttl: float, clock: Callable[[], float] = time.monotonic):
        self._get = get
        self._ttl = ttl
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
            if rules is None or now - rules.fetched_at > self._ttl:
                status, body = self._get(origin + "/robots.txt")
                rules = rules_from_response(status, body, now)
                self._rules[origin] = rules
            return rules
