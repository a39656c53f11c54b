"""Initiatives as a dataset file: JSON Lines (nested versions), CSV (lists joined by " | ", versions
as JSON) or Parquet (list and struct columns), with the Initiative JSON Schema beside the file."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from krnews.models import SCHEMA_VERSION, Initiative, json_schema

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
    from krnews.export import _atomically, schema_path

    writers = {"parquet": _write_parquet, "csv": lambda items, tmp: _write_csv(items, tmp, bom), "jsonl": _write_jsonl}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(writers)})")
    path = Path(path)
    count = _atomically(path, lambda tmp: writers[fmt](initiatives, tmp))
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "x-krnews-schema-version": SCHEMA_VERSION, **json_schema()["Initiative"]}
    _atomically(schema_path(path), lambda tmp: tmp.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
                                                              encoding="utf-8"))
    return count


def _write_jsonl(initiatives: Iterable[Initiative], path: Path) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for initiative in initiatives:
            out.write(initiative.model_dump_json() + "\n")
            count += 1
    return count


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def _write_csv(initiatives: Iterable[Initiative], path: Path, bom: bool) -> int:
    count = 0
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for initiative in initiatives:
            row = initiative.model_dump(mode="json")
            writer.writerow([_csv_cell(row[c]) for c in COLUMNS])
            count += 1
    return count


def _write_parquet(initiatives: Iterable[Initiative], path: Path) -> int:
    rows = [initiative.model_dump() for initiative in initiatives]
    pq.write_table(pa.Table.from_pylist(rows, schema=ARROW_SCHEMA), path)
    return len(rows)
