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
    modules = dict(available())
    applied = []
    for version in pending(conn):
        if target is not None and version > target:
            break
        modules[version].upgrade(conn)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn.execute(schema_migrations.insert().values(version=version, applied_at=now))
        applied.append(version)
    return applied


def pending(conn: sa.Connection) -> list[int]:
    """Versions not applied yet, oldest first (all of them for an empty database). A database that
    has a version this code does not know was written by a newer krnews: RuntimeError."""
    known = [version for version, _ in available()]
    if not sa.inspect(conn).has_table("schema_migrations"):
        return known
    done = set(conn.scalars(sa.select(schema_migrations.c.version)))
    if max(done, default=0) > known[-1]:
        raise RuntimeError(f"schema version {max(done)} is newer than this krnews knows ({known[-1]}): upgrade krnews")
    return [version for version in known if version not in done]


def current_version(conn: sa.Connection) -> int:
    """Highest applied version; 0 for a store that has none."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    return conn.scalar(sa.select(sa.func.max(schema_migrations.c.version))) or 0
