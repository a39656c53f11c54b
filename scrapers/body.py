"""A response body read against a size cap and a total deadline: a read returns what has arrived
(never waits to fill a buffer), so a body trickling a byte at a time fails at the deadline instead
of restarting the read timeout with every byte."""
from __future__ import annotations

import time

import requests

from .errors import FetchError

_READ = 64 * 1024


class Deadline:
    """The time one fetch of `url` may still take."""

    def __init__(self, url: str, seconds: float):
        self.url, self.seconds = url, seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        return self._end - time.monotonic()

    def check(self) -> None:
        if self.left() <= 0:
            raise FetchError(self.url, f"took longer than the {self.seconds:g} s deadline")

    def timeouts(self, connect: float, read: float) -> tuple[float, float]:
        """requests' (connect, read) timeouts, neither beyond the deadline."""
        self.check()
        left = self.left()
        return min(connect, left), min(read, left)


class BodyTooLarge(Exception):
    def __init__(self, head: bytes):
        super().__init__(f"more than {len(head)} bytes")
        self.head = head  # the first bytes, up to the cap


def read_body(response: requests.Response, limit: int, deadline: Deadline) -> bytes:
    """The (decoded) body, at most `limit` bytes (else BodyTooLarge), read before the deadline (else FetchError)."""
    chunks, size = [], 0
    while chunk := response.raw.read1(_READ, decode_content=True):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(b"".join(chunks)[:limit])
        deadline.check()
    return b"".join(chunks)
