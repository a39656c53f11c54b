"""Records and initiatives as pandas DataFrames (`pip install 'krnews[pandas]'`): from Documents in
memory (`records_frame`) or from a store (`read_records`, `read_initiatives`), and the totals that
count each won once (`totals`). Below the API facade: it needs no NLP, so `krnews report`, `krnews
status` and notebooks that only read a store do not load spaCy."""
from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Iterable

from krnews.models import Document, Initiative, InitiativeRecord

from .consolidation import consolidate
from .consolidation.store import iter_initiatives
from .counting import totals as count
from .dates import parse_date
from .orgnames import canonical_org
from .store import Store

if TYPE_CHECKING:
    import pandas


def open_store(db, create: bool = False) -> Store:
    """`db` itself when it is an open Store, else the store at that SQLite path or URL."""
    return db if hasattr(db, "save_document") else Store.open(db, create=create)


def records_frame(documents: Iterable[Document | InitiativeRecord]) -> "pandas.DataFrame":
    """One row per initiative record of `documents` — the Documents `krnews.extract` and
    `krnews.extract_many` return, or records — with the columns of a store's records table.

        >>> frame = krnews.records_frame(krnews.extract_many(["data/samples"]))
        >>> frame.groupby("org")["amount_krw"].sum()
    """
    records = []
    for item in documents:
        records.extend(item.records if isinstance(item, Document) else [item])
    return _frame(records, InitiativeRecord)


def _frame(rows: Iterable, model) -> "pandas.DataFrame":
    try:
        import pandas  # an optional extra (krnews[pandas])
    except ImportError:
        raise ImportError("krnews DataFrames need pandas: pip install 'krnews[pandas]'") from None
    columns = model.columns()
    frame = pandas.DataFrame.from_records([row.model_dump() for row in rows], columns=columns)
    for column in ("published", "first_seen", "last_seen"):
        if column in frame:
            frame[column] = pandas.to_datetime(frame[column])
    for column in ("amount_krw", "year", "year_start", "year_end"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")  # nullable integers: won amounts stay exact
    return frame


def read_records(
    db,
    *,
    since: str | dt.date | None = None,
    org: str | None = None,
    year: int | None = None,
    as_dataframe: bool = True,
):
    """The initiative records of a store as a pandas DataFrame (`pip install 'krnews[pandas]'`).

    `db` is a SQLite path, a sqlite:/// or postgresql:// URL, or an open `Store`. Filters: published on
    or after `since`, organisation `org` (canonical name or any alias: 부산시 = 부산광역시), concerning `year`. One row per record, the columns
    of `InitiativeRecord`; `amount_krw` and years are nullable integers, dates are datetime64. With
    `as_dataframe=False`, a list of `InitiativeRecord` instead (no pandas needed).
    """
    store = open_store(db)
    try:
        found = list(store.iter_records(since=parse_date(since), org=canonical_org(org) if org else None, year=year))
    finally:
        if store is not db:
            store.close()
    return _frame(found, InitiativeRecord) if as_dataframe else found


def read_initiatives(db, *, as_dataframe: bool = True, update: bool = True):
    """The initiatives of a store — the same money from several articles, merged — as a DataFrame.

    Articles saved since the last call are consolidated first (incrementally; see
    `krnews.consolidation`). One row per `Initiative`: `initiative_id`, `org`, `initiative`, `amount_krw`
    (the current figure), `n_sources`, `first_seen`, `last_seen`, and lists `record_ids`, `urls` and
    `versions` (one dict per figure). With `as_dataframe=False`, a list of `Initiative`. `update=False`
    reads them as they are (`krnews extract --db` and `crawl` keep them current) and never writes.
    """
    store = open_store(db)
    try:
        found = list(iter_initiatives(store, update=update))
    finally:
        if store is not db:
            store.close()
    return _frame(found, Initiative) if as_dataframe else found


def totals(source, *, since: str | dt.date | None = None, org: str | None = None, update: bool = True):
    """Totals that count each won once, as `krnews status` and `krnews report` show them.

    `source` is a store (SQLite path, URL or open `Store`) or documents (`krnews.extract_many(...)`),
    which are consolidated in memory. Filters: records published on or after `since`, of organisation
    `org`. Returns a `krnews.counting.Totals`: `.counted` (the headline: each initiative once at its
    current figure, without parts of a counted total or comparison figures), `.records` (every record's
    amount as reported), what was left out (`.parts`, `.comparisons`, `.superseded`, `.duplicates`), and
    `.by_year` / `.by_org` of the counted initiatives (`.by_org`: the money each organisation puts in;
    `.received_by_org`: what it receives from another, 국비 of a county, kept apart); each line's `.what`
    says in words what it sums.
    `update=False` reads a store's initiatives as they are, without consolidating new articles first.
    """
    since = parse_date(since)
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "iter_records"):
        records = read_records(source, since=since, org=org, as_dataframe=False)
        return count(records, read_initiatives(source, as_dataframe=False, update=update))
    documents = list(source)
    records = [r for d in documents for r in d.records
               if (since is None or (r.published is not None and r.published >= since)) and (org is None or r.org == org)]
    return count(records, consolidate(documents).initiatives)
