"""Every article and record names its source: the input as the user gave it (a path, a URL, or
corpus.jsonl:LINE)."""
from __future__ import annotations

import sqlalchemy as sa


def upgrade(conn: sa.Connection) -> None:
    for table in ("articles", "records"):
        conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN source VARCHAR"))
