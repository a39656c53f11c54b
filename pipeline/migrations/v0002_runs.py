"""Batch runs and the inputs that failed in them."""
from __future__ import annotations

import sqlalchemy as sa

from .columns import Json, UtcDateTime


def upgrade(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "runs", meta,
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("command", sa.String, nullable=False),
        sa.Column("started_at", UtcDateTime, nullable=False),
        sa.Column("ended_at", UtcDateTime),
        sa.Column("pid", sa.Integer),
        sa.Column("counts", Json),
        sa.Column("status", sa.String, nullable=False),
    )
    sa.Table(
        "run_failures", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("input", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Index("ix_run_failures_run_id", "run_id"),
    )
    meta.create_all(conn)
