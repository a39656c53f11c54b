"""Articles in, Documents out, in input order: in this process or on a pool of worker processes.

Pages read but not parsed (UnparsedPage: HTML files, WARC records) are parsed where they are
processed, so a pool also shares the parsing. The NLP stage is loaded once before the workers fork
and each worker processes chunks of articles. At most a few chunks per worker are in flight, so
memory stays flat however long the input is, and results come back in the order the inputs went in.
An input that failed upstream (InputError) passes through in its place; an article whose processing
raises becomes an InputError naming it. A worker that dies (kill -9, out of memory) costs only the
item it had in hand, one InputError: the pool is rebuilt and the chunks lost with it go again. Workers
die with the parent process, so a killed run leaves nothing behind.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Iterable, Iterator

from krnews.models import Article, Document

from .articles import UnparsedPage
from .inputs import InputError

CHUNK_SIZE = 16  # articles per task: large enough that pickling is a small share of the work
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # keeps every worker busy while the parent writes results
_UNEXPLAINED_BREAKS = 2  # pools rebuilt in a row without knowing why the last one broke, before giving up


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
        return InputError(source_of(item), f"{type(error).__name__}: {error}")


def process_chunk(chunk: list, default_published: dt.date | None) -> list:
    outcomes = (process_item(item, default_published) for item in chunk)
    return [outcome for outcome in outcomes if outcome is not None]


def process_numbered(chunk: list, default_published: dt.date | None) -> list:
    """process_chunk for a chunk of (sequence number, item); the worker's slot says which item it is on."""
    outcomes = []
    for seq, item in chunk:
        _mark(seq)
        outcomes.append(process_item(item, default_published))
        _mark(_IDLE)
    return [outcome for outcome in outcomes if outcome is not None]


def prepare() -> None:
    """Load the NLP stage and the code around it, and fill the caches its first use fills."""
    # the NLP stage (~1.5 s to import), here for the workers to inherit; see process_item
    from .nlp.language import warm_up
    from .extraction import process  # noqa: F401

    warm_up()


_IDLE = -1
_slot: tuple | None = None  # in a worker: (the pool's shared array of items in hand, this worker's index)


def _mark(seq: int) -> None:
    if _slot is not None:
        _slot[0][_slot[1]] = seq


def _terminated(signum, frame) -> None:
    """A worker ended by SIGTERM (the pool's or systemd's) leaves no item in hand: it was not the item's fault."""
    _mark(_IDLE)
    os._exit(128 + signum)


def load_worker(in_hand=None, taken=None) -> None:
    """Pool initializer: a slot in `in_hand` (the item this worker is on), death with the parent, and
    the NLP stage ready before the first chunk arrives (inherited when forked)."""
    global _slot
    signal.signal(signal.SIGTERM, _terminated)  # not the parent's handler: a worker just ends
    die_with_parent()
    if in_hand is not None:
        with taken.get_lock():
            _slot = (in_hand, taken.value)
            taken.value += 1
    prepare()
    # A forked worker inherits the parent's heap; without this, every full garbage collection in
    # the worker walks (and copies, page by page) all of it, which halved throughput.
    gc.freeze()


def die_with_parent() -> None:
    """Linux: the kernel kills this process when its parent dies (kill -9 included), so no worker is
    left behind blocked on a pipe (holding what the parent held)."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the request
        os._exit(1)


_PR_SET_PDEATHSIG = 1


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


def worker_context():
    """fork on Linux: workers inherit the loaded modules (and the pipeline, if built), start in
    milliseconds and need no `if __name__ == "__main__"` guard in the caller's script."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


def _run_pool(first, rest, workers, default_published, chunk_size) -> Iterator[Document | InputError]:
    context = worker_context()
    if context.get_start_method() == "fork":
        prepare()  # once, here, for all workers to inherit: a worker that loaded its own ran slow at first
    pool = _Pool(context, workers, default_published)
    pending: deque[tuple[Future, list]] = deque()  # (future, its chunk), in input order
    limit = workers * CHUNKS_IN_FLIGHT_PER_WORKER
    numbered = enumerate(chain(first, rest))
    try:
        while chunk := list(islice(numbered, chunk_size)):
            pending.append((pool.submit(chunk), chunk))
            if len(pending) >= limit:
                yield from _next_result(pending, pool)
        while pending:
            yield from _next_result(pending, pool)
    finally:
        for future, _chunk in pending:  # the consumer stopped early: drop the queued work
            future.cancel()
        pool.shutdown()


def _next_result(pending: deque, pool: "_Pool") -> list:
    """The outcomes of the oldest chunk. When a worker died (killed, out of memory), the item it had in
    hand fails with one error, the pool is rebuilt, and every chunk lost with it is submitted again."""
    unexplained = 0  # breaks with no item in a dead worker's hand (a worker that could not start)
    while True:
        future = pending[0][0]
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            died_on = pool.rebuild()
            unexplained = 0 if died_on else unexplained + 1
            if unexplained > _UNEXPLAINED_BREAKS:
                raise
            for index, (lost, lost_chunk) in enumerate(pending):
                if lost.done() and lost.exception() is None:
                    continue
                lost_chunk = [(seq, _died(item) if seq in died_on else item) for seq, item in lost_chunk]
                pending[index] = (pool.submit(lost_chunk), lost_chunk)
            continue
        pending.popleft()
        return outcomes


def _died(item) -> InputError:
    return InputError(source_of(item), "the worker processing it died (killed, or out of memory)")


def source_of(item) -> str:
    """The input an item came from, as an error line names it."""
    if isinstance(item, InputError):
        return item.input
    if isinstance(item, UnparsedPage):
        return item.source
    return item.source or item.url or item.doc_id


class _Pool:
    """A process pool that can be rebuilt after a worker died, knowing which item each worker has in hand."""

    def __init__(self, context, workers: int, default_published: dt.date | None):
        self._context, self._workers, self._default_published = context, workers, default_published
        self._start()

    def _start(self) -> None:
        self._in_hand = self._context.Array("q", [_IDLE] * self._workers, lock=False)
        taken = self._context.Value("i", 0)
        self._executor = ProcessPoolExecutor(max_workers=self._workers, mp_context=self._context,
                                             initializer=load_worker, initargs=(self._in_hand, taken))

    def submit(self, chunk: list) -> Future:
        """The chunk's future; when a worker died since the last submission, one that has failed as the
        pool's other futures did, so the caller rebuilds the pool and submits it again like them."""
        try:
            return self._executor.submit(process_numbered, chunk, self._default_published)
        except BrokenProcessPool as broken:
            failed: Future = Future()
            failed.set_exception(broken)
            return failed

    def rebuild(self) -> set[int]:
        """A new pool in place of a broken one; the sequence numbers of the items the dead workers had
        in hand (the others were ended by the pool with SIGTERM, and said they held nothing)."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        died_on = {seq for seq in self._in_hand if seq != _IDLE}
        self._start()
        return died_on

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
