"""`krnews discover [SOURCE...] [--sources FILE] [--seen FILE]`: print new article URLs, one a line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from krnews.scrapers import FetchConfig, Fetcher, discover, load_sources


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "discover", help="list new article URLs from news feeds, sitemaps and section pages",
        description="Fetch the sources' feeds, sitemaps and section pages politely (robots.txt, "
                    "1 request/s per host) and print each new canonical article URL once.")
    parser.add_argument("source", nargs="*", help="source names (default: all in the sources file)")
    parser.add_argument("--sources", type=Path, help="sources JSON file (default: the bundled data/sources.json)")
    parser.add_argument("--seen", type=Path, help="file of URLs already known, one a line; these are not printed")
    parser.add_argument("--delay", type=float, default=FetchConfig.per_host_delay,
                        help="seconds between requests to one host (default %(default)s)")
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        sources = load_sources(args.sources, args.source or None)
        seen = set()
        if args.seen:
            seen = {line.strip() for line in args.seen.read_text(encoding="utf-8").splitlines() if line.strip()}
    except (ValueError, OSError) as exc:
        print(f"krnews discover: {exc}", file=sys.stderr)
        return 2
    failures = []

    def report(error) -> None:
        failures.append(error)
        print(f"krnews discover: {error}", file=sys.stderr)

    with Fetcher(FetchConfig(per_host_delay=args.delay)) as fetcher:
        for url in discover(sources, fetcher, seen=seen, on_error=report):
            print(url, flush=True)
    return 1 if failures else 0
