"""`krnews crawl [SOURCE...]`: one scheduled batch run into a store (see krnews.crawl).

Exit codes: 0 every page worked; 1 some failed (one line each on stderr: `krnews crawl: URL: reason`)
or the store cannot be opened; 2 usage error; 3 the store is in use by another run (after --wait).
Output: a progress bar on a terminal, else plain log lines, on stderr; the summary on stdout.
--quiet leaves only the failure lines, so a cron job that went well prints nothing.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tqdm import tqdm

from krnews.scrapers import FetchConfig, Fetcher, load_sources

from ..crawl import CrawlReport, Event, crawl, log
from ..store import Store, StoreBusy, StoreError, default_store
from . import date_arg, whole_number

EXIT_BUSY = 3
SUMMARY_FAILURES = 20  # failures listed in the summary; all of them are in run_failures


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "crawl", help="discover, fetch, extract and store new or changed articles (a batch run)",
        description="Discover article URLs from the sources' feeds, sitemaps and section pages, fetch "
                    "the new and changed ones politely (conditional GET with the stored ETag / "
                    "Last-Modified), extract their records and store each article in one transaction. "
                    "The run, its counts and its failures are stored (see `krnews status`). Exit codes: "
                    "0 all worked, 1 some pages failed, 2 usage error, 3 store in use by another run.")
    parser.add_argument("source", nargs="*", help="source names (default: all in the sources file)")
    parser.add_argument("--sources", type=Path, metavar="FILE",
                        help="sources JSON file (default: the bundled data/sources.json)")
    parser.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD",
                        help="skip articles published before this date")
    parser.add_argument("--limit", type=whole_number(1), metavar="N",
                        help="request at most N article pages (new URLs first)")
    parser.add_argument("--db", metavar="URL-or-path", help=f"store (default: $KRNEWS_DB or {default_store()})")
    parser.add_argument("--workers", type=whole_number(1), default=1, metavar="N",
                        help="extraction processes (default: 1; fetching, not extraction, is usually the limit)")
    parser.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS",
                        help="wait this long for a run already using the store to end (default: 0)")
    politeness = parser.add_argument_group("politeness")
    politeness.add_argument("--delay", type=_seconds, default=FetchConfig.per_host_delay, metavar="SECONDS",
                            help="seconds between requests to one host (default: %(default)s)")
    politeness.add_argument("--retries", type=whole_number(0), default=FetchConfig.max_retries, metavar="N",
                            help="retries after timeouts, 5xx and 429 (default: %(default)s)")
    politeness.add_argument("--backoff", type=_seconds, default=FetchConfig.backoff, metavar="SECONDS",
                            help="first retry wait, doubling after (default: %(default)s)")
    politeness.add_argument("--contact", default=FetchConfig.contact_url, metavar="URL",
                            help="where site operators can reach you, sent in the User-Agent")
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="log every page, also on a terminal")
    return parser


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"expected seconds (0 or more), got {value!r}")
    return number


def run(args) -> int:
    try:
        sources = load_sources(args.sources, args.source or None)
    except ValueError as error:
        print(f"krnews crawl: {error}", file=sys.stderr)
        return 2
    config = FetchConfig(contact_url=args.contact, per_host_delay=args.delay,
                         max_retries=args.retries, backoff=args.backoff)
    db = args.db or default_store()
    display = _Display(args.quiet, args.verbose)
    try:
        with display, Store.open(db) as store, Fetcher(config) as fetcher:
            report = crawl(store, sources, fetcher, since=args.since, limit=args.limit,
                           workers=args.workers, wait=args.wait, on_event=display.event)
    except StoreBusy as error:
        print(f"krnews crawl: {error}", file=sys.stderr)
        return EXIT_BUSY
    except StoreError as error:
        print(f"krnews crawl: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary(report))
    return 1 if report.counts["failed"] else 0


def summary(report: CrawlReport) -> str:
    """The lines printed at the end of a run: id, status, times, counts, failures."""
    seconds = int((report.ended_at - report.started_at).total_seconds())
    lines = [
        f"crawl run {report.run_id}: {report.status}, {report.started_at:%Y-%m-%d %H:%M:%S} to "
        f"{report.ended_at:%Y-%m-%d %H:%M:%S} UTC ({seconds // 60}:{seconds % 60:02d})",
        "  " + "  ".join(f"{key}={value}" for key, value in report.counts.items()),
    ]
    if report.failures:
        lines.append(f"  failures ({len(report.failures)}):")
        lines += [f"    {url}: {reason}" for url, reason in report.failures[:SUMMARY_FAILURES]]
        if len(report.failures) > SUMMARY_FAILURES:
            lines.append(f"    … {len(report.failures) - SUMMARY_FAILURES} more in run_failures (run_id {report.run_id})")
    return "\n".join(lines)


class _Display:
    """Progress bars on a terminal, plain log lines elsewhere; failures are one line each either way
    (the crawl logs them as warnings; this formats them `krnews crawl: URL: reason`)."""

    def __init__(self, quiet: bool, verbose: bool):
        self.bar = None
        self.outcomes: dict[str, int] = {}  # page outcomes so far, shown beside the bar
        self.tty = sys.stderr.isatty() and not quiet
        level = logging.WARNING if quiet or (self.tty and not verbose) else logging.DEBUG if verbose else logging.INFO
        self.handler = _BarAwareHandler() if self.tty else logging.StreamHandler(sys.stderr)
        self.handler.setFormatter(_Formatter())
        self.handler.setLevel(level)
        self._saved = (log.level, log.propagate)

    def __enter__(self) -> _Display:
        log.addHandler(self.handler)
        log.setLevel(self.handler.level)
        log.propagate = False  # the lines are ours; an application's root handler would repeat them
        return self

    def __exit__(self, *exc) -> None:
        self._close_bar()
        log.removeHandler(self.handler)
        log.level, log.propagate = self._saved

    def event(self, event: Event) -> None:
        if not self.tty:
            return
        if event.kind in ("sources", "pages"):
            self._close_bar()
            unit, what = ("source", "discovering") if event.kind == "sources" else ("page", "fetching")
            self.bar = tqdm(total=event.detail, unit=unit, desc=what, file=sys.stderr, dynamic_ncols=True)
        elif self.bar is not None and (event.kind == "source" or event.page):
            if event.kind != "source":
                self.outcomes[event.kind] = self.outcomes.get(event.kind, 0) + 1
                self.bar.set_postfix(self.outcomes, refresh=False)
            self.bar.update(1)

    def _close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class _Formatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if record.levelno >= logging.WARNING:  # a failed input: the one line the CLI contract promises
            return f"krnews crawl: {record.getMessage()}"
        return super().format(record)


class _BarAwareHandler(logging.Handler):
    """Writes above the progress bar instead of through it."""

    def emit(self, record: logging.LogRecord) -> None:
        tqdm.write(self.format(record), file=sys.stderr)
