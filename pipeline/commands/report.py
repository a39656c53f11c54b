"""`krnews report --out report.html`: one self-contained HTML page of charts and tables over the store."""
from __future__ import annotations

import argparse
import sys

from ..report import StoreError, build_report
from ..store import default_store
from . import date_arg


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report (charts and tables) of the store",
        description="Summarise the store in one HTML file that opens offline: money by organisation type and "
                    "year, top organisations, the largest commitments with their sentences and sources, funding "
                    "types over time, and data quality.",
    )
    parser.add_argument("--db", metavar="PATH-or-URL",
                        help="SQLite store file or postgresql:// URL (default: $KRNEWS_DB, else krnews.sqlite)")
    parser.add_argument("--out", metavar="PATH", required=True, help="the HTML file to write")
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=date_arg, help="only records of articles published on or after")
    parser.add_argument("--org", metavar="NAME", help="only records of this organisation (its canonical name or an alias, e.g. 부산시)")
    return parser


def run(args) -> int:
    try:
        import plotly  # noqa: F401  (the report's one optional dependency: krnews[report])
    except ImportError:
        print("krnews report: plotly is not installed; pip install 'krnews[report]'", file=sys.stderr)
        return 2
    try:
        html = build_report(args.db or default_store(), since=args.since, org=args.org)
    except StoreError as error:
        print(f"krnews report: {error}", file=sys.stderr)
        return 1
    try:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(html)
    except OSError as error:
        print(f"krnews report: {args.out}: cannot write: {error.strerror}", file=sys.stderr)
        return 1
    return 0
