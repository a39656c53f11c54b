"""What the report reads from the store, which it opens read-only and never writes: the selected records,
the initiatives they belong to (the same money from several articles, merged by krnews.consolidation as
`extract --db` and `crawl` save articles), the totals that count each won once, and how many articles
there are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from krnews.models import Initiative

from ..consolidation.store import pending_articles
from ..counting import Totals, totals
from ..frames import read_initiatives, read_records
from ..store import Store


@dataclass
class StoreContents:
    records: list[dict]
    initiatives: list[Initiative]  # those with at least one selected record
    totals: Totals  # of the selected records and their initiatives
    articles: int  # in the whole store, whatever the selection
    pending: int  # articles saved but not consolidated yet: not in the initiatives


def read_store(db: str, since: dt.date | None = None, org: str | None = None) -> StoreContents:
    """Records published on or after `since`, of organisation `org`; never creates or writes a store (StoreError)."""
    with Store.open(db, read_only=True) as store:
        found = read_records(store, since=since, org=org, as_dataframe=False)
        selected = {r.record_id for r in found}
        initiatives = [i for i in read_initiatives(store, as_dataframe=False, update=False)
                       if selected.intersection(i.record_ids)]
        return StoreContents(records=[r.model_dump() for r in found], initiatives=initiatives,
                             totals=totals(found, initiatives), articles=store.totals().articles,
                             pending=pending_articles(store))


def known_organisations(db: str) -> set[str]:
    with Store.open(db, read_only=True) as store:
        return {record.org for record in store.iter_records() if record.org}
