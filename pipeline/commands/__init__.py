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
