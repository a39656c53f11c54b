"""Articles in, Documents out, in input order: in this process or on a pool of worker processes.

Each worker loads the NLP pipeline once (pool initializer) and processes chunks of articles. At
most a few chunks per worker are in flight, so memory stays flat however long the input is, and
results come back in the order the inputs went in. An input that failed upstream (InputError)
passes through in its place; an article whose processing raises becomes an InputError naming it.
"""
from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from krnews.models import Article, Document

from .inputs import InputError

CHUNK_SIZE = 16  # articles per task: large enough that pickling is a small share of the work
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # keeps every worker busy while the parent writes results


def process_item(item: Article | InputError, default_published: dt.date | None) -> Document | InputError:
    """One input's outcome; a failure names the article and the reason, never stops the batch."""
    if isinstance(item, InputError):
        return item
    from .api import process  # the NLP stage loads on first use, not when the CLI starts

    try:
        return process(item, default_published)
    except Exception as error:  # one broken document must not stop the batch
        return InputError(item.url or item.doc_id, f"{type(error).__name__}: {error}")


def process_chunk(chunk: list, default_published: dt.date | None) -> list:
    return [process_item(item, default_published) for item in chunk]


def load_worker() -> None:
    """Pool initializer: build the NLP pipeline before the first chunk arrives."""
    from .nlp.language import get_nlp

    get_nlp()
    # A forked worker inherits the parent's heap; without this, every full garbage collection in
    # the worker walks (and copies, page by page) all of it, which halved throughput.
    gc.freeze()


def run_articles(
    articles_or_errors: Iterable[Article | InputError],
    workers: int = 1,
    default_published: dt.date | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Document | InputError]:
    """Documents (or InputErrors) in input order. With `workers` > 1, a pool of processes does the
    work; an input shorter than one chunk is processed here, where it is faster than starting a pool."""
    items = iter(articles_or_errors)
    first = list(islice(items, chunk_size))
    if workers <= 1 or len(first) < chunk_size:
        for item in first:
            yield process_item(item, default_published)
        for item in items:
            yield process_item(item, default_published)
        return
    yield from _run_pool(first, items, workers, default_published, chunk_size)


def _chunks(first: list, rest: Iterator, size: int) -> Iterator[list]:
    yield first
    while chunk := list(islice(rest, size)):
        yield chunk


def _run_pool(first, rest, workers, default_published, chunk_size) -> Iterator[Document | InputError]:
    # fork on Linux: workers inherit the loaded modules (and the pipeline, if built), start in
    # milliseconds and need no `if __name__ == "__main__"` guard in the caller's script.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pending: deque[Future] = deque()
    limit = workers * CHUNKS_IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=load_worker) as pool:
        try:
            for chunk in _chunks(first, rest, chunk_size):
                pending.append(pool.submit(process_chunk, chunk, default_published))
                if len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:  # the consumer stopped early: drop the queued work
                future.cancel()
