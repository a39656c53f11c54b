"""Reading the store for people: the HTML report (`krnews report`) and the Datasette plugin (`krnews serve`)."""
from __future__ import annotations

import datetime as dt
import difflib

from ..store import StoreError
from .store_reader import known_organisations, read_store


def build_report(db: str, since: dt.date | None = None, org: str | None = None,
                 generated: dt.datetime | None = None) -> str:
    """The whole report page for the store at `db` (SQLite path or database URL), which is only read;
    StoreError when it cannot be read or `org` has no records."""
    from . import page, summary  # plotly is an optional extra: import it only when a report is built

    contents = read_store(db, since, org)
    if org is not None and not contents.records:
        _no_such_organisation(db, org)
    counted = set(contents.totals.counted_ids)
    commitments = summary.commitments([i for i in contents.initiatives if i.initiative_id in counted], contents.records)
    return page.render(
        commitments, summary.top_organisations(commitments), summary.quality(contents.records, contents.articles),
        {"since": since, "org": org}, generated or dt.datetime.now(), contents.totals, contents.pending,
    )


def _no_such_organisation(db: str, org: str) -> None:
    known = known_organisations(db)
    if org in known:
        return  # it has records, only none since the given date: an empty report says so
    close = difflib.get_close_matches(org, sorted(known), n=3, cutoff=0.4)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise StoreError(f"{db}: no records of organisation {org!r}{hint}")


__all__ = ["StoreError", "build_report"]
