"""The pipeline on Ray Data: batches of inputs flow through `map_batches` to actors that each load
the NLP once.

Same inputs and outputs as `krnews.runner.run_articles`: Documents (or InputErrors) in input
order. The driver reads the inputs (files, WARC records, URLs) and sends them to the cluster a
window at a time, so a huge corpus streams through with bounded memory on the driver and in the
object store. Ray is an optional extra (`pip install 'krnews[ray]'`); every actor needs krnews
importable, which a Ray job's runtime environment provides on a cluster (see docs/ray.md).
"""
from __future__ import annotations

import datetime as dt
import logging
import math
import os
import pickle
from itertools import islice
from typing import Iterable, Iterator

import pyarrow as pa
import ray

from krnews.models import Article, Document

from ..inputs import InputError
from ..runner import CHUNK_SIZE, prepare, process_chunk

# Inputs per Dataset. Each window starts its actors afresh (a second or two to load the NLP), so a
# window is minutes of work for a few actors, yet a bounded share of the driver's memory.
WINDOW = 20_000
# Rows per block: batches never span blocks, and small blocks spread a window over many actors.
BLOCK_SIZE = 4 * CHUNK_SIZE


class ExtractBatch:
    """The map_batches function on one actor: the NLP pipeline is built when the actor starts and
    reused for every batch. Inputs and outcomes travel pickled, one binary column each."""

    def __init__(self):
        prepare()

    def __call__(self, batch: pa.Table, default_published: dt.date | None) -> pa.Table:
        items = [pickle.loads(payload) for payload in batch.column("item").to_pylist()]
        outcomes = process_chunk(items, default_published)
        return pa.table({"outcome": pa.array([pickle.dumps(outcome) for outcome in outcomes], pa.binary())})


def connect(address: str | None = None) -> bool:
    """Join the cluster at `address` (None: RAY_ADDRESS, else a new local Ray). True if this call started Ray."""
    # Ray Data logs each window's execution plan on stderr; krnews reports progress and failures
    # itself, so by default they stay in Ray's log files (set the variable to see them).
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    if ray.is_initialized():
        return False
    ray.init(address=address, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    return True


def run_articles_on_ray(
    articles_or_errors: Iterable[Article | InputError],
    default_published: dt.date | None = None,
    *,
    address: str | None = None,
    actors: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    window: int = WINDOW,
) -> Iterator[Document | InputError]:
    started = connect(address)
    try:
        count = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        items = iter(articles_or_errors)
        while inputs := list(islice(items, window)):
            yield from _run_window(inputs, default_published, count, chunk_size)
    finally:
        if started:
            ray.shutdown()


def _run_window(inputs: list, default_published, actors: int, chunk_size: int) -> Iterator[Document | InputError]:
    """One Dataset of pickled inputs through the actors; outcomes in input order."""
    rows = [{"item": pickle.dumps(item)} for item in inputs]
    blocks = max(min(actors, math.ceil(len(rows) / chunk_size)), math.ceil(len(rows) / BLOCK_SIZE))
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    dataset.context.execution_options.preserve_order = True  # outcomes in input order, as locally
    dataset.context.enable_progress_bars = False
    outcomes = dataset.map_batches(
        ExtractBatch,
        fn_kwargs={"default_published": default_published},
        batch_size=chunk_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=min(actors, blocks)),
        num_cpus=1,
    )
    for batch in outcomes.iter_batches(batch_size=None, batch_format="pyarrow"):
        for payload in batch.column("outcome").to_pylist():
            yield pickle.loads(payload)
