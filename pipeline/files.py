"""Local input files read safely: regular files only (never a FIFO or a device, which would block or
never end), at most MAX_INPUT_BYTES each, and no binary data where text or HTML is expected."""
from __future__ import annotations

import os
import stat

from krnews.scrapers.config import FetchConfig

MAX_INPUT_BYTES = FetchConfig.max_bytes  # the fetcher's cap holds for every kind of input
_BINARY_SNIFF = 8192  # bytes looked at to tell binary data from text
_BINARY_SHARE = 0.05  # binary data: this share of them control bytes (compressed data has 1 in 10; text none)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def not_regular(path: str | os.PathLike) -> str | None:
    """Why `path` is not a regular file to read (after symlinks), or None when it is one."""
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else \
        "a socket" if stat.S_ISSOCK(mode) else "a directory" if stat.S_ISDIR(mode) else "special"
    return f"not a regular file ({kind})"


def read_capped(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular text or HTML file; ValueError (one line) when it is not one, is empty,
    is binary or is larger than `limit`."""
    problem = not_regular(path)
    if problem:
        raise ValueError(problem)
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    return checked(data, limit)


def checked(data: bytes, limit: int = MAX_INPUT_BYTES) -> bytes:
    """`data` when it can be text or HTML; ValueError saying what it is otherwise."""
    if len(data) > limit:
        raise ValueError(f"larger than {limit:,} bytes (the input size cap)")
    if not data.strip():
        raise ValueError("empty file")
    head = data[:_BINARY_SNIFF]
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > _BINARY_SHARE * len(head):
        raise ValueError("binary data, not text or HTML")
    return data

