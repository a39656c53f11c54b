"""One module per `krnews` subcommand: each has `register(subparsers)` and `run(args) -> int`."""
from __future__ import annotations

import argparse
import os
import re

from ..dates import parse_date


def date_arg(value: str):
    """argparse type for YYYY-MM-DD options: a usage error (exit 2) names the bad value."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(f"not a date (expected YYYY-MM-DD): {value!r}")
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def year_arg(value: str) -> int:
    """argparse type for YYYY options: a four-digit year, else a usage error naming the value."""
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise argparse.ArgumentTypeError(f"not a year (expected YYYY): {value!r}")
    return int(value)


def whole_number(minimum: int):
    """argparse type for counts: a whole number of at least `minimum`, else a usage error."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number of at least {minimum}, got {value!r}")
        return number

    return parse


def output_clash(out: str | None, inputs) -> str | None:
    """Why writing `out` would destroy or feed back into one of `inputs` (files, directories, a SQLite
    store), or None. Paths are compared resolved, so a symlink or another spelling is caught too."""
    if not out:
        return None
    target = os.path.realpath(out)
    for name in inputs:
        if not name or "://" in name or name == "-":
            continue
        source = os.path.realpath(name)
        if target == source or target.startswith(tuple(source + suffix for suffix in ("-wal", "-shm", "-journal", ".lock"))):
            return f"{out} is an input ({name}): writing it would destroy it"
        if os.path.isdir(source) and target.startswith(source.rstrip(os.sep) + os.sep):
            return f"{out} is inside the input directory {name}: it would be read as it is written"
    return None
