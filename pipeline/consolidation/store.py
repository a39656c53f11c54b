"""Keep a store's stories and initiatives up to date: only articles saved (or re-saved with other
records) since the last update are consolidated; everything already grouped stays as it is."""
from __future__ import annotations

import hashlib
from typing import Iterator

import sqlalchemy as sa

from krnews.models import Article, Document, Initiative, InitiativeRecord, Story
from krnews.store import articles, records

from .engine import Consolidator
from .sql import SqlBackend, initiative_records, story_articles

BATCH = 500  # documents per transaction: a long backlog commits as it goes
_LOCK_KEY = int.from_bytes(hashlib.sha1(b"krnews-consolidation").digest()[:8], "big", signed=True)
_ARTICLE_COLUMNS = list(Article.model_fields)
# records column -> initiative_records column: what consolidation reads of a record.
_COMPARED = {"doc_id": "doc_id", "org": "org", "currency": "currency", "amount_krw": "amount_krw", "amount_text": "amount_text",
             "year": "year", "year_start": "year_start", "year_end": "year_end", "initiative": "name",
             "funding_type": "funding_type", "published": "published", "sentence": "sentence"}


def _pending(conn: sa.Connection) -> list[str]:
    """Articles not in any story yet, and articles whose records differ from the consolidated ones
    (other record ids, or the same ids with other values after a re-extraction)."""
    new_articles = sa.select(articles.c.doc_id).where(articles.c.doc_id.not_in(sa.select(story_articles.c.doc_id)))
    new_records = sa.select(records.c.doc_id).where(records.c.record_id.not_in(sa.select(initiative_records.c.record_id)))
    gone_records = sa.select(initiative_records.c.doc_id).where(
        initiative_records.c.record_id.not_in(sa.select(records.c.record_id))
    )
    link = initiative_records
    changed_records = sa.select(records.c.doc_id).join(link, link.c.record_id == records.c.record_id).where(sa.or_(
        *(records.c[column].is_distinct_from(link.c[mine]) for column, mine in _COMPARED.items())
    ))
    union = sa.union(new_articles, new_records, gone_records, changed_records).subquery()
    return list(conn.execute(sa.select(union.c[0]).order_by(union.c[0])).scalars())


def _document(conn: sa.Connection, doc_id: str) -> Document:
    row = conn.execute(sa.select(*(articles.c[name] for name in _ARTICLE_COLUMNS)).where(articles.c.doc_id == doc_id)).mappings().one()
    rows = conn.execute(sa.select(*records.columns).where(records.c.doc_id == doc_id).order_by(records.c.record_id)).mappings()
    return Document(
        article=Article.model_validate({k: v for k, v in row.items() if v is not None}),
        records=[InitiativeRecord.model_validate(dict(r)) for r in rows],
    )


def update_initiatives(store) -> int:
    """Consolidate what changed in `store` since the last call; returns the number of articles handled."""
    done = 0
    while True:
        with store.transaction() as conn:
            if conn.dialect.name == "postgresql":  # one updater at a time (SQLite: BEGIN IMMEDIATE already)
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK_KEY)))
            pending = _pending(conn)[:BATCH]
            consolidator = Consolidator(SqlBackend(conn))
            for doc_id in pending:
                consolidator.add(_document(conn, doc_id))
        done += len(pending)
        if len(pending) < BATCH:
            return done


class KeepCurrent:
    """Keeps a store's initiatives current during a run that saves articles (extract --db, crawl,
    extract_many(db=)): after every BATCH saved articles and when the run ends, the new ones are
    consolidated, so readers (serve, report, status) never need to write."""

    def __init__(self, store):
        self.store, self.saved_since = store, 0

    def saved(self) -> None:
        self.saved_since += 1
        if self.saved_since >= BATCH:
            self.finish()

    def finish(self) -> None:
        if self.saved_since:
            update_initiatives(self.store)
            self.saved_since = 0


def pending_articles(store) -> int:
    """How many articles are saved but not consolidated yet (or changed since)."""
    with store.transaction() as conn:
        return len(_pending(conn))


def iter_initiatives(store, update: bool = True) -> Iterator[Initiative]:
    """Every initiative of the store (brought up to date first, unless `update` is False: a reader of a
    store opened read-only), by id."""
    if update:
        update_initiatives(store)
    with store.transaction() as conn:
        yield from SqlBackend(conn).iter_initiatives()


def iter_stories(store) -> Iterator[Story]:
    """Every story of the store (brought up to date first), by id."""
    update_initiatives(store)
    with store.transaction() as conn:
        yield from SqlBackend(conn).iter_stories()
