"""Work on pages spread over hosts: hosts side by side, each host's pages one after another, so a
host's politeness delay holds while a slow host does not hold up the others."""
from __future__ import annotations

import queue
import threading
from typing import Callable, Iterator, TypeVar
from urllib.parse import urlsplit

MAX_PARALLEL_HOSTS = 8  # fetching threads; each host is still fetched one polite request at a time

Item = TypeVar("Item")
Result = TypeVar("Result")
_HOST_DONE = object()


def per_host(items: list[Item], url_of: Callable[[Item], str], work: Callable[[Item], Result],
             backlog: int) -> Iterator[tuple[int, Result]]:
    """(index in `items`, work(item)) of every item, as each finishes. At most `backlog` results wait
    for the consumer; when it stops early, the threads end after their current item."""
    by_host: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_host.setdefault(urlsplit(url_of(item)).hostname or "", []).append(index)
    if not by_host:
        return
    done: queue.Queue = queue.Queue(maxsize=backlog)
    stop = threading.Event()

    def put(entry) -> None:
        while not stop.is_set():
            try:
                done.put(entry, timeout=0.1)
                return
            except queue.Full:
                continue

    def run_host(indices: list[int]) -> None:
        try:
            for index in indices:
                if stop.is_set():
                    return
                put((index, work(items[index])))
        finally:
            put(_HOST_DONE)

    hosts: queue.SimpleQueue = queue.SimpleQueue()
    for indices in by_host.values():
        hosts.put(indices)

    def run_hosts() -> None:
        while not stop.is_set():
            try:
                indices = hosts.get_nowait()
            except queue.Empty:
                return
            run_host(indices)

    # Daemon threads: a process told to stop (SIGTERM, Ctrl-C) ends without waiting for a fetch in progress.
    for number in range(min(MAX_PARALLEL_HOSTS, len(by_host))):
        threading.Thread(target=run_hosts, name=f"krnews-fetch-{number}", daemon=True).start()
    try:
        remaining = len(by_host)
        while remaining:
            entry = done.get()
            if entry is _HOST_DONE:
                remaining -= 1
            else:
                yield entry
    finally:
        stop.set()
