"""Dataset exports of initiative records: Parquet, CSV or JSON Lines, columns in InitiativeRecord field
order, with the record's JSON Schema written beside the file (`PATH.schema.json`)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import types
import typing
from collections.abc import Iterable
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from krnews import models
from krnews.models import SCHEMA_VERSION, InitiativeRecord, json_schema

from .cells import spreadsheet_safe
from .writers import RECORD_COLUMNS

FORMATS = ("parquet", "csv", "jsonl")
PARQUET_BATCH = 10_000  # rows per row group: bounded memory for any store size
SHARD_ROWS = 50_000  # records per file of `krnews extract --format parquet`

_ARROW_TYPES = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}


def _arrow_field(name: str) -> pa.Field:
    annotation = InitiativeRecord.model_fields[name].annotation
    options = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) else (annotation,)
    nullable = type(None) in options
    (kind,) = [option for option in options if option is not type(None)]
    if typing.get_origin(kind) is typing.Literal:  # funding_type, org_role: their values are strings
        kind = str
    return pa.field(name, _ARROW_TYPES[kind], nullable=nullable)


def arrow_schema() -> pa.Schema:
    """Arrow types of the record columns: int64 amounts and years, date32 dates, nullable where the
    model allows None."""
    return pa.schema([_arrow_field(name) for name in RECORD_COLUMNS],
                     metadata={"krnews.schema_version": SCHEMA_VERSION})


def schema_path(path: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(path)}.schema.json")


def record_json_schema() -> dict:
    return dataset_json_schema("InitiativeRecord")


def dataset_json_schema(model: str) -> dict:
    """The JSON Schema written beside an export of `model` rows (a name in krnews.models.json_schema()),
    without the fields exports leave out (a record's `why`, written only by `extract --explain`)."""
    schema = json_schema()[model]
    exported = getattr(models, model).columns()
    schema["properties"] = {name: value for name, value in schema["properties"].items() if name in exported}
    used = json.dumps(schema["properties"])
    definitions = {name: value for name, value in schema.pop("$defs", {}).items() if f'"#/$defs/{name}"' in used}
    schema.update({"$defs": definitions} if definitions else {})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "x-krnews-schema-version": SCHEMA_VERSION, **schema}


def export_records(records: Iterable[InitiativeRecord], fmt: str, path: str | os.PathLike, *, bom: bool = False) -> int:
    """Write `records` to `path` in `fmt` and the JSON Schema beside it; returns the number written.

    Files appear complete or not at all (written to a temporary name, then renamed). `bom` puts a
    UTF-8 byte order mark at the start of a CSV so that Excel reads it as UTF-8.
    """
    return write_dataset(records, fmt, path, columns=RECORD_COLUMNS, arrow_schema=arrow_schema(),
                         json_schema=record_json_schema(), bom=bom)


def write_dataset(rows: Iterable, fmt: str, path: str | os.PathLike, *, columns: list[str], arrow_schema: pa.Schema,
                  json_schema: dict, bom: bool = False, csv_cell=None) -> int:
    """Write pydantic models as one dataset file (parquet, csv, jsonl; columns in `columns` order) and
    their JSON Schema beside it, each complete or not at all; returns the number of rows written.
    `csv_cell` turns a JSON value into a CSV cell (default: the value, empty for null)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if bom and fmt != "csv":
        raise ValueError("a byte order mark is only for CSV")
    path = Path(path)
    write = {
        "parquet": partial(_write_parquet, schema=arrow_schema),
        "csv": partial(_write_csv, columns=columns, bom=bom, cell=csv_cell or _cell),
        "jsonl": partial(_write_jsonl, columns=columns),
    }[fmt]
    count = _atomically(path, lambda tmp: write(rows, tmp))
    _atomically(schema_path(path), lambda tmp: tmp.write_text(
        json.dumps(json_schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"))
    return count


class ParquetShards:
    """Records as a directory of Parquet files, part-00000.parquet, part-00001.parquet…, of `rows`
    records each (the last may hold fewer), with their JSON Schema beside them (_records.schema.json,
    a name Parquet readers skip): one dataset for pandas, DuckDB, Spark or Ray Data. Each file
    appears complete or not at all, so a run that is killed leaves whole shards; the records not yet
    in a shard are written on close."""

    def __init__(self, directory: str | os.PathLike, rows: int = SHARD_ROWS):
        self.directory, self.rows = Path(directory), rows
        self.directory.mkdir(parents=True, exist_ok=True)
        if next(self.directory.glob("part-*.parquet"), None) is not None:
            raise FileExistsError(f"{self.directory}: already holds Parquet shards (part-*.parquet); "
                                  "write to an empty directory")
        self._schema, self._pending, self.shards = arrow_schema(), [], 0
        _atomically(self.directory / "_records.schema.json", lambda tmp: tmp.write_text(
            json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"))

    def write(self, records: Iterable[InitiativeRecord]) -> None:
        self._pending += [record.model_dump() for record in records]
        while len(self._pending) >= self.rows:
            self._flush(self._pending[: self.rows])
            del self._pending[: self.rows]

    def close(self) -> None:
        if self._pending or not self.shards:  # no records at all: still a shard with the columns
            self._flush(self._pending)
            self._pending = []

    def _flush(self, rows: list[dict]) -> None:
        table = pa.Table.from_pylist(rows, schema=self._schema)
        _atomically(self.directory / f"part-{self.shards:05d}.parquet", lambda tmp: pq.write_table(table, tmp))
        self.shards += 1


def _atomically(path: Path, write):
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        result = write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return result


def _write_parquet(rows: Iterable, path: Path, *, schema: pa.Schema) -> int:
    count, batch = 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows:
            batch.append(row.model_dump())
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or not count:  # an empty export is still a file with the columns
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count + len(batch)


def _cell(value):
    return "" if value is None else value


def _write_csv(rows: Iterable, path: Path, *, columns: list[str], bom: bool, cell) -> int:
    count = 0
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            values = row.model_dump(mode="json")
            writer.writerow([spreadsheet_safe(cell(values[c])) for c in columns])
            count += 1
    return count


def _write_jsonl(rows: Iterable, path: Path, *, columns: list[str]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            values = row.model_dump(mode="json")
            out.write(json.dumps({c: values[c] for c in columns}, ensure_ascii=False) + "\n")
            count += 1
    return count
