"""`krnews status`: the last runs on a store and what the store holds."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..frames import totals as money_totals
from ..consolidation.store import pending_articles
from ..store import Store, StoreError, default_store
from ..writers import format_won

UNITS = {"counted": "initiatives", "records": "records", "duplicates": "records", "superseded": "figures",
         "parts": "initiatives", "comparisons": "initiatives"}


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "status", help="show the last runs and the store's totals",
        description="Print the last runs (id, command, start, duration, counts, status) and the totals "
                    "of the store: articles, records, records by funding type, and the money in won counted "
                    "once (each initiative at its current figure; parts of a counted total and comparison "
                    "figures left out) beside the plain sum of the records, each saying what it sums.")
    parser.add_argument("--db", default=None, metavar="URL-or-path",
                        help=f"store to read (default: $KRNEWS_DB or {default_store()})")
    parser.add_argument("-n", type=int, default=10, metavar="N", help="how many runs to show (default: 10)")
    return parser


def run(args) -> int:
    try:
        with Store.open(args.db or default_store(), read_only=True) as store:
            last_runs, totals = store.last_runs(args.n), store.totals()
            money, pending = money_totals(store, update=False), pending_articles(store)
            name = store.name
    except StoreError as error:
        print(f"krnews status: {error}", file=sys.stderr)
        return 1
    print(f"store: {name}")
    rows = [["run", "command", "started (UTC)", "duration", "status", "counts"]]
    for info in last_runs:
        rows.append([str(info.run_id), info.command, f"{info.started_at:%Y-%m-%d %H:%M:%S}",
                     _duration(info.duration), info.status,
                     " ".join(f"{key}={value}" for key, value in info.counts.items())])
    if len(rows) == 1:
        print("runs: none yet")
    else:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    print(f"articles: {totals.articles}")
    print(f"records: {totals.records}")
    for funding_type, count in totals.by_funding_type.items():
        print(f"  {funding_type or '(unknown)'}: {count}")
    print("money (amount_krw):")
    for key, line in money.lines():
        print(f"  {key + ':':<12} {line.amount_krw:>26,} {'(' + format_won(line.amount_krw) + ')':<24} "
              f"{line.count} {UNITS[key]}: {line.what}")
    if pending:
        print(f"  ({pending} articles saved since the initiatives were last brought up to date are not in these "
              "figures: krnews export --what initiatives updates them)")
    return 0


def _duration(delta: dt.timedelta | None) -> str:
    if delta is None:
        return "-"
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
