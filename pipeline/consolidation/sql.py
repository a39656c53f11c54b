"""Consolidation state in a store's tables (created by migration v0003_initiatives): the same
backend interface as MemoryBackend, so stories and initiatives grow as documents arrive."""
from __future__ import annotations

import sqlalchemy as sa

from krnews.migrations.columns import Json
from krnews.models import Initiative, Story

from .matching import RecordKey, amount_bounds
from .stories import from_bytes, to_bytes

metadata = sa.MetaData()

stories = sa.Table(
    "stories", metadata,
    sa.Column("story_id", sa.String, primary_key=True),
    sa.Column("canonical_doc_id", sa.String, nullable=False),
    sa.Column("canonical_url", sa.String),
    sa.Column("title", sa.String),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("data", Json, nullable=False),
)
story_articles = sa.Table(
    "story_articles", metadata,
    sa.Column("doc_id", sa.String, primary_key=True),
    sa.Column("story_id", sa.String, nullable=False),
    sa.Column("url", sa.String),
    sa.Column("title", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("text_len", sa.Integer, nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)
story_bands = sa.Table(
    "story_bands", metadata,
    sa.Column("band_key", sa.String, primary_key=True),
    sa.Column("doc_id", sa.String, primary_key=True),
)
initiatives = sa.Table(
    "initiatives", metadata,
    sa.Column("initiative_id", sa.String, primary_key=True),
    sa.Column("org", sa.String),
    sa.Column("initiative", sa.String),
    sa.Column("amount_krw", sa.BigInteger),
    sa.Column("amount", sa.Double),
    sa.Column("amount_text", sa.String, nullable=False),
    sa.Column("currency", sa.String, nullable=False),
    sa.Column("funding_type", sa.String),
    sa.Column("stage", sa.String),
    sa.Column("year", sa.Integer),
    sa.Column("year_start", sa.Integer),
    sa.Column("year_end", sa.Integer),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("data", Json, nullable=False),
)
initiative_records = sa.Table(
    "initiative_records", metadata,
    sa.Column("record_id", sa.String, primary_key=True),
    sa.Column("initiative_id", sa.String, nullable=False),
    sa.Column("doc_id", sa.String, nullable=False),
    sa.Column("org", sa.String),
    sa.Column("currency", sa.String, nullable=False),
    sa.Column("amount", sa.Double),
    sa.Column("amount_krw", sa.BigInteger),
    sa.Column("amount_text", sa.String, nullable=False),
    sa.Column("year", sa.Integer),
    sa.Column("year_start", sa.Integer),
    sa.Column("year_end", sa.Integer),
    sa.Column("name", sa.String),
    sa.Column("funding_type", sa.String),
    sa.Column("stage", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("url", sa.String),
    sa.Column("outlet", sa.String),
    sa.Column("sentence", sa.Text, nullable=False),
)

_KEY_COLUMNS = [c.name for c in initiative_records.columns if c.name != "initiative_id"]
_INITIATIVE_COLUMNS = frozenset(c.name for c in initiatives.columns) - {"data"}


def _key(row) -> RecordKey:
    return RecordKey(**{name: getattr(row, name) for name in _KEY_COLUMNS})


class SqlBackend:
    """Reads and writes through one connection; the caller owns the transaction."""

    def __init__(self, connection: sa.Connection):
        self.conn = connection

    # stories
    def story_of(self, doc_id: str) -> str | None:
        return self.conn.execute(sa.select(story_articles.c.story_id).where(story_articles.c.doc_id == doc_id)).scalar()

    def story_candidates(self, keys: list[str]) -> dict:
        """doc_id -> (story_id, signature) of the articles sharing a band key."""
        rows = self.conn.execute(
            sa.select(story_articles.c.doc_id, story_articles.c.story_id, story_articles.c.signature)
            .where(story_articles.c.doc_id.in_(sa.select(story_bands.c.doc_id).where(story_bands.c.band_key.in_(keys))))
        )
        return {row.doc_id: (row.story_id, from_bytes(row.signature)) for row in rows}

    def story_members(self, story_id: str) -> list[dict]:
        rows = self.conn.execute(
            sa.select(story_articles.c.doc_id, story_articles.c.url, story_articles.c.title,
                      story_articles.c.published, story_articles.c.text_len)
            .where(story_articles.c.story_id == story_id)
        )
        return [dict(row._mapping) for row in rows]

    def signatures_of(self, doc_ids: list[str]) -> dict:
        rows = self.conn.execute(
            sa.select(story_articles.c.doc_id, story_articles.c.signature).where(story_articles.c.doc_id.in_(doc_ids))
        )
        return {row.doc_id: from_bytes(row.signature) for row in rows}

    def leave_story(self, doc_id: str, story_id: str, groups: list[tuple[Story, list[dict]]]) -> None:
        self.conn.execute(story_bands.delete().where(story_bands.c.doc_id == doc_id))
        self.conn.execute(story_articles.delete().where(story_articles.c.doc_id == doc_id))
        self.conn.execute(stories.delete().where(stories.c.story_id == story_id))
        for story, members in groups:
            self._insert_story(story)
            self.conn.execute(story_articles.update()
                              .where(story_articles.c.doc_id.in_([m["doc_id"] for m in members]))
                              .values(story_id=story.story_id))

    def put_story(self, old_ids: list[str], story: Story, members: list[dict], article) -> None:
        member, hashvalues, keys = article
        if old_ids:
            self.conn.execute(stories.delete().where(stories.c.story_id.in_(old_ids)))
        self._insert_story(story)
        self.conn.execute(story_articles.insert(), {"story_id": story.story_id, "signature": to_bytes(hashvalues), **member})
        if old_ids:
            self.conn.execute(story_articles.update().where(story_articles.c.story_id.in_(old_ids)).values(story_id=story.story_id))
        self.conn.execute(story_bands.insert(), [{"band_key": key, "doc_id": member["doc_id"]} for key in keys])

    def _insert_story(self, story: Story) -> None:
        # Statements take their values as parameters: compiled once, cached by SQLAlchemy.
        self.conn.execute(stories.insert(), {
            "story_id": story.story_id, "canonical_doc_id": story.canonical_doc_id, "canonical_url": story.canonical_url,
            "title": story.title, "n_articles": story.n_articles, "first_seen": story.first_seen,
            "last_seen": story.last_seen, "data": story.model_dump(mode="json"),
        })

    # initiatives
    def record_candidates(self, key: RecordKey) -> list[tuple[RecordKey, str]]:
        if key.org is None or key.amount is None:
            return []
        (low, high), (rev_low, rev_high) = amount_bounds(key)
        magnitude = sa.func.abs(initiative_records.c.amount)
        revision = magnitude.between(rev_low, rev_high)
        if key.stage is None:
            revision = sa.and_(revision, initiative_records.c.stage.is_not(None))
        rows = self.conn.execute(
            sa.select(initiative_records).where(
                initiative_records.c.org == key.org,
                initiative_records.c.currency == key.currency,
                sa.or_(magnitude.between(low, high), revision),
            )
        )
        return [(_key(row), row.initiative_id) for row in rows]

    def records_of_doc(self, doc_id: str) -> list[RecordKey]:
        return [_key(row) for row in self.conn.execute(sa.select(initiative_records).where(initiative_records.c.doc_id == doc_id))]

    def initiatives_of(self, record_ids: set[str]) -> set[str]:
        rows = self.conn.execute(
            sa.select(initiative_records.c.initiative_id).where(initiative_records.c.record_id.in_(sorted(record_ids)))
        )
        return set(rows.scalars())

    def initiative_members(self, initiative_id: str) -> list[RecordKey]:
        rows = self.conn.execute(sa.select(initiative_records).where(initiative_records.c.initiative_id == initiative_id))
        return [_key(row) for row in rows]

    def put_initiatives(self, old_ids: list[str], new: list[tuple[Initiative, list[RecordKey]]]) -> None:
        if old_ids:
            self.conn.execute(initiatives.delete().where(initiatives.c.initiative_id.in_(old_ids)))
            self.conn.execute(initiative_records.delete().where(initiative_records.c.initiative_id.in_(old_ids)))
        for initiative, keys in new:
            row = {name: value for name, value in initiative.model_dump().items() if name in _INITIATIVE_COLUMNS}
            self.conn.execute(initiatives.insert(), {**row, "data": initiative.model_dump(mode="json")})
            self.conn.execute(initiative_records.insert(), [{"initiative_id": initiative.initiative_id, **key.row()} for key in keys])

    # reading
    def iter_initiatives(self):
        for row in self.conn.execute(sa.select(initiatives.c.data).order_by(initiatives.c.initiative_id)):
            yield Initiative.model_validate(row.data)

    def iter_stories(self):
        for row in self.conn.execute(sa.select(stories.c.data).order_by(stories.c.story_id)):
            yield Story.model_validate(row.data)
