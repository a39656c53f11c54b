"""One scheduled batch run: discover article URLs, fetch what is new or changed, extract, store.

A run is a row in `runs` (id, start, end, counts, status) with its failures in `run_failures`.
Every article is saved in its own transaction, so a run killed at any point leaves only complete
articles, and the next run carries on: what was saved comes back 304 (or with the same text) and is
counted unchanged, what was not is fetched and stored. Hosts are fetched in parallel, one thread per
host, while the shared Fetcher keeps each host's politeness limit; extraction and saving happen in
the calling thread (extraction on a process pool when `workers` > 1).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from krnews.models import EXTRACTOR_VERSION, Article, Document, without_credentials
from krnews.scrapers import FetchError, Fetcher, Source, discover, parse_html
from krnews.scrapers.article import HTML_TYPES

from .consolidation.store import KeepCurrent
from .hosts import per_host
from .inputs import InputError
from .runner import process_item, run_articles
from .store import ArticleState, Store, content_hash

COUNTS = ("discovered", "fetched", "unchanged", "skipped", "failed", "saved", "records_added", "records_updated")
FETCHED_BACKLOG = 32  # pages fetched but not yet extracted: bounds memory when extraction lags

log = logging.getLogger("krnews.crawl")


@dataclass(frozen=True)
class Event:
    """What a progress display hears: `kind` is "sources" (detail: how many), "source" (one done),
    "pages" (detail: how many will be requested) or a page outcome: "saved", "unchanged", "skipped",
    "failed"; failures also come for feeds and sitemaps, with `page` False."""

    kind: str
    url: str | None = None
    detail: int | str | None = None
    page: bool = True


@dataclass
class CrawlReport:
    run_id: int
    status: str
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    failures: list[tuple[str, str]] = field(default_factory=list)


# -- what fetching one page comes to -----------------------------------------------------------
@dataclass(frozen=True)
class _Fetched:
    url: str
    article: Article
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime
    known: bool  # the store held an earlier version


@dataclass(frozen=True)
class _Settled:
    """A page that needs no extraction: unchanged, skipped, or failed (kind), and why."""

    url: str
    kind: str
    reason: str
    downloaded: bool = False
    revalidated: _Fetched | None = None  # the same text under new validators: stored for the next GET


def crawl(store: Store, sources: Iterable[Source], fetcher: Fetcher, *, since: dt.date | None = None,
          limit: int | None = None, workers: int = 1, wait: float = 0.0,
          on_event: Callable[[Event], None] | None = None) -> CrawlReport:
    """Run one crawl on `store` and return its report (also stored as run `report.run_id`).

    since: articles published before this date are skipped. limit: at most this many article pages
    are requested, URLs the store does not hold first. wait: seconds to wait for another run to end
    (StoreBusy after that). A run with failed inputs ends "failed", one stopped by an exception
    "interrupted"; either way what was saved stays saved.
    """
    run_id = store.begin_run("crawl", wait=wait)
    run = _Run(store, CrawlReport(run_id, "interrupted", dt.datetime.now(dt.timezone.utc)), on_event)
    try:
        urls = _discover(list(sources), fetcher, run)
        run.report.counts["discovered"] = len(urls)
        targets = _plan(store, urls, limit)
        log.info("run %d: %d article URLs discovered, %d to request", run_id, len(urls), len(targets))
        run.emit(Event("pages", detail=len(targets)))
        _fetch_extract_save(fetcher, targets, since, workers, run)
        run.report.status = "failed" if run.report.counts["failed"] else "ok"
    finally:
        try:
            run.initiatives.finish()  # what was saved is consolidated, even when the run was stopped
        finally:
            run.report.ended_at = dt.datetime.now(dt.timezone.utc)
            store.end_run(run_id, dict(run.report.counts), run.report.status)
    return run.report


class _Run:
    """Counts and failures of the run in progress, recorded as they happen (calling thread only)."""

    def __init__(self, store: Store, report: CrawlReport, on_event: Callable[[Event], None] | None):
        self.store, self.report, self._on_event = store, report, on_event
        self.initiatives = KeepCurrent(store)

    def emit(self, event: Event) -> None:
        if self._on_event is not None:
            self._on_event(event)

    def fail(self, url: str, reason: str, page: bool = True) -> None:
        url, reason = without_credentials(url), without_credentials(reason)
        self.report.counts["failed"] += 1
        self.report.failures.append((url, reason))
        self.store.record_failure(self.report.run_id, url, reason)
        log.warning("%s: %s", url, reason)
        self.emit(Event("failed", url, reason, page))

    def settle(self, outcome: _Settled) -> None:
        self.report.counts["fetched"] += outcome.downloaded
        if outcome.kind == "failed":
            self.fail(outcome.url, outcome.reason)
            return
        if outcome.revalidated is not None:
            fetched = outcome.revalidated
            try:
                self.store.update_validators(fetched.article.doc_id, fetched.etag, fetched.last_modified,
                                             fetched.fetched_at)
            except Exception as error:  # one article the store refuses must not stop the run
                self.fail(outcome.url, f"cannot save: {error}")
                return
        self.report.counts[outcome.kind] += 1
        log.info("%s %s (%s)", outcome.kind, outcome.url, outcome.reason)
        self.emit(Event(outcome.kind, outcome.url, outcome.reason))

    def save(self, doc: Document, fetched: _Fetched) -> None:
        try:
            self.store.save_document(doc, etag=fetched.etag, last_modified=fetched.last_modified,
                                     fetched_at=fetched.fetched_at)
        except Exception as error:  # one article the store refuses must not stop the run
            self.fail(fetched.url, f"cannot save: {error}")
            return
        self.initiatives.saved()
        counts = self.report.counts
        counts["saved"] += 1
        counts["records_updated" if fetched.known else "records_added"] += len(doc.records)
        state = "updated" if fetched.known else "new"
        log.info("saved %s: %d records (%s)", fetched.url, len(doc.records), state)
        self.emit(Event("saved", fetched.url, len(doc.records)))


# -- discovery and planning --------------------------------------------------------------------
def _discover(sources: list[Source], fetcher: Fetcher, run: _Run) -> list[str]:
    """Canonical article URLs of all sources (fetched in parallel), each once, in source order."""
    run.emit(Event("sources", detail=len(sources)))

    def one(source: Source) -> tuple[list[str], list[FetchError]]:
        errors: list[FetchError] = []
        return list(discover([source], fetcher, on_error=errors.append)), errors

    def first_url(source: Source) -> str:  # a source's host: its sources are asked one after another
        return next(iter((*source.feeds, *source.sitemaps, *source.sections)), "")

    found_by_source: dict[int, list[str]] = {}
    # per_host's fetching threads are daemons: SIGTERM during discovery ends the run at once.
    for index, (found, errors) in per_host(sources, first_url, one, len(sources) or 1):
        for error in errors:  # a feed or sitemap that failed: its source's other ones still count
            run.fail(error.url, error.reason, page=False)
        log.info("source %s: %d article URLs", sources[index].name, len(found))
        found_by_source[index] = found
        run.emit(Event("source", sources[index].name, len(found)))
    urls = dict.fromkeys(url for index in sorted(found_by_source) for url in found_by_source[index])
    return list(urls)


@dataclass(frozen=True)
class _Target:
    url: str
    state: ArticleState | None


def _plan(store: Store, urls: list[str], limit: int | None) -> list[_Target]:
    """Pages to request: new URLs first, so that a --limit works through a backlog across runs."""
    targets = [_Target(url, store.article_state(url)) for url in urls]
    targets.sort(key=lambda target: target.state is not None)  # stable: discovery order otherwise
    return targets[:limit] if limit is not None else targets


# -- fetching, extracting, saving --------------------------------------------------------------
def _fetch_extract_save(fetcher: Fetcher, targets: list[_Target], since: dt.date | None,
                        workers: int, run: _Run) -> None:
    waiting: deque[_Fetched] = deque()  # fetched pages in the order they went to extraction

    def articles() -> Iterator[Article]:
        for outcome in _fetch_all(fetcher, targets, since):
            if isinstance(outcome, _Settled):
                run.settle(outcome)
                continue
            run.report.counts["fetched"] += 1
            waiting.append(outcome)
            yield outcome.article

    if workers > 1:  # a pool takes articles in chunks; results come back in input order
        results = run_articles(articles(), workers)
    else:  # one at a time: each article is saved as soon as it is fetched
        results = (process_item(article, None) for article in articles())
    for result in results:
        fetched = waiting.popleft()
        if isinstance(result, InputError):
            run.fail(fetched.url, f"extraction failed: {result.reason}")
        else:
            run.save(result, fetched)


def _fetch_all(fetcher: Fetcher, targets: list[_Target], since: dt.date | None) -> Iterator[_Fetched | _Settled]:
    """Outcomes of all targets as they come: one thread per host, hosts in parallel."""
    for _, outcome in per_host(targets, lambda target: target.url, lambda target: _fetch_one(fetcher, target, since),
                               FETCHED_BACKLOG):
        yield outcome


def _fetch_one(fetcher: Fetcher, target: _Target, since: dt.date | None) -> _Fetched | _Settled:
    """Fetch and parse one article page; conditional when the stored version is current."""
    url, state = target.url, target.state
    current = state if state is not None and state.extractor_version == EXTRACTOR_VERSION else None
    log.debug("GET %s%s", url, " (conditional)" if current and (current.etag or current.last_modified) else "")
    try:
        result = fetcher.fetch(url, etag=current and current.etag, last_modified=current and current.last_modified)
    except FetchError as error:
        return _Settled(url, "failed", error.reason)
    if result.not_modified:
        return _Settled(url, "unchanged", "HTTP 304 not modified")
    content_type = (result.content_type or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        return _Settled(url, "failed", f"not an HTML page (Content-Type {content_type})", downloaded=True)
    try:
        article = parse_html(result.content, url=result.final_url, content_type=result.content_type)
    except Exception as error:  # a page the parser chokes on is one failed input
        return _Settled(url, "failed", f"cannot parse the page: {type(error).__name__}: {error}", downloaded=True)
    if not article.text:
        return _Settled(url, "failed", "no article text found on the page", downloaded=True)
    fetched = _Fetched(url, article, result.etag, result.last_modified, dt.datetime.now(dt.timezone.utc),
                       known=state is not None)
    if current is not None and current.doc_id == article.doc_id and current.content_hash == content_hash(article.text):
        return _Settled(url, "unchanged", "same text", downloaded=True, revalidated=fetched)
    if since is not None and article.published is not None and article.published < since:
        return _Settled(url, "skipped", f"published {article.published}, before {since}", downloaded=True)
    return fetched
