"""What the report reads from the store: the selected records as dicts, and how many articles there are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..store import Store


@dataclass
class StoreContents:
    records: list[dict]
    articles: int  # in the whole store, whatever the selection


def read_store(db: str, since: dt.date | None = None, org: str | None = None) -> StoreContents:
    """Records published on or after `since`, of organisation `org`; never creates a store (StoreError)."""
    with Store.open(db, create=False) as store:
        records = [record.model_dump() for record in store.iter_records(since=since, org=org)]
        return StoreContents(records=records, articles=store.totals().articles)


def known_organisations(db: str) -> set[str]:
    with Store.open(db, create=False) as store:
        return {record.org for record in store.iter_records() if record.org}
