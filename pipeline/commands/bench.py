"""`krnews bench`: pages/s, characters/s and peak memory of the pipeline (see krnews.benchmark)."""
from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "bench",
        help="measure throughput (pages/s, chars/s) and peak memory on real and sample pages",
        description="Measure HTML -> records pages/s next to trafilatura, NLP chars/s and peak RSS.",
    )
    parser.add_argument("--pages", metavar="DIR", type=Path,
                        help="directory of real .html pages (default: ../shared/data/pages beside the repository)")
    parser.add_argument("--min-pages", metavar="N", type=int, default=500,
                        help="repeat each page set to at least N pages (default: 500)")
    parser.add_argument("--workers", metavar="N,N", type=_counts, default=[1, 2],
                        help="worker counts to time end to end (default: 1,2)")
    return parser


def _counts(value: str) -> list[int]:
    try:
        counts = [int(part) for part in value.split(",")]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"expected worker counts like 1,2 — got {value!r}")
    return counts


def run(args) -> int:
    # the benchmark loads spaCy and the NLP stage (~1.5 s to import): not on every krnews command
    from ..benchmark import default_pages_dir, run as run_benchmark

    return run_benchmark(args.pages or default_pages_dir(), args.min_pages, args.workers)
