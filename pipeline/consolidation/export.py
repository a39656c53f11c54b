"""Initiatives as a dataset file: JSON Lines (nested versions), CSV (lists joined by " | ", versions
and variants as JSON) or Parquet (list and struct columns), with the Initiative JSON Schema beside the file."""
from __future__ import annotations

import datetime as dt
import json
import os
from typing import Iterable, Iterator

import pyarrow as pa

from krnews.export import dataset_json_schema, write_dataset
from krnews.models import SCHEMA_VERSION, Initiative

COLUMNS = list(Initiative.model_fields)
LIST_SEPARATOR = " | "

_VERSION = pa.struct([
    ("amount_krw", pa.int64()), ("amount", pa.float64()), ("amount_text", pa.string()), ("stage", pa.string()),
    ("first_seen", pa.date32()), ("last_seen", pa.date32()), ("record_ids", pa.list_(pa.string())),
])
_TYPES = {
    "amount_krw": pa.int64(), "amount": pa.float64(), "year": pa.int32(), "year_start": pa.int32(),
    "year_end": pa.int32(), "n_sources": pa.int32(), "first_seen": pa.date32(), "last_seen": pa.date32(),
    "record_ids": pa.list_(pa.string()), "doc_ids": pa.list_(pa.string()), "urls": pa.list_(pa.string()),
    "outlets": pa.list_(pa.string()), "versions": pa.list_(_VERSION),
    "variants": pa.map_(pa.string(), pa.list_(pa.string())),
}
ARROW_SCHEMA = pa.schema([pa.field(name, _TYPES.get(name, pa.string())) for name in COLUMNS],
                         metadata={"krnews.schema_version": SCHEMA_VERSION})


def select(initiatives: Iterable[Initiative], since: dt.date | None = None, org: str | None = None,
           year: int | None = None) -> Iterator[Initiative]:
    """Initiatives last seen on or after `since`, of `org`, concerning `year` (or a period including it)."""
    for initiative in initiatives:
        start = initiative.year_start if initiative.year_start is not None else initiative.year
        end = initiative.year_end if initiative.year_end is not None else initiative.year
        if since is not None and (initiative.last_seen is None or initiative.last_seen < since):
            continue
        if org is not None and initiative.org != org:
            continue
        if year is not None and not (start is not None and start <= year <= (end if end is not None else start)):
            continue
        yield initiative


def export_initiatives(initiatives: Iterable[Initiative], fmt: str, path: str | os.PathLike, *, bom: bool = False) -> int:
    """Write `initiatives` to `path` in `fmt` (parquet, csv, jsonl) and `PATH.schema.json`; returns the count."""
    return write_dataset(initiatives, fmt, path, columns=COLUMNS, arrow_schema=ARROW_SCHEMA,
                         json_schema=dataset_json_schema("Initiative"), bom=bom, csv_cell=_csv_cell)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) or (isinstance(value, list) and value and isinstance(value[0], dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)

