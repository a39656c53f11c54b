"""Consolidation across articles: stories of near-duplicate articles (with their MinHash signatures
and LSH band keys, so a new article finds its candidates by index) and initiatives, the same money
from several sources, with the records each one merges (krnews.consolidation)."""
from __future__ import annotations

import sqlalchemy as sa

from .columns import Json


def upgrade(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "stories", meta,
        sa.Column("story_id", sa.String, primary_key=True),
        sa.Column("canonical_doc_id", sa.String, nullable=False),
        sa.Column("canonical_url", sa.String),
        sa.Column("title", sa.String),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
        sa.Column("data", Json, nullable=False),
    )
    sa.Table(
        "story_articles", meta,
        sa.Column("doc_id", sa.String, primary_key=True),
        sa.Column("story_id", sa.String, nullable=False),
        sa.Column("url", sa.String),
        sa.Column("title", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("text_len", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Index("ix_story_articles_story_id", "story_id"),
    )
    sa.Table(
        "story_bands", meta,
        sa.Column("band_key", sa.String, primary_key=True),
        sa.Column("doc_id", sa.String, primary_key=True),
    )
    sa.Table(
        "initiatives", meta,
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
        sa.Index("ix_initiatives_org", "org"),
    )
    sa.Table(
        "initiative_records", meta,
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
        sa.Index("ix_initiative_records_initiative_id", "initiative_id"),
        sa.Index("ix_initiative_records_doc_id", "doc_id"),
        sa.Index("ix_initiative_records_org_currency", "org", "currency"),
    )
    meta.create_all(conn)
