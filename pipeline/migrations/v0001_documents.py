"""Articles, their initiative records and their mentions (schema of krnews.models 1.0)."""
from __future__ import annotations

import sqlalchemy as sa

from .columns import Json, UtcDateTime


def upgrade(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "articles", meta,
        sa.Column("doc_id", sa.String, primary_key=True),
        sa.Column("url", sa.String),
        sa.Column("canonical_url", sa.String),
        sa.Column("title", sa.String),
        sa.Column("outlet", sa.String),
        sa.Column("byline", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("published_at", UtcDateTime),
        sa.Column("updated", UtcDateTime),
        sa.Column("language", sa.String, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String, nullable=False),
        sa.Column("extractor_version", sa.String, nullable=False),
        sa.Column("etag", sa.String),
        sa.Column("last_modified", sa.String),  # the server's HTTP date, sent back verbatim
        sa.Column("fetched_at", UtcDateTime),
        sa.Index("ix_articles_url", "url"),
        sa.Index("ix_articles_canonical_url", "canonical_url"),
    )
    sa.Table(
        "records", meta,
        sa.Column("record_id", sa.String, primary_key=True),
        sa.Column("doc_id", sa.String, sa.ForeignKey("articles.doc_id"), nullable=False),
        sa.Column("url", sa.String),
        sa.Column("title", sa.String),
        sa.Column("outlet", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("org", sa.String),
        sa.Column("org_mention", sa.String),
        sa.Column("org_type", sa.String),
        sa.Column("amount_krw", sa.BigInteger),
        sa.Column("amount_text", sa.String, nullable=False),
        sa.Column("amount", sa.Double),
        sa.Column("currency", sa.String, nullable=False),
        sa.Column("funding_type", sa.String),
        sa.Column("org_role", sa.String),
        sa.Column("recipient", sa.String),
        sa.Column("year", sa.Integer),
        sa.Column("year_start", sa.Integer),
        sa.Column("year_end", sa.Integer),
        sa.Column("year_mention", sa.String),
        sa.Column("initiative", sa.String),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("amount_start", sa.Integer, nullable=False),
        sa.Column("extractor_version", sa.String, nullable=False),
        sa.Column("schema_version", sa.String, nullable=False),
        sa.Index("ix_records_doc_id", "doc_id"),
        sa.Index("ix_records_published", "published"),
        sa.Index("ix_records_org", "org"),
    )
    sa.Table(
        "mentions", meta,
        sa.Column("doc_id", sa.String, sa.ForeignKey("articles.doc_id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),  # position in the document's mention list
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("json", Json, nullable=False),  # the whole mention (value_krw, year, canonical…)
    )
    meta.create_all(conn)
