"""What the report reads from the store: the selected records, the initiatives they belong to (the same
money from several articles, merged by krnews.consolidation) and how many articles there are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from krnews.models import Initiative

from ..frames import read_initiatives, read_records
from ..store import Store


@dataclass
class StoreContents:
    records: list[dict]
    initiatives: list[Initiative]  # those with at least one selected record
    articles: int  # in the whole store, whatever the selection


def read_store(db: str, since: dt.date | None = None, org: str | None = None) -> StoreContents:
    """Records published on or after `since`, of organisation `org`; never creates a store (StoreError).
    Brings the store's initiatives up to date first, as krnews.read_initiatives does."""
    with Store.open(db, create=False) as store:
        records = [r.model_dump() for r in read_records(store, since=since, org=org, as_dataframe=False)]
        selected = {r["record_id"] for r in records}
        initiatives = [i for i in read_initiatives(store, as_dataframe=False) if selected.intersection(i.record_ids)]
        return StoreContents(records=records, initiatives=initiatives, articles=store.totals().articles)


def known_organisations(db: str) -> set[str]:
    with Store.open(db, create=False) as store:
        return {record.org for record in store.iter_records() if record.org}
