"""Throughput benchmark: the same as `krnews bench` (the code is krnews.benchmark).

    python benchmarks/run.py [--pages DIR] [--min-pages 500] [--workers 1,2]
"""
import sys

from krnews.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
