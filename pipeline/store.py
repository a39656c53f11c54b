"""The store: articles, their records and mentions, and batch runs, in SQLite or PostgreSQL.

`Store.open("krnews.sqlite")` or `Store.open("postgresql://user:pw@host/db")`. Each document is saved
in one transaction (article upserted, its old records and mentions replaced), so a crash leaves every
article either with the records of its last complete save or not there at all. One batch run at a time:
`begin_run` takes a lock (a lock file beside a SQLite store, an advisory lock on PostgreSQL).
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import importlib.util
import json
import os
import sqlite3
import time
import urllib.parse
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite

from krnews.models import EXTRACTOR_VERSION, Document, InitiativeRecord

from . import migrations
from .migrations.columns import Json, UtcDateTime

DEFAULT_STORE = "krnews.sqlite"
DEFAULT_BUSY_TIMEOUT = 30.0  # seconds a SQLite write waits for another writer

# The current shape of the tables that migrations/ builds (tests/test_store.py checks they agree).
metadata = sa.MetaData()
articles = sa.Table(
    "articles", metadata,
    sa.Column("doc_id", sa.String, primary_key=True),
    sa.Column("url", sa.String),
    sa.Column("canonical_url", sa.String),
    sa.Column("title", sa.String),
    sa.Column("outlet", sa.String),
    sa.Column("byline", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("published_at", UtcDateTime),
    sa.Column("updated", UtcDateTime),
    sa.Column("language", sa.String),
    sa.Column("text", sa.Text),
    sa.Column("content_hash", sa.String),
    sa.Column("extractor_version", sa.String),
    sa.Column("etag", sa.String),
    sa.Column("last_modified", sa.String),
    sa.Column("fetched_at", UtcDateTime),
    sa.Column("source", sa.String),
)
records = sa.Table(
    "records", metadata,
    sa.Column("record_id", sa.String, primary_key=True),
    sa.Column("doc_id", sa.String),
    sa.Column("url", sa.String),
    sa.Column("title", sa.String),
    sa.Column("outlet", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("org", sa.String),
    sa.Column("org_mention", sa.String),
    sa.Column("org_type", sa.String),
    sa.Column("amount_krw", sa.BigInteger),
    sa.Column("amount_text", sa.String),
    sa.Column("amount", sa.Double),
    sa.Column("currency", sa.String),
    sa.Column("funding_type", sa.String),
    sa.Column("org_role", sa.String),
    sa.Column("recipient", sa.String),
    sa.Column("year", sa.Integer),
    sa.Column("year_start", sa.Integer),
    sa.Column("year_end", sa.Integer),
    sa.Column("year_mention", sa.String),
    sa.Column("initiative", sa.String),
    sa.Column("sentence", sa.Text),
    sa.Column("amount_start", sa.Integer),
    sa.Column("extractor_version", sa.String),
    sa.Column("schema_version", sa.String),
    sa.Column("source", sa.String),
)
mentions = sa.Table(
    "mentions", metadata,
    sa.Column("doc_id", sa.String, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("text", sa.String),
    sa.Column("json", Json),
)
runs = sa.Table(
    "runs", metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("command", sa.String),
    sa.Column("started_at", UtcDateTime),
    sa.Column("ended_at", UtcDateTime),
    sa.Column("pid", sa.Integer),
    sa.Column("counts", Json),
    sa.Column("status", sa.String),
)
run_failures = sa.Table(
    "run_failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer),
    sa.Column("input", sa.String),
    sa.Column("reason", sa.Text),
)


_DAMAGED = ("database disk image is malformed", "file is not a database")  # SQLite's words


class StoreError(Exception):
    """The store cannot be opened or written; str() is one line naming the store."""


class StoreBusy(StoreError):
    """Another run holds the store's run lock."""


@dataclass(frozen=True)
class RunInfo:
    run_id: int
    command: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    pid: int | None
    counts: dict
    status: str

    @property
    def duration(self) -> dt.timedelta | None:
        return self.ended_at - self.started_at if self.ended_at else None


@dataclass(frozen=True)
class ArticleState:
    doc_id: str
    etag: str | None
    last_modified: str | None
    content_hash: str
    extractor_version: str


@dataclass(frozen=True)
class Totals:
    articles: int
    records: int
    by_funding_type: dict[str | None, int]
    amount_krw: int


def default_store() -> str:
    """The store commands use without --db: $KRNEWS_DB, else krnews.sqlite in the working directory."""
    return os.environ.get("KRNEWS_DB") or DEFAULT_STORE


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Store:
    def __init__(self, engine: sa.Engine, name: str, run_lock: _FileLock | _AdvisoryLock):
        self._engine = engine
        # Writes on SQLite start with BEGIN IMMEDIATE (see _sqlite_engine): no mid-transaction lock upgrade.
        self._writer = engine.execution_options(krnews_write=True)
        self.name = name
        self._run_lock = run_lock
        self._run_id: int | None = None

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, target: str | os.PathLike, *, create: bool = True,
             busy_timeout: float = DEFAULT_BUSY_TIMEOUT, read_only: bool = False) -> Store:
        """Open (and bring up to the current schema) the store at a path, sqlite:/// or postgresql:// URL.

        With create=False a SQLite file that does not exist is an error rather than a new store. With
        read_only=True nothing can be written through it (SQLite mode=ro; PostgreSQL read-only
        transactions), it is never created, and a store whose schema is out of date is an error.
        """
        text = os.fspath(target)
        if "://" not in text:
            return cls._open_sqlite(Path(text), create and not read_only, busy_timeout, read_only)
        try:
            url = sa.engine.make_url(text)
        except sa.exc.ArgumentError:
            raise StoreError(f"{text}: not a store URL") from None
        backend = url.get_backend_name()
        if backend == "sqlite" and url.database and url.database != ":memory:":
            return cls._open_sqlite(Path(url.database), create and not read_only, busy_timeout, read_only)
        if backend in ("postgresql", "postgres"):
            return cls._open_postgres(url, read_only)
        raise StoreError(f"{text}: unsupported store (use a file path, sqlite:///PATH or postgresql://…)")

    @classmethod
    def _open_sqlite(cls, path: Path, create: bool, busy_timeout: float, read_only: bool = False) -> Store:
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a store")
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no such store")
            if not path.parent.is_dir():
                raise StoreError(f"{path}: directory {path.parent} does not exist")
        if read_only:
            uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
            engine = sa.create_engine("sqlite://", creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=busy_timeout, check_same_thread=False))
        else:
            engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout})

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
            if read_only:
                return
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: a killed process loses nothing committed
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            write = conn.get_execution_options().get("krnews_write") and not read_only
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        # The lock beside the file itself: a store reached through a symlink is the same store.
        return cls._ready(engine, str(path), _FileLock(Path(f"{path.resolve()}.lock")), read_only)

    @classmethod
    def _open_postgres(cls, url: sa.URL, read_only: bool = False) -> Store:
        name = url.render_as_string(hide_password=True)
        if importlib.util.find_spec("psycopg") is None:
            raise StoreError(f"{name}: PostgreSQL needs psycopg: pip install 'krnews[postgres]'")
        url = url.set(drivername="postgresql+psycopg")
        connect_args = {"connect_timeout": 10, "application_name": "krnews"}
        if read_only:
            connect_args["options"] = "-c default_transaction_read_only=on"
        engine = sa.create_engine(url, connect_args=connect_args)
        try:
            with engine.connect() as conn:
                schema = conn.scalar(sa.text("SELECT current_schema()"))
        except sa.exc.OperationalError as error:
            engine.dispose()
            raise StoreError(f"{name}: cannot connect: {_first_line(error.orig or error)}") from None
        return cls._ready(engine, name, _AdvisoryLock(engine, _lock_key(f"krnews-run:{schema}")), read_only)

    @classmethod
    def _ready(cls, engine: sa.Engine, name: str, run_lock, read_only: bool = False) -> Store:
        store = cls(engine, name, run_lock)

        @event.listens_for(engine, "handle_error")
        def _damaged(context) -> None:  # whichever query meets the damage says so in one line
            error = context.original_exception
            if isinstance(error, sqlite3.DatabaseError) and str(error) in _DAMAGED:
                raise StoreError(f"{name}: {error} (the store is damaged: restore it from a backup)")

        try:
            if read_only:
                with engine.connect() as conn:
                    if migrations.pending(conn):
                        raise RuntimeError("its schema is older than this krnews; open it once for writing "
                                           "(krnews extract --db, krnews crawl) to migrate it")
            else:
                store._migrate()
        except (sa.exc.SQLAlchemyError, RuntimeError) as error:
            engine.dispose()
            raise StoreError(f"{name}: {_first_line(getattr(error, 'orig', None) or error)}") from None
        return store

    def _migrate(self) -> list[int]:
        with self._engine.connect() as conn:  # a read: opening an up-to-date store waits for no writer
            if not migrations.pending(conn):
                return []
        with self._writer.begin() as conn:
            if conn.dialect.name == "postgresql":  # serialise concurrent first opens of one database
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_lock_key("krnews-migrate"))))
            return migrations.migrate(conn)

    def close(self) -> None:
        """Release the store; a run begun here and not ended is recorded as interrupted."""
        try:
            if self._run_id is not None:
                self.end_run(self._run_id, {}, "interrupted")
        finally:
            self._run_lock.release()
            self._engine.dispose()

    def transaction(self):
        """A write transaction (`with store.transaction() as conn:`) for modules that keep their own
        tables in the store, such as krnews.consolidation."""
        return self._writer.begin()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------------
    def save_document(self, doc: Document, *, etag: str | None = None, last_modified: str | None = None,
                      fetched_at: dt.datetime | None = None) -> None:
        """Save one document atomically: the article (HTTP validators not given keep their stored
        values) and exactly its current records and mentions, replacing those of any earlier save."""
        article = doc.article
        row = article.model_dump()
        row.update(
            content_hash=content_hash(article.text),
            extractor_version=doc.records[0].extractor_version if doc.records else EXTRACTOR_VERSION,
            etag=etag, last_modified=last_modified, fetched_at=fetched_at,
        )
        mention_rows = [
            {"doc_id": article.doc_id, "seq": seq, "kind": m.kind, "start": m.start, "end": m.end,
             "text": m.text, "json": m.model_dump(mode="json")}
            for seq, m in enumerate(doc.mentions)
        ]
        try:
            with self._writer.begin() as conn:
                conn.execute(self._upsert_article(conn.dialect.name, row))
                conn.execute(records.delete().where(records.c.doc_id == article.doc_id))
                conn.execute(mentions.delete().where(mentions.c.doc_id == article.doc_id))
                if doc.records:
                    conn.execute(records.insert(), [r.model_dump() for r in doc.records])
                if mention_rows:
                    conn.execute(mentions.insert(), mention_rows)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"{self.name}: cannot save {article.doc_id}: "
                             f"{_first_line(getattr(error, 'orig', None) or error)}") from error

    @staticmethod
    def _upsert_article(dialect: str, row: dict):
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(articles).values(**row)
        kept = ("etag", "last_modified", "fetched_at")
        updates = {c.name: insert.excluded[c.name] for c in articles.columns if c.name != "doc_id" and c.name not in kept}
        updates.update({name: sa.func.coalesce(insert.excluded[name], articles.c[name]) for name in kept})
        return insert.on_conflict_do_update(index_elements=[articles.c.doc_id], set_=updates)

    def update_validators(self, doc_id: str, etag: str | None, last_modified: str | None,
                          fetched_at: dt.datetime) -> None:
        """A page fetched again with the same text: keep its new ETag / Last-Modified for the next
        conditional GET (a validator the server no longer sends is kept)."""
        values = {"fetched_at": fetched_at}
        values |= {name: value for name, value in (("etag", etag), ("last_modified", last_modified)) if value}
        try:
            with self._engine.begin() as conn:
                conn.execute(articles.update().where(articles.c.doc_id == doc_id).values(**values))
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"{self.name}: cannot update {doc_id}: "
                             f"{_first_line(getattr(error, 'orig', None) or error)}") from error

    def has_article(self, doc_id: str, extractor_version: str | None = None) -> bool:
        """Whether the article is stored (and, when given, was extracted by that extractor version)."""
        query = sa.select(articles.c.doc_id).where(articles.c.doc_id == doc_id)
        if extractor_version is not None:
            query = query.where(articles.c.extractor_version == extractor_version)
        with self._engine.connect() as conn:
            return conn.execute(query).first() is not None

    def article_validators(self, url: str) -> tuple[str | None, str | None, str] | None:
        """(etag, last_modified, content_hash) of the article last fetched from `url`, or None."""
        row = self._last_fetched(url, articles.c.etag, articles.c.last_modified, articles.c.content_hash)
        return tuple(row) if row else None

    def article_state(self, url: str) -> ArticleState | None:
        """What a crawl needs to know of the article last fetched from `url`: its validators for a
        conditional GET, and its content hash and extractor version to tell whether to re-extract."""
        row = self._last_fetched(url, articles.c.doc_id, articles.c.etag, articles.c.last_modified,
                                 articles.c.content_hash, articles.c.extractor_version)
        return ArticleState(**row._mapping) if row else None

    def _last_fetched(self, url: str, *columns) -> sa.Row | None:
        """`columns` of the article stored under `url` (as fetched or canonical), the latest fetch first."""
        query = (
            sa.select(*columns)
            .where(sa.or_(articles.c.url == url, articles.c.canonical_url == url))
            .order_by(articles.c.fetched_at.desc().nulls_last(), articles.c.doc_id)
            .limit(1)
        )
        with self._engine.connect() as conn:
            return conn.execute(query).first()

    def iter_records(self, since: dt.date | None = None, org: str | None = None,
                     year: int | None = None) -> Iterator[InitiativeRecord]:
        """Records published on or after `since`, of organisation `org` (canonical name), concerning
        `year` (the record's year, or a period that includes it), by publication date then position."""
        query = sa.select(*records.columns)
        if since is not None:
            query = query.where(records.c.published >= since)
        if org is not None:
            query = query.where(records.c.org == org)
        if year is not None:
            first = sa.func.coalesce(records.c.year_start, records.c.year_end)
            last = sa.func.coalesce(records.c.year_end, records.c.year_start)
            query = query.where(sa.or_(records.c.year == year, sa.and_(first <= year, last >= year)))
        query = query.order_by(records.c.published.asc().nulls_last(), records.c.doc_id,
                               records.c.amount_start, records.c.record_id)
        with self._engine.connect() as conn:  # one snapshot for the whole iteration
            for row in conn.execution_options(yield_per=1000).execute(query).mappings():
                yield InitiativeRecord.model_validate(dict(row))

    # -- runs --------------------------------------------------------------------------------
    def begin_run(self, command: str, *, wait: float = 0.0) -> int:
        """Take the run lock (waiting up to `wait` seconds) and record a new run; returns its id.

        Raises StoreBusy("store X is in use by run N (pid P) since T") when another run holds it.
        Runs still marked running from processes that died are marked interrupted.
        """
        deadline = time.monotonic() + wait
        while not self._run_lock.acquire():
            if time.monotonic() >= deadline:
                raise StoreBusy(self._busy_message())
            time.sleep(0.1)
        started = _now()
        try:
            with self._writer.begin() as conn:
                conn.execute(runs.update().where(runs.c.status == "running").values(status="interrupted"))
                run_id = conn.execute(runs.insert().values(
                    command=command, started_at=started, pid=os.getpid(), counts={}, status="running",
                )).inserted_primary_key[0]
        except BaseException:
            self._run_lock.release()
            raise
        self._run_lock.announce({"run_id": run_id, "pid": os.getpid(), "since": started.isoformat()})
        self._run_id = run_id
        return run_id

    def _busy_message(self) -> str:
        holder = self._run_lock.holder()
        if holder is None:  # PostgreSQL: the newest run still marked running holds the lock
            with self._engine.connect() as conn:
                row = conn.execute(sa.select(runs.c.run_id, runs.c.pid, runs.c.started_at)
                                   .where(runs.c.status == "running").order_by(runs.c.run_id.desc()).limit(1)).first()
            holder = {"run_id": row.run_id, "pid": row.pid, "since": row.started_at.isoformat()} if row else None
        if not holder or holder.get("run_id") is None:
            return f"store {self.name} is in use by another run" + (f" (pid {holder['pid']})" if holder else "")
        since = dt.datetime.fromisoformat(holder["since"]).strftime("%Y-%m-%d %H:%M:%S %Z")
        return f"store {self.name} is in use by run {holder['run_id']} (pid {holder['pid']}) since {since}"

    def record_failure(self, run_id: int, input: str, reason: str) -> None:
        with self._writer.begin() as conn:
            conn.execute(run_failures.insert().values(run_id=run_id, input=input, reason=reason))

    def end_run(self, run_id: int, counts: dict, status: str) -> None:
        """Record how the run ended and release the run lock."""
        try:
            with self._writer.begin() as conn:
                conn.execute(runs.update().where(runs.c.run_id == run_id)
                             .values(ended_at=_now(), counts=counts, status=status))
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"{self.name}: cannot end run {run_id}: "
                             f"{_first_line(getattr(error, 'orig', None) or error)}") from error
        finally:
            if run_id == self._run_id:
                self._run_lock.release()
                self._run_id = None

    def last_runs(self, n: int = 10) -> list[RunInfo]:
        query = sa.select(runs).order_by(runs.c.run_id.desc()).limit(n)
        with self._engine.connect() as conn:
            return [RunInfo(**{**row, "counts": row["counts"] or {}}) for row in conn.execute(query).mappings()]

    def run_failures(self, run_id: int) -> list[tuple[str, str]]:
        query = (sa.select(run_failures.c.input, run_failures.c.reason)
                 .where(run_failures.c.run_id == run_id).order_by(run_failures.c.id))
        with self._engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    def totals(self) -> Totals:
        with self._engine.connect() as conn:
            n_articles = conn.scalar(sa.select(sa.func.count()).select_from(articles))
            by_type = conn.execute(sa.select(records.c.funding_type, sa.func.count())
                                   .group_by(records.c.funding_type)).all()
            amount = conn.scalar(sa.select(sa.func.coalesce(sa.func.sum(records.c.amount_krw), 0)))
        ordered = sorted(by_type, key=lambda item: (-item[1], item[0] or "\uffff"))
        return Totals(articles=n_articles, records=sum(count for _, count in by_type),
                      by_funding_type=dict(ordered), amount_krw=int(amount))


_FILE_LOCKS: weakref.WeakSet = weakref.WeakSet()
os.register_at_fork(after_in_child=lambda: [lock.forget_in_child() for lock in list(_FILE_LOCKS)])


class _FileLock:
    """Run lock of a SQLite store: flock on `<db>.lock`, which says who holds it (run, pid, since).

    The kernel drops the flock when its process dies, so a lock left by a killed run is simply taken
    over; the file is never deleted (deleting a lock file others wait on would let two runs in)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        _FILE_LOCKS.add(self)

    def forget_in_child(self) -> None:
        """In a forked child (a worker): close the inherited descriptor, so the lock ends with the
        process that took it, whatever becomes of the child."""
        if self._fd is not None:
            os.close(self._fd)  # the parent's descriptor still holds the flock
            self._fd = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        self.announce({"run_id": None, "pid": os.getpid(), "since": _now().isoformat()})
        return True

    def announce(self, holder: dict) -> None:
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(holder).encode(), 0)

    def holder(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the flock
            self._fd = None


class _AdvisoryLock:
    """Run lock of a PostgreSQL store: a session advisory lock on a connection kept for the run. The
    server drops it when that connection ends, however the process ends."""

    def __init__(self, engine: sa.Engine, key: int):
        self._engine, self._key = engine, key
        self._conn: sa.Connection | None = None

    def acquire(self) -> bool:
        if self._conn is not None:
            return True
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        if conn.scalar(sa.select(sa.func.pg_try_advisory_lock(self._key))):
            self._conn = conn
            return True
        conn.close()
        return False

    def announce(self, holder: dict) -> None:
        """The runs table says who holds it."""

    def holder(self) -> dict | None:
        return None

    def release(self) -> None:
        if self._conn is not None:
            self._conn.invalidate()  # ends the session: the server releases the lock with it
            self._conn.close()
            self._conn = None


def _lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key."""
    return int.from_bytes(hashlib.sha1(name.encode()).digest()[:8], "big", signed=True)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
