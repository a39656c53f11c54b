"""`krnews extract INPUT...`: articles in, records (or mentions, or articles) out."""
from __future__ import annotations

import argparse
import sys

from ..api import process
from ..dates import parse_date
from ..inputs import InputError, read_inputs
from ..writers import Writer


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "extract",
        help="extract initiative records from URLs, files, directories or a JSONL corpus",
        description="Extract funded-initiative records (or mentions, or articles) from Korean news.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="http(s) URL, .html/.htm/.txt/.jsonl file, directory (walked), or - for stdin (one per line)")
    parser.add_argument("--what", choices=("records", "mentions", "articles"), default="records",
                        help="what to write (default: records)")
    parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("--out", metavar="PATH", help="write here instead of standard output")
    parser.add_argument("--published", metavar="YYYY-MM-DD", type=_date,
                        help="reference date for 올해/지난해 when a document states none")
    parser.add_argument("--db", metavar="URL-or-path", help="also save articles and records in this store (SQLite path or postgresql://…)")
    return parser


def _date(value: str):
    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run(args) -> int:
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    writer = Writer(out, args.what, args.format)
    store = _open_store(args.db) if args.db else None
    failures = 0
    try:
        for item in read_inputs(args.inputs):
            if isinstance(item, InputError):
                failures += 1
                print(f"krnews: {item}", file=sys.stderr)
                continue
            try:
                document = process(item, args.published)
                if store is not None:
                    store.save_document(document)
            except Exception as error:  # one broken document must not stop the batch
                failures += 1
                print(f"krnews: {item.url or item.doc_id}: {type(error).__name__}: {error}", file=sys.stderr)
                continue
            writer.write(document)
    finally:
        writer.close()
        if args.out:
            out.close()
        if store is not None:
            store.close()
    return 1 if failures else 0


def _open_store(url: str):
    from ..store import Store

    return Store.open(url)
