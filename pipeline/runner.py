"""Articles in, Documents out, in input order: in this process or on a pool of worker processes.

Pages read but not parsed (UnparsedPage: HTML files, WARC records) are parsed where they are
processed, so a pool also shares the parsing. The NLP stage is loaded once before the workers fork
and each worker processes chunks of articles. At most a few chunks per worker are in flight, so
memory stays flat however long the input is, and results come back in the order the inputs went in.
An input that failed upstream (InputError) passes through in its place; an article whose processing
raises becomes an InputError naming it.
"""
from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Iterable, Iterator

from krnews.models import Article, Document

from .articles import UnparsedPage
from .inputs import InputError

CHUNK_SIZE = 16  # articles per task: large enough that pickling is a small share of the work
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # keeps every worker busy while the parent writes results


def process_item(
    item: Article | UnparsedPage | InputError, default_published: dt.date | None
) -> Document | InputError | None:
    """One input's outcome; a failure names the article and the reason, never stops the batch. None:
    a page that turned out not to be wanted (a WARC page not in Korean)."""
    if isinstance(item, InputError):
        return item
    if isinstance(item, UnparsedPage):
        try:
            item = item.parse()
        except Exception as error:  # a page that cannot be parsed is one failed input
            reason = str(error) if isinstance(error, (ValueError, OSError)) else f"{type(error).__name__}: {error}"
            return InputError(item.source, reason)
        if item is None:
            return None
    # spaCy and the NLP stage take ~1.5 s to import: loaded on first use, so `krnews status` does not pay it
    from .extraction import process

    try:
        return process(item, default_published)
    except Exception as error:  # one broken document must not stop the batch
        return InputError(item.url or item.doc_id, f"{type(error).__name__}: {error}")


def process_chunk(chunk: list, default_published: dt.date | None) -> list:
    outcomes = (process_item(item, default_published) for item in chunk)
    return [outcome for outcome in outcomes if outcome is not None]


def prepare() -> None:
    """Load the NLP stage and the code around it, and fill the caches its first use fills."""
    # the NLP stage (~1.5 s to import), here for the workers to inherit; see process_item
    from .nlp.language import warm_up
    from .extraction import process  # noqa: F401

    warm_up()


def load_worker() -> None:
    """Pool initializer: the NLP stage ready before the first chunk arrives (inherited when forked)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker just ends
    prepare()
    # A forked worker inherits the parent's heap; without this, every full garbage collection in
    # the worker walks (and copies, page by page) all of it, which halved throughput.
    gc.freeze()


def run_articles(
    articles_or_errors: Iterable[Article | UnparsedPage | InputError],
    workers: int = 1,
    default_published: dt.date | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Document | InputError]:
    """Documents (or InputErrors) in input order. With `workers` > 1, a pool of processes does the
    work; an input shorter than one chunk is processed here, where it is faster than starting a pool."""
    items = iter(articles_or_errors)
    first = list(islice(items, chunk_size))
    if workers <= 1 or len(first) < chunk_size:
        for item in chain(first, items):
            outcome = process_item(item, default_published)
            if outcome is not None:
                yield outcome
        return
    yield from _run_pool(first, items, workers, default_published, chunk_size)


def _chunks(first: list, rest: Iterator, size: int) -> Iterator[list]:
    yield first
    while chunk := list(islice(rest, size)):
        yield chunk


def worker_context():
    """fork on Linux: workers inherit the loaded modules (and the pipeline, if built), start in
    milliseconds and need no `if __name__ == "__main__"` guard in the caller's script."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


def _run_pool(first, rest, workers, default_published, chunk_size) -> Iterator[Document | InputError]:
    context = worker_context()
    if context.get_start_method() == "fork":
        prepare()  # once, here, for all workers to inherit: a worker that loaded its own ran slow at first
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
