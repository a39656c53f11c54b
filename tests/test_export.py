"""`krnews export`: Parquet, CSV and JSON Lines written from the store and read back."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from storedocs import make_document

import krnews
from krnews.cli import main
from krnews.export import arrow_schema, export_records, record_json_schema, schema_path
from krnews.models import SCHEMA_VERSION, InitiativeRecord
from krnews.store import Store

COLUMNS = InitiativeRecord.columns()
BOM = b"\xef\xbb\xbf"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "export.sqlite"
    with Store.open(path) as store:
        for i in range(15):
            store.save_document(make_document(i))
    return path


@pytest.fixture
def records(db) -> list[InitiativeRecord]:
    with Store.open(db) as store:
        return list(store.iter_records())


def test_parquet_round_trip_keeps_values_and_types(records, tmp_path):
    out = tmp_path / "records.parquet"
    assert export_records(records, "parquet", out) == len(records)
    table = pq.read_table(out)
    assert table.schema.names == COLUMNS
    types = dict(zip(table.schema.names, table.schema.types))
    assert types["amount_krw"] == pa.int64() and types["amount_start"] == pa.int64() and types["year"] == pa.int64()
    assert types["published"] == pa.date32() and types["amount"] == pa.float64() and types["org"] == pa.string()
    assert not table.schema.field("record_id").nullable and table.schema.field("amount_krw").nullable
    assert table.schema.metadata[b"krnews.schema_version"] == SCHEMA_VERSION.encode()
    assert table.to_pylist() == [r.model_dump() for r in records]
    dollars = [row for row in table.to_pylist() if row["currency"] == "USD"]
    assert dollars and all(row["amount_krw"] is None and row["org"] is None for row in dollars)


def test_csv_round_trip_in_column_order(records, tmp_path):
    out = tmp_path / "records.csv"
    assert export_records(records, "csv", out) == len(records)
    raw = out.read_bytes()
    assert not raw.startswith(BOM)
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == COLUMNS
    expected = [r.model_dump(mode="json") for r in records]
    assert rows[1:] == [["" if row[c] is None else str(row[c]) for c in COLUMNS] for row in expected]
    # Typed readers get the Parquet types back from the CSV.
    table = pacsv.read_csv(out, convert_options=pacsv.ConvertOptions(column_types=arrow_schema(), strings_can_be_null=True))
    assert table.to_pylist() == [r.model_dump() for r in records]


def test_csv_byte_order_mark_for_excel(records, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export_records(records, "csv", plain)
    export_records(records, "csv", excel, bom=True)
    assert excel.read_bytes() == BOM + plain.read_bytes()
    assert excel.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[0] == "record_id"
    assert "부산광역시" in excel.read_text(encoding="utf-8-sig")
    with pytest.raises(ValueError, match="only for CSV"):
        export_records(records, "jsonl", tmp_path / "x.jsonl", bom=True)


def test_jsonl_round_trip(records, tmp_path):
    out = tmp_path / "records.jsonl"
    assert export_records(records, "jsonl", out) == len(records)
    lines = out.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert all(list(row) == COLUMNS for row in rows)
    assert [InitiativeRecord.model_validate(row) for row in rows] == records
    assert all(type(row["amount_krw"]) is int for row in rows if row["amount_krw"] is not None)
    assert "부산광역시" in out.read_text(encoding="utf-8")  # not \u-escaped


def test_json_schema_beside_every_export(records, tmp_path):
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"records.{fmt}"
        export_records(records, fmt, out)
        schema = json.loads(schema_path(out).read_text(encoding="utf-8"))
        assert schema == record_json_schema()
        assert list(schema["properties"]) == COLUMNS
        assert set(schema["required"]) == {n for n, f in InitiativeRecord.model_fields.items() if f.is_required()}


def test_an_export_that_fails_leaves_the_previous_file(records, tmp_path):
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "records.parquet"
    export_records(records, "parquet", out)
    before = out.read_bytes()

    def failing():
        yield from records[:3]
        raise RuntimeError("store went away")

    for fmt in ("parquet", "csv", "jsonl"):
        with pytest.raises(RuntimeError):
            export_records(failing(), fmt, out if fmt == "parquet" else outdir / f"new.{fmt}")
    assert out.read_bytes() == before
    assert sorted(p.name for p in outdir.iterdir()) == ["records.parquet", "records.parquet.schema.json"]


def test_empty_export_still_has_the_columns(tmp_path):
    out = tmp_path / "none.parquet"
    assert export_records([], "parquet", out) == 0
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.schema.names == COLUMNS


def test_export_command_filters(db, records, tmp_path, capsys):
    out = tmp_path / "busan.jsonl"
    argv = ["export", "--out", str(out), "--db", str(db), "--org", "부산광역시", "--year", "2023", "--since", "2024-01-02"]
    assert main(argv) == 0
    rows = [InitiativeRecord.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with Store.open(db) as store:
        expected = list(store.iter_records(since=dt.date(2024, 1, 2), org="부산광역시", year=2023))
    assert rows == expected and 0 < len(rows) < len(records)
    assert all(r.org == "부산광역시" for r in rows)
    assert capsys.readouterr().err.strip() == f"krnews export: {len(rows)} records -> {out} (schema: {out}.schema.json)"

    table_out = tmp_path / "all.data"
    assert main(["export", "--format", "parquet", "--out", str(table_out), "--db", str(db)]) == 0
    assert pq.read_table(table_out).num_rows == len(records)
    assert main(["export", "--format", "csv", "--bom", "--out", str(tmp_path / "x.csv"), "--db", str(db)]) == 0
    assert (tmp_path / "x.csv").read_bytes().startswith(BOM)
    capsys.readouterr()


@pytest.mark.parametrize("argv, code, message", [
    (["--out", "x.parquet", "--bom"], 2, "krnews export: --bom is only for --format csv"),
    (["--out", "records.txt"], 2, "krnews export: records.txt: cannot tell the format from the name; give --format parquet|csv|jsonl"),
])
def test_export_command_usage_errors(db, argv, code, message, capsys):
    assert main(["export", "--db", str(db), *argv]) == code
    assert capsys.readouterr().err.strip() == message


def test_export_command_without_a_store(tmp_path, capsys):
    missing = tmp_path / "missing.sqlite"
    assert main(["export", "--out", str(tmp_path / "x.csv"), "--db", str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"krnews export: {missing}: no such store"
    assert not missing.exists() and not (tmp_path / "x.csv").exists()


def test_parquet_shards_hold_every_record_once_in_files_of_the_given_size(records, tmp_path):
    from krnews.export import ParquetShards

    shards = ParquetShards(tmp_path / "out", rows=4)
    for start in range(0, len(records), 3):  # documents of three records each
        shards.write(records[start : start + 3])
    shards.close()
    files = sorted((tmp_path / "out").glob("part-*.parquet"))
    assert [pq.read_metadata(f).num_rows for f in files] == [4] * (len(records) // 4) + ([len(records) % 4] if len(records) % 4 else [])
    assert pq.read_table(tmp_path / "out").to_pylist() == [r.model_dump() for r in records]  # the schema file is skipped
    assert json.loads((tmp_path / "out" / "_records.schema.json").read_text(encoding="utf-8")) == record_json_schema()


def test_parquet_shards_refuse_a_directory_that_already_holds_shards(records, tmp_path):
    from krnews.export import ParquetShards

    shards = ParquetShards(tmp_path)
    shards.close()  # no records: still one shard with the columns
    assert pq.read_table(tmp_path / "part-00000.parquet").schema.names == COLUMNS
    with pytest.raises(FileExistsError, match="already holds Parquet shards"):
        ParquetShards(tmp_path)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_text(tmp_path, capsys):
    crafted = make_document(0)
    record = crafted.records[0].model_copy(update={
        "title": '=HYPERLINK("http://evil.example","click")', "initiative": "+1+cmd|' /C calc'!A0",
        "org_mention": "@SUM(A1:A9)", "sentence": "-2+3"})
    db = tmp_path / "crafted.sqlite"
    with Store.open(db) as store:
        store.save_document(crafted.model_copy(update={"records": [record]}))
    out = tmp_path / "crafted.csv"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    capsys.readouterr()
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row[c] for c in ("title", "initiative", "org_mention", "sentence")] == [
        '\'=HYPERLINK("http://evil.example","click")', "'+1+cmd|' /C calc'!A0", "'@SUM(A1:A9)", "'-2+3"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_export_org_takes_any_alias_the_gazetteer_knows(db, tmp_path, capsys):
    by_alias, by_name = tmp_path / "alias.jsonl", tmp_path / "name.jsonl"
    assert main(["export", "--out", str(by_alias), "--db", str(db), "--org", "부산시"]) == 0
    assert main(["export", "--out", str(by_name), "--db", str(db), "--org", "부산광역시"]) == 0
    assert by_alias.read_text(encoding="utf-8") == by_name.read_text(encoding="utf-8") != ""
    initiatives = tmp_path / "initiatives.jsonl"
    assert main(["export", "--what", "initiatives", "--out", str(initiatives), "--db", str(db), "--org", "부산시"]) == 0
    assert {json.loads(line)["org"] for line in initiatives.read_text(encoding="utf-8").splitlines()} == {"부산광역시"}
    capsys.readouterr()


@pytest.mark.parametrize("what", ["records", "initiatives"])
def test_export_org_that_matches_nothing_says_so(db, tmp_path, capsys, what):
    out = tmp_path / "none.csv"
    assert main(["export", "--what", what, "--out", str(out), "--db", str(db), "--org", "부산"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"krnews export: no {what} of 부산 in the store (did you mean 부산광역시?); nothing written")
    assert main(["export", "--what", what, "--out", str(out), "--db", str(db), "--org", "부산시", "--year", "1999"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"krnews export: no {what} of 부산광역시 match the other filters; nothing written")
    assert not out.exists()


def test_read_records_takes_an_alias(db):
    by_alias = krnews.read_records(db, org="부산시", as_dataframe=False)
    assert by_alias and by_alias == krnews.read_records(db, org="부산광역시", as_dataframe=False)
