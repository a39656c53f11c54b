"""`krnews extract INPUT...`: articles in, records (or mentions, or articles) out."""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys

from tqdm import tqdm

from ..consolidation.store import KeepCurrent
from ..dates import unresolved_years_warning
from ..export import ParquetShards
from ..inputs import InputError, read_inputs
from ..runner import run_articles, source_of
from ..store import Store
from ..writers import Writer
from . import date_arg, output_clash, whole_number

FORMATS = ("jsonl", "csv", "table", "parquet")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "extract",
        help="extract initiative records from URLs, files, directories, WARC archives or a JSONL corpus",
        description="Extract funded-initiative records (or mentions, or articles) from Korean news.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="http(s) URL, .html/.htm/.txt/.jsonl file, .warc/.warc.gz archive, directory (walked), "
                             "or - for stdin (one per line)")
    parser.add_argument("--what", choices=("records", "mentions", "articles"), default="records",
                        help="what to write (default: records)")
    parser.add_argument("--format", choices=FORMATS,
                        help="output format (default: from the --out suffix .jsonl/.csv/.parquet, else jsonl); "
                             "parquet: records as a directory of Parquet shards (--out DIR)")
    parser.add_argument("--out", metavar="PATH", help="write here instead of standard output (with parquet: a directory)")
    parser.add_argument("--explain", action="store_true",
                        help="with each record, why: which decision set its organisation, year and funding type, "
                             "by which rule, from which words (jsonl: a `why` object; csv: a JSON cell; table: lines under it)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", type=date_arg,
                        help="reference date for 올해/지난해 when a document states none")
    parser.add_argument("--db", metavar="URL-or-path", help="also save articles and records in this store (SQLite path or postgresql://…)")
    parser.add_argument("--workers", metavar="N", type=whole_number(1), default=None,
                        help="processes (local engine) or actors (ray) to use (default: number of CPUs)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this machine's processes; ray: a Ray cluster (pip install 'krnews[ray]')")
    parser.add_argument("--ray-address", metavar="ADDR",
                        help="Ray cluster to join (e.g. ray://head:10001 or auto; default: RAY_ADDRESS, else a local Ray)")
    return parser


def run(args) -> int:
    args.format, problem = output_format(args.format, args.out)
    if problem:
        print(f"krnews: {problem}", file=sys.stderr)
        return 2
    if args.engine == "ray" and importlib.util.find_spec("ray") is None:
        print("krnews: --engine ray needs Ray: pip install 'krnews[ray]'", file=sys.stderr)
        return 2
    if args.explain and (args.format == "parquet" or args.what != "records"):
        print("krnews: --explain explains records in jsonl, csv or table format (not parquet, not --what "
              f"{args.what})" if args.what != "records" else "krnews: --explain explains records in jsonl, csv or "
              "table format, not parquet", file=sys.stderr)
        return 2
    if args.format == "parquet" and (args.what != "records" or not args.out):
        print("krnews: --format parquet writes records (--what records) to a directory given by --out DIR", file=sys.stderr)
        return 2
    clash = output_clash(args.out, [*args.inputs, args.db])
    if clash:
        print(f"krnews: {clash}", file=sys.stderr)
        return 2
    try:
        store = _open_store(args.db) if args.db else None
        run_id = store.begin_run("extract") if store is not None else None
    except Exception as error:  # a store that cannot be opened or is busy: nothing was read yet
        print(f"krnews: {args.db}: {error}", file=sys.stderr)
        return 3 if type(error).__name__ == "StoreBusy" else 1
    counts = {"documents": 0, "records": 0, "failed": 0}
    status = "interrupted"
    writer = None
    initiatives = KeepCurrent(store) if store is not None else None
    progress = _progress()
    try:
        try:
            writer = _writer(args)
        except OSError as error:  # an output that cannot be written (its message names it): nothing was read yet
            print(f"krnews: {error}", file=sys.stderr)
            status = "failed"
            return 2
        for item in _documents(args):
            failure = _save(store, item) if not isinstance(item, InputError) else item
            progress.update(1)
            if failure is not None:
                counts["failed"] += 1
                progress.write(f"krnews: {failure}", file=sys.stderr)  # above the bar, if there is one
                if run_id is not None:
                    store.record_failure(run_id, failure.input, failure.reason)
            else:
                counts["documents"] += 1
                counts["records"] += len(item.records)
                writer.write(item)
                if initiatives is not None:
                    initiatives.saved()
                warning = unresolved_years_warning(item, remedy="--published YYYY-MM-DD")
                if warning is not None:
                    progress.write(f"krnews: warning: {warning}", file=sys.stderr)
            progress.set_postfix(records=counts["records"], failed=counts["failed"], refresh=False)
        status = "failed" if counts["failed"] else "ok"
    finally:
        progress.close()
        if writer is not None:
            writer.close()
        if store is not None:
            try:
                initiatives.finish()  # what was saved is consolidated, even when the run was stopped
            finally:
                store.end_run(run_id, counts, status)
                store.close()
    return 1 if counts["failed"] else 0


def output_format(given: str | None, out: str | None) -> tuple[str, str | None]:
    """The output format: --format, else the one the --out suffix names, else jsonl; and the one-line
    problem when --format and the suffix disagree (x.csv with --format jsonl), else None."""
    suffix = os.path.splitext(out.rstrip("/"))[1].lower() if out else ""
    implied = SUFFIX_FORMATS.get(suffix)
    if given and implied and given != implied:
        return given, f"--out {out} names a {implied} file but --format is {given}: change one of them"
    return given or implied or "jsonl", None


def _progress():
    """A progress bar (inputs done, records, failures, rate) on a terminal; on a file or pipe (cron, CI)
    it stays silent, so standard error holds only the one line per failed input."""
    return tqdm(unit=" inputs", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True)


def _writer(args):
    if args.format == "parquet":
        return _ShardedRecords(ParquetShards(args.out))
    return Writer(open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout, args.what,
                  args.format, owns_stream=bool(args.out), explain=args.explain,
                  width=shutil.get_terminal_size().columns)  # COLUMNS, else the terminal's, else 80


class _ShardedRecords:
    """A document's records into Parquet shards, as Writer writes documents to a stream."""

    def __init__(self, shards: ParquetShards):
        self.shards = shards

    def write(self, document) -> None:
        self.shards.write(document.records)

    def close(self) -> None:
        self.shards.close()


def _save(store, document) -> InputError | None:
    """Save one document; a document the store refuses is reported and the batch goes on."""
    if store is None:
        return None
    try:
        store.save_document(document)
    except Exception as error:
        return InputError(source_of(document.article), f"{type(error).__name__}: {error}")
    return None


def _documents(args):
    """Documents and input errors in input order, from the engine the user chose."""
    inputs = read_inputs(args.inputs)
    if args.engine == "ray":
        from ..engines.ray_engine import run_articles_on_ray  # Ray is an optional extra (krnews[ray])

        return run_articles_on_ray(inputs, args.published, address=args.ray_address, actors=args.workers)
    return run_articles(inputs, args.workers or os.cpu_count() or 1, args.published)


def _open_store(url: str):
    return Store.open(url)
