"""`krnews export --format parquet|csv|jsonl --out PATH`: the store's records as a dataset file."""
from __future__ import annotations

import argparse
import sys
from itertools import chain

from ..consolidation.export import export_initiatives, select
from ..consolidation.store import iter_initiatives
from ..export import FORMATS, export_records, schema_path
from ..orgnames import canonical_org, close_names
from ..store import Store, StoreError, default_store
from . import date_arg, output_clash, year_arg


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export", help="write the stored records as Parquet, CSV or JSON Lines",
        description="Write the store's initiative records to one file, columns in a stable order, "
                    "with the records' JSON Schema beside it (PATH.schema.json).")
    parser.add_argument("--what", choices=("records", "initiatives"), default="records",
                        help="records (default), or initiatives: the same money from several articles merged")
    parser.add_argument("--format", choices=FORMATS, help="file format (default: from the --out suffix)")
    parser.add_argument("--out", required=True, metavar="PATH", help="file to write (replaced when complete)")
    parser.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="only records published on or after this date")
    parser.add_argument("--org", metavar="NAME", help="only records of this organisation: its canonical name or any alias the gazetteer knows "
                             "(부산시 = 부산광역시)")
    parser.add_argument("--year", type=year_arg, metavar="YYYY", help="only records about this year (or a period including it)")
    parser.add_argument("--db", default=None, metavar="URL-or-path",
                        help=f"store to read (default: $KRNEWS_DB or {default_store()})")
    parser.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 byte order mark (for Excel)")
    return parser


def run(args) -> int:
    fmt = args.format or args.out.rpartition(".")[2].lower()
    if fmt not in FORMATS:
        print(f"krnews export: {args.out}: cannot tell the format from the name; give --format {'|'.join(FORMATS)}",
              file=sys.stderr)
        return 2
    if args.bom and fmt != "csv":
        print("krnews export: --bom is only for --format csv", file=sys.stderr)
        return 2
    store_name = args.db or default_store()
    clash = output_clash(args.out, [store_name]) or output_clash(schema_path(args.out), [store_name])
    if clash:
        print(f"krnews export: {clash}", file=sys.stderr)
        return 2
    args.org = canonical_org(args.org) if args.org else None
    try:
        with Store.open(store_name, create=False) as store:
            if args.what == "initiatives":
                return _export_initiatives(store, fmt, args)
            rows = _matched(store, store.iter_records(since=args.since, org=args.org, year=args.year), args, "records")
            if rows is None:
                return 1
            count = export_records(rows, fmt, args.out, bom=args.bom)
    except StoreError as error:
        print(f"krnews export: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"krnews export: {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"krnews export: {count} records -> {args.out} (schema: {schema_path(args.out)})", file=sys.stderr)
    return 0


def _matched(store, rows, args, what: str):
    """`rows` again, or None after one line saying that --org matched nothing (no file is written)."""
    first = next(rows, None)
    if first is not None or args.org is None:
        return chain([first], rows) if first is not None else rows
    known = {record.org for record in store.iter_records() if record.org}
    if args.org in known:
        problem = f"no {what} of {args.org} match the other filters"
    else:
        close = close_names(args.org, known)
        problem = f"no {what} of {args.org} in the store" + (f" (did you mean {', '.join(close)}?)" if close else "")
    print(f"krnews export: {problem}; nothing written", file=sys.stderr)
    return None


def _export_initiatives(store, fmt: str, args) -> int:
    initiatives = _matched(store, select(iter_initiatives(store), since=args.since, org=args.org, year=args.year),
                           args, "initiatives")
    if initiatives is None:
        return 1
    count = export_initiatives(initiatives, fmt, args.out, bom=args.bom)
    print(f"krnews export: {count} initiatives -> {args.out} (schema: {schema_path(args.out)})", file=sys.stderr)
    return 0
