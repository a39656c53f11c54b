"""`krnews serve`: browse the SQLite store read-only in Datasette (facets, canned queries, 억원 amounts)."""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from krnews.data import DATA_DIR

from ..store import default_store

METADATA_PATH = DATA_DIR / "datasette" / "metadata.json"
# The shipped metadata describes the store under this name; serve gives it to the database actually served.
METADATA_DATABASE = "krnews"


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "serve",
        help="browse the store read-only in Datasette (pip install 'krnews[serve]')",
        description="Open the SQLite store in Datasette, read-only: tables with descriptions, facets on "
                    "organisation, year, funding type and outlet, amounts in 억원/조원, links to the articles "
                    "and canned queries.",
    )
    parser.add_argument("--db", metavar="PATH", help="SQLite store file (default: $KRNEWS_DB, else krnews.sqlite)")
    parser.add_argument("--port", type=int, default=8001, help="port to listen on (default: 8001)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    return parser


def run(args) -> int:
    try:
        import uvicorn  # Datasette and its server are an optional extra (krnews[serve])
        from datasette.app import Datasette
        from datasette.plugins import pm
    except ImportError:
        print("krnews serve: Datasette is not installed; pip install 'krnews[serve]'", file=sys.stderr)
        return 2
    db = args.db or default_store()
    problem = _store_problem(db)
    if problem:
        print(f"krnews serve: {db}: {problem}", file=sys.stderr)
        return 1
    from ..report import datasette_plugin  # imports Datasette (optional)

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="krnews")
    name = Path(db).stem
    if _wal_pending(db):
        # Immutable reads skip the write-ahead log, so they would hide what a running (or crashed) batch
        # committed: read through SQLite's mode=ro instead. Datasette still offers no way to write.
        print(f"krnews serve: {db}: a batch is writing (or ended abruptly); serving it read-only, live", file=sys.stderr)
        datasette = Datasette(files=[db], metadata=_metadata(name))
    else:
        datasette = Datasette(immutables=[db], metadata=_metadata(name))  # SQLite immutable=1
    asyncio.run(datasette.invoke_startup())
    if not _is_loopback(args.host):
        print(f"krnews serve: listening on {args.host}: anyone who can reach it can read the store", file=sys.stderr)
    print(f"krnews serve: http://{args.host}:{args.port}/{name}/records (Ctrl-C stops)", file=sys.stderr)
    try:
        app = only_local_hosts(datasette.app()) if _is_loopback(args.host) else datasette.app()
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", lifespan="on")
    except SystemExit as exit_:  # uvicorn exits when it cannot bind
        print(f"krnews serve: cannot listen on {args.host}:{args.port}", file=sys.stderr)
        return 1 if exit_.code else 0
    return 0


def _wal_pending(db: str) -> bool:
    wal = Path(f"{db}-wal")
    return wal.is_file() and wal.stat().st_size > 0


def _store_problem(db: str) -> str | None:
    """Why `db` cannot be served, or None."""
    if "://" in db:
        return "Datasette reads SQLite files: give the store's file path"
    path = Path(db)
    if not path.is_file():
        return "no such store file"
    try:
        with closing(sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)) as connection:
            tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError as error:
        return f"not an SQLite database ({error})"
    return None if "records" in tables else "not a krnews store (no records table)"


def _metadata(database_name: str) -> dict:
    with open(METADATA_PATH, encoding="utf-8") as f:
        metadata = json.load(f)
    metadata["databases"] = {database_name: metadata["databases"][METADATA_DATABASE]}
    return metadata


LOCAL_HOST_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})


def only_local_hosts(app):
    """ASGI app answering only requests addressed to this machine by name (Host: localhost or a
    loopback address, any port): a web page whose DNS name was rebound to 127.0.0.1 gets 421."""

    async def checked(scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in LOCAL_HOST_NAMES:
                await send({"type": "http.response.start", "status": 421,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"krnews serve answers only to localhost\n"})
                return
        await app(scope, receive, send)

    return checked


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
