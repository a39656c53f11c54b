"""One module per `krnews` subcommand: each has `register(subparsers)` and `run(args) -> int`."""
from __future__ import annotations

import argparse

from ..dates import parse_date


def date_arg(value: str):
    """argparse type for YYYY-MM-DD options: a usage error (exit 2) names the bad value."""
    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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
