"""Datasette hooks that `krnews serve` registers: only GET and HEAD requests, tables opening on the columns
a reader looks at first (metadata `column_order`), amounts in 억/조 beside the integers, article links,
Korean labels for codes, and a won() SQL function for the canned queries."""
from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

import datasette.handle_exception as error_pages
from datasette import hookimpl
from markupsafe import Markup, escape

from ..writers import format_won
from .labels import label

MONEY_COLUMNS = frozenset({"amount_krw", "total_krw"})
LABELLED_COLUMNS = frozenset({"funding_type", "org_type"})


READ_METHODS = frozenset({"GET", "HEAD"})
# Korean wraps between words, never inside one; the evidence sentence gets a column to be read in.
READABLE_CELLS = """
td { word-break: keep-all; overflow-wrap: anywhere; }
td.col-sentence { min-width: 22rem; max-width: 34rem; }
td.col-org, td.col-initiative, td.col-recipient { min-width: 7rem; }
td.col-amount_krw { white-space: nowrap; }
"""


@hookimpl
def extra_css_urls():
    return ["data:text/css," + quote(READABLE_CELLS)]


@hookimpl
def startup(datasette):
    # Datasette 0.6x logs error pages with rich when rich is installed (spaCy brings it), also outside an
    # except block (404s it finds itself), which rich 14+ refuses: the 404 would become a 500.
    error_pages.rich = None


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every request that could change something before Datasette routes it. (The database is
    opened read-only anyway; this also spares Datasette 0.6x's answer of 500 to a POST on a query.)"""
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": "krnews serve is read-only\n".encode()})
                return
            ordered = await _ordered_columns(datasette, scope) if scope["type"] == "http" else None
            if ordered is not None:
                await send({"type": "http.response.start", "status": 302, "headers": [(b"location", ordered.encode())]})
                await send({"type": "http.response.body", "body": b""})
                return
            await app(scope, receive, send)
        return read_only
    return wrap


async def _ordered_columns(datasette, scope) -> str | None:
    """A table page asked for without a choice of columns: the same page with them in the metadata's
    `column_order` (its `first` columns, the table's others, then its `last` ones: ids and urls)."""
    parts = scope["path"].strip("/").split("/")
    query = parse_qsl(scope.get("query_string", b"").decode("utf-8"), keep_blank_values=True)
    if len(parts) != 2 or any(name in ("_col", "_nocol") for name, _ in query):
        return None
    database, table = parts
    order = datasette.metadata("column_order", database=database, table=table)
    if not order or database not in datasette.databases:
        return None
    columns = await datasette.get_database(database).table_columns(table)
    first = [c for c in order["first"] if c in columns]
    last = [c for c in order["last"] if c in columns and c not in first]
    middle = [c for c in columns if c not in first and c not in last]
    return f"{scope['path']}?" + urlencode(query + [("_col", c) for c in first + middle + last])


@hookimpl
def prepare_connection(conn):
    # won(406100000000) -> '4061억원', usable in any query the browser runs.
    conn.create_function("won", 1, lambda amount: format_won(int(amount)) if amount is not None else None,
                         deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if value is None or value == "":
        return None
    if column in MONEY_COLUMNS and isinstance(value, int):
        return Markup(f'<span title="{value:,}원">{escape(format_won(value))}</span> '
                      f'<small style="color:#7b8794">{value:,}</small>')
    if column == "url" and isinstance(value, str) and value.startswith(("http://", "https://")):
        title = _field(row, "title") or value
        return Markup(f'<a href="{escape(value)}" target="_blank" rel="noopener noreferrer" '
                      f'title="{escape(value)}">{escape(title)} ↗</a>')
    if column in LABELLED_COLUMNS and isinstance(value, str):
        return Markup(f"{escape(label(column, value))} <small>{escape(value)}</small>")
    return None


def _field(row, name: str):
    try:
        return row[name]
    except (IndexError, KeyError):
        return None
