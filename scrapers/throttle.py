"""Per-host politeness: a minimum gap between requests and a cap on requests in flight."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator


class HostThrottle:
    """Thread-safe. Each request reserves the next free start time of its host, so
    concurrent callers are spaced `delay` apart instead of all waking at once."""

    def __init__(self, delay: float, concurrency: int = 1,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.delay = delay
        self.concurrency = max(1, concurrency)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_start: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def set_host_delay(self, host: str, delay: float) -> None:
        """Raise one host's gap (robots.txt Crawl-delay); never below the configured delay."""
        with self._lock:
            self._host_delay[host] = max(self.delay, delay)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        with semaphore:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._host_delay.get(host, self.delay)
            if start > now:
                self._sleep(start - now)
            yield
