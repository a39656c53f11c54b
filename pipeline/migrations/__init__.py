"""Versioned schema of the store: `vNNNN_*.py` modules applied in order on open, each recorded in
`schema_migrations`. A migration is frozen once released: change the schema by adding the next one."""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from types import ModuleType

import sqlalchemy as sa

_NAME = re.compile(r"v(\d{4})_\w+$")

schema_migrations = sa.Table(
    "schema_migrations", sa.MetaData(),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),  # ISO 8601 UTC: readable on every backend
)


def available() -> list[tuple[int, ModuleType]]:
    """(version, module) of every migration in this package, oldest first."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if match:
            found.append((int(match.group(1)), importlib.import_module(f"{__name__}.{info.name}")))
    return sorted(found, key=lambda item: item[0])


def latest() -> int:
    return available()[-1][0]


def migrate(conn: sa.Connection, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to `target` (default: all) in the caller's transaction.

    The caller holds the store's write lock (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory lock), so
    two processes opening the same old store apply each migration once. Returns the versions applied.
    """
    schema_migrations.create(conn, checkfirst=True)
    done = set(conn.scalars(sa.select(schema_migrations.c.version)))
    known = available()
    newest = known[-1][0]
    if done and max(done) > newest:
        raise RuntimeError(f"schema version {max(done)} is newer than this krnews knows ({newest}): upgrade krnews")
    applied = []
    for version, module in known:
        if version in done or (target is not None and version > target):
            continue
        module.upgrade(conn)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn.execute(schema_migrations.insert().values(version=version, applied_at=now))
        applied.append(version)
    return applied


def current_version(conn: sa.Connection) -> int:
    """Highest applied version; 0 for a store that has none."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    return conn.scalar(sa.select(sa.func.max(schema_migrations.c.version))) or 0
