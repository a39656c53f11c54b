"""The `krnews extract` contract: inputs, outputs, exit codes and one-line errors."""
import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from krnews.cli import main
from krnews.writers import RECORD_COLUMNS

from httpserver import Reply, http_server  # noqa: F401  (pytest fixture)

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
ARTICLE = "광주시는 올해 200억원을 투입해 'AI 중심 산업융합집적단지 조성 사업'에 나선다.\n"


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_records_from_every_bundled_sample(capsys):
    code, out, err = run([str(SAMPLES), "--workers", "1"], capsys)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len({r["doc_id"] for r in rows}) == 6  # 2 txt + 2 html + 2 jsonl documents
    assert all(set(RECORD_COLUMNS) <= set(r) for r in rows)
    assert all(isinstance(r["amount_krw"], int) or r["currency"] != "KRW" for r in rows)


def test_bad_inputs_fail_one_line_each_and_the_rest_is_written(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "%s"}\nnot json\n{"id": "b"}\n' % ARTICLE.strip(), encoding="utf-8")
    code, out, err = run([str(good), str(tmp_path / "missing.txt"), str(corpus), "notes.pdf", "--published", "2020-01-15", "--workers", "1"], capsys)
    assert code == 1
    errors = err.strip().splitlines()
    assert len(errors) == 4
    assert any("missing.txt" in line and "no such file" in line for line in errors)
    assert any("corpus.jsonl:2" in line and "invalid JSON" in line for line in errors)
    assert any("corpus.jsonl:3" in line and '"text"' in line for line in errors)
    assert any("notes.pdf" in line for line in errors)
    assert [json.loads(line)["amount_krw"] for line in out.splitlines()] == [20_000_000_000, 20_000_000_000]


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["extract", "x.txt", "--what", "everything"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main(["extract", "x.txt", "--published", "15/01/2020"])
    assert raised.value.code == 2


def test_mentions_carry_offsets_into_the_text(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run([str(path), "--what", "mentions", "--published", "2020-01-15", "--workers", "1"], capsys)
    assert code == 0
    mentions = [json.loads(line) for line in out.splitlines()]
    for m in mentions:
        assert ARTICLE[m["start"]:m["end"]] == m["text"]
    kinds = {m["kind"]: m for m in mentions}
    assert kinds["amount"]["value_krw"] == 20_000_000_000 and kinds["amount"]["currency"] == "KRW"
    assert kinds["year"]["year"] == 2020 and kinds["year"]["relative"] == 0
    assert kinds["org"]["canonical"] == "광주광역시"


def test_csv_has_the_record_columns_in_order(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out_path = tmp_path / "records.csv"
    code, _, _ = run([str(path), "--format", "csv", "--out", str(out_path), "--workers", "1"], capsys)
    assert code == 0
    reader = csv.reader(out_path.open(encoding="utf-8"))
    assert next(reader) == RECORD_COLUMNS
    assert len(list(reader)) == 1


def test_parquet_shards_hold_the_records_jsonl_gets(tmp_path, capsys):
    import pyarrow.parquet as pq

    _, out, _ = run([str(SAMPLES), "--workers", "1"], capsys)
    code, _, err = run([str(SAMPLES), "--format", "parquet", "--out", str(tmp_path / "shards"), "--workers", "1"], capsys)
    assert code == 0, err
    rows = pq.read_table(tmp_path / "shards").to_pylist()
    assert [(r["record_id"], r["amount_krw"]) for r in rows] == [
        (r["record_id"], r["amount_krw"]) for r in map(json.loads, out.splitlines())]
    assert rows and isinstance(rows[0]["published"], dt.date)
    code, _, err = run([str(SAMPLES), "--format", "parquet", "--out", str(tmp_path / "shards")], capsys)
    assert code == 2 and err.count("\n") == 1 and "already holds Parquet shards" in err  # never mixed with an old run


@pytest.mark.parametrize("args", [["--format", "parquet"], ["--format", "parquet", "--what", "mentions", "--out", "x"]])
def test_parquet_needs_records_and_a_directory(args, capsys):
    code, out, err = run([str(SAMPLES), *args], capsys)
    assert code == 2 and not out and "--format parquet writes records" in err


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, capsys):
    code, _, err = run([str(SAMPLES), "--out", str(tmp_path / "missing" / "records.jsonl")], capsys)
    assert code == 2 and err.count("\n") == 1 and "records.jsonl" in err


def test_stdin_lists_paths_and_urls(tmp_path, capsys, monkeypatch, http_server):  # noqa: F811
    page = ("<html><head><title>t</title><meta property='og:title' content='부산시 예산'></head><body><article>"
            "<p>부산시는 올해 150억원을 투입해 해양 데이터 플랫폼을 구축한다.</p></article></body></html>").encode()
    url = http_server.route("/news/1", Reply(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    http_server.route("/robots.txt", Reply(404))
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["-", "--published", "2024-03-12", "--workers", "1"], capsys, f"{path}\n{url}\n", monkeypatch)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["org"], r["amount_krw"]) for r in rows] == [("광주광역시", 20_000_000_000), ("부산광역시", 15_000_000_000)]
    assert rows[1]["url"] == url


def test_a_failing_url_is_one_line_and_exit_1(capsys, http_server):  # noqa: F811
    http_server.route("/robots.txt", Reply(404))
    url = http_server.route("/gone", Reply(404, b"no"))
    code, out, err = run([url, "--workers", "1"], capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.count(url) == 1


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "krnews", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("krnews ")


def test_urls_of_one_host_share_the_politeness_delay(capsys, http_server):  # noqa: F811
    import time

    http_server.route("/robots.txt", Reply(404))
    page = ("<html><head><title>부산시 예산</title></head><body><article><p>부산시는 올해 150억원을 투입해 "
            "해양 데이터 플랫폼을 구축한다고 밝혔다.</p><p>시는 내년까지 플랫폼을 완성할 계획이다.</p></article></body></html>").encode()
    urls = [http_server.route(f"/n/{i}", Reply(200, page, {"Content-Type": "text/html; charset=utf-8"})) for i in range(3)]
    started = time.monotonic()
    code, _, err = run([*urls, "--workers", "1"], capsys)
    assert code == 0, err
    assert time.monotonic() - started >= 2.0  # ≥ 1 s between requests to the host: 3 pages, 2 gaps
    assert http_server.hits["/robots.txt"] == 1  # robots.txt fetched once for the batch


def test_db_runs_are_recorded_and_reruns_leave_the_same_rows(tmp_path, capsys):
    import sqlite3

    db = tmp_path / "krnews.sqlite"
    args = [str(SAMPLES), "--db", str(db), "--workers", "1"]
    assert run(args, capsys)[0] == 0
    rows = sqlite3.connect(db).execute("select record_id, amount_krw, org from records order by record_id").fetchall()
    assert run(args, capsys)[0] == 0
    again = sqlite3.connect(db).execute("select record_id, amount_krw, org from records order by record_id").fetchall()
    assert rows == again and len(rows) > 20
    runs = sqlite3.connect(db).execute("select command, status from runs order by run_id").fetchall()
    assert runs == [("extract", "ok"), ("extract", "ok")]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_progress_and_a_pipe_sees_only_failures(monkeypatch, tmp_path, capsys):
    args = [str(SAMPLES), "missing.txt", "--workers", "1", "--out", str(tmp_path / "r.jsonl")]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["extract", *args]) == 1
    shown, written = terminal.getvalue(), len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines())
    assert "7 inputs" in shown and f"records={written}" in shown and "failed=1" in shown  # 6 documents, 1 failure
    assert "krnews: missing.txt: no such file" in shown
    monkeypatch.undo()
    code, _, err = run(args, capsys)  # standard error is not a terminal here
    failures = [line for line in err.splitlines() if not line.startswith("krnews: warning: ")]
    assert code == 1 and failures == ["krnews: missing.txt: no such file, directory or URL"]
    assert len(err.splitlines()) == 2  # and the warning about the undated sample's 올해


def test_csv_output_keeps_a_formula_as_text(tmp_path, capsys):
    article = tmp_path / "formula.txt"
    article.write_text("=" + ARTICLE, encoding="utf-8")
    code, out, err = run([str(article), "--format", "csv", "--workers", "1", "--published", "2020-01-15"], capsys)
    assert code == 0, err
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["sentence"].startswith("'=광주시는") and row["amount_krw"] == "20000000000"


def test_credentials_in_urls_are_never_printed_stored_or_exported(http_server, tmp_path, capsys):  # noqa: F811
    http_server.route("/robots.txt", Reply(404))
    page = ("<html><head><title>부산시 예산</title></head><body><article><p>부산시는 올해 150억원을 투입해 "
            "해양 데이터 플랫폼을 구축한다고 밝혔다.</p><p>시는 내년까지 플랫폼을 완성할 계획이다.</p></article></body></html>")
    good = http_server.route("/n/1", Reply(200, page.encode(), {"Content-Type": "text/html; charset=utf-8"}))
    gone = http_server.route("/gone", Reply(404, b"no"))
    secret = lambda url: url.replace("http://", "http://reader:s3cret@")  # noqa: E731
    db = tmp_path / "s.sqlite"
    code, out, err = run([secret(good), secret(gone), "--db", str(db), "--workers", "1"], capsys)
    failures = [line for line in err.splitlines() if not line.startswith("krnews: warning: ")]  # the undated 올해
    assert code == 1 and failures == [f"krnews: {gone}: HTTP 404 Not Found"] and "s3cret" not in err
    assert json.loads(out)["url"] == good
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "all.csv")]) == 0
    import sqlite3

    with sqlite3.connect(db) as conn:
        stored = [str(row) for table in ("articles", "records", "run_failures")
                  for row in conn.execute(f"select * from {table}")]  # noqa: S608
    assert stored and not any("s3cret" in text or "reader" in text for text in [*stored, out, err])
    assert "s3cret" not in (tmp_path / "all.csv").read_text(encoding="utf-8")
    assert all(headers.get("Authorization") for path, headers in http_server.requests if path == "/n/1")


def test_every_record_names_its_source_as_given(http_server, tmp_path, capsys):  # noqa: F811
    http_server.route("/robots.txt", Reply(404))
    page = ("<html><head><title>부산시 예산</title></head><body><article><p>부산시는 올해 150억원을 투입해 "
            "해양 데이터 플랫폼을 구축한다고 밝혔다.</p><p>시는 내년까지 플랫폼을 완성할 계획이다.</p></article></body></html>")
    http_server.route("/new", Reply(200, page.encode(), {"Content-Type": "text/html; charset=utf-8"}))
    url = http_server.route("/old", Reply(301, headers={"Location": "/new"}))
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.html").write_text(f"<html><body><article><p>{ARTICLE * 3}</p></article></body></html>", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": ARTICLE}) for i in ("x", "y")) + "\n", encoding="utf-8")
    code, out, err = run([str(folder), str(corpus), url, "--workers", "1", "--published", "2020-01-15"], capsys)
    assert code == 0, err
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert sources == [str(folder / "a.txt"), str(folder / "sub" / "b.html"), f"{corpus}:1", f"{corpus}:2", url]
    code, out, err = run([str(corpus), "--what", "articles", "--workers", "1"], capsys)
    assert [json.loads(line)["source"] for line in out.splitlines()] == [f"{corpus}:1", f"{corpus}:2"]


@pytest.mark.parametrize("name, fmt", [("x.csv", "csv"), ("x.jsonl", "jsonl"), ("x.ndjson", "jsonl"), ("x.parquet", "parquet")])
def test_out_suffix_chooses_the_format(tmp_path, capsys, name, fmt):
    out = tmp_path / name
    code, _, err = run([str(SAMPLES / "busan_ai_budget_2024.txt"), "--out", str(out)], capsys)
    assert code == 0, err
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert rows and list(rows[0]) == RECORD_COLUMNS
    elif fmt == "jsonl":
        assert all(json.loads(line)["record_id"] for line in out.read_text(encoding="utf-8").splitlines())
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows > 0 and out.is_dir()


def test_a_format_that_contradicts_the_suffix_is_refused(tmp_path, capsys):
    out = tmp_path / "x.parquet"
    code, stdout, err = run([str(SAMPLES), "--out", str(out), "--format", "jsonl"], capsys)
    assert (code, stdout) == (2, "")
    assert err == f"krnews: --out {out} names a parquet file but --format is jsonl: change one of them\n"
    assert not out.exists()


def test_an_undated_relative_year_is_one_warning_per_document_and_stays_null(tmp_path, capsys):
    undated = tmp_path / "undated.txt"
    undated.write_text("부산시는 올해 AI 사업에 100억원을 투입한다. 지난해에는 50억원, 올해 초에는 10억원이었다.\n", encoding="utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text("입력 2024-03-12 10:05\n\n대전시는 올해 청년 사업에 10억원을 투입한다.\n", encoding="utf-8")
    code, out, err = run([str(undated), str(dated)], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["year"] for r in rows if r["org"] == "부산광역시"] == [None, None, None]
    assert [r["year"] for r in rows if r["org"] == "대전광역시"] == [2024]
    [line] = err.splitlines()
    assert line.startswith("krnews: warning: ") and line.endswith(
        ": 올해/지난해 left without a year: the article states no date; give one with --published YYYY-MM-DD")
    code, out, err = run([str(undated), "--published", "2024-05-01"], capsys)
    assert err == "" and [json.loads(line)["year"] for line in out.splitlines()] == [2024, 2023, 2024]


def test_the_python_api_warns_on_the_krnews_logger(caplog):
    import krnews

    doc = krnews.extract("부산시는 올해 AI 사업에 100억원을 투입한다.")
    assert doc.records[0].year is None
    [message] = [r.getMessage() for r in caplog.records if r.name == "krnews.years"]
    assert message.endswith("올해 left without a year: the article states no date; give one with published=YYYY-MM-DD")


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_table_fits_the_terminal(capsys, monkeypatch, columns):
    from krnews.writers import _width

    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run([str(SAMPLES), "--format", "table"], capsys)
    lines = out.splitlines()
    assert code == 0 and len(lines) > 10
    assert max(_width(line) for line in lines) <= columns
    monkeypatch.setenv("COLUMNS", "1000")
    _, wide, _ = run([str(SAMPLES), "--format", "table"], capsys)
    cut = [line for line in lines if "…" in line]
    assert bool(cut) == (max(_width(line) for line in wide.splitlines()) > columns)
    if columns >= 80:  # the initiative column alone gives way: each line is the start of the full one
        for short, full in zip(lines[2:], wide.splitlines()[2:]):
            assert full.startswith(short[:-1].rstrip()) if short.endswith("…") else short == full.rstrip()


def test_columns_give_way_last_column_first():
    from krnews.writers import _fit

    assert _fit([10, 8, 30], [3, 6, 10], 50) == [10, 8, 30]
    assert _fit([10, 8, 30], [3, 6, 10], 40) == [10, 8, 22]
    assert _fit([10, 8, 30], [3, 6, 10], 25) == [7, 8, 10]
    assert _fit([10, 8, 30], [3, 6, 10], 5) == [3, 6, 10]  # never below the headers
