"""The pipeline on Ray: actors that each load the NLP once and process chunks of articles.

Same inputs and outputs as `krnews.runner.run_articles`: Documents (or InputErrors) in input
order, with a bounded number of chunks in flight so a huge corpus streams through. Ray is an
optional extra (`pip install 'krnews[ray]'`); every actor needs krnews importable, which a Ray
job's runtime environment provides on a cluster (see the README).
"""
from __future__ import annotations

import datetime as dt
import logging
from itertools import islice
from typing import Iterable, Iterator

import ray
from ray.util import ActorPool

from krnews.models import Article, Document

from ..inputs import InputError
from ..runner import CHUNK_SIZE, CHUNKS_IN_FLIGHT_PER_WORKER, process_chunk


class ExtractActor:
    """One worker: the NLP pipeline is built when the actor starts and reused for every chunk."""

    def __init__(self):
        from ..nlp.language import get_nlp

        get_nlp()

    def process(self, chunk: list, default_published: dt.date | None) -> list:
        return process_chunk(chunk, default_published)


def connect(address: str | None = None) -> bool:
    """Join the cluster at `address` (None: RAY_ADDRESS, else a new local Ray). True if this call started Ray."""
    if ray.is_initialized():
        return False
    ray.init(address=address, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    return True


def run_articles_on_ray(
    articles_or_errors: Iterable[Article | InputError],
    default_published: dt.date | None = None,
    *,
    address: str | None = None,
    actors: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Document | InputError]:
    started = connect(address)
    try:
        count = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        remote_actor = ray.remote(num_cpus=1)(ExtractActor)
        handles = [remote_actor.remote() for _ in range(count)]
        pool = ActorPool(handles)
        try:
            yield from _ordered(pool, iter(articles_or_errors), default_published, chunk_size, count * CHUNKS_IN_FLIGHT_PER_WORKER)
        finally:
            for handle in handles:
                ray.kill(handle)
    finally:
        if started:
            ray.shutdown()


def _ordered(pool: ActorPool, items: Iterator, default_published, chunk_size: int, limit: int):
    """ActorPool.get_next returns results in submission order; at most `limit` chunks wait."""
    in_flight = 0
    while chunk := list(islice(items, chunk_size)):
        pool.submit(lambda actor, work: actor.process.remote(work, default_published), chunk)
        in_flight += 1
        if in_flight >= limit:
            yield from pool.get_next()
            in_flight -= 1
    while in_flight:
        yield from pool.get_next()
        in_flight -= 1
