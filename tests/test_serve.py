"""`krnews serve`: the store in Datasette on a loopback port, read-only, with facets and canned queries."""
from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

pytest.importorskip("datasette", reason="krnews serve needs the krnews[serve] extra (Datasette)")

import sample_store  # noqa: E402

import krnews  # noqa: E402
from krnews.cli import main  # noqa: E402

BUSAN_AI = 406_100_000_000


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(url: str, method: str = "GET", data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, data=data,
                                     headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _json(url: str):
    status, body = _request(url)
    assert status == 200, body[:300]
    return json.loads(body)


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL of the store's database, store path, stderr so far); the server stops after the module."""
    store = sample_store.build(tmp_path_factory.mktemp("serve") / "store.sqlite")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "krnews", "serve", "--db", store, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _request(f"{base}/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"krnews serve did not start: {server.stderr.read()}")
            time.sleep(0.2)
        yield f"{base}/store", store
    finally:
        server.terminate()
        server.wait(timeout=10)


def _rows(store: str, sql: str, *params):
    with closing(sqlite3.connect(store)) as connection:
        return connection.execute(sql, params).fetchall()


def test_records_have_the_facets_of_the_metadata(served):
    base, store = served
    data = _json(f"{base}/records.json")
    assert set(data["facet_results"]) == {"org", "year", "funding_type", "outlet"}
    org_counts = {item["value"]: item["count"] for item in data["facet_results"]["org"]["results"]}
    assert org_counts == dict(_rows(store, "select org, count(*) from records where org is not null group by org"))
    assert data["rows"][0][data["columns"].index("amount_krw")] == max(a for (a,) in _rows(
        store, "select amount_krw from records where amount_krw is not null"))  # sorted by amount, largest first


def test_organisation_canned_query_returns_its_records_by_year(served):
    base, store = served
    org = urllib.parse.quote("부산광역시")
    rows = _json(f"{base}/organisation_by_year.json?org={org}&_shape=array")
    expected = _rows(store, """select coalesce(year, year_start), amount_krw, url from records where org = '부산광역시'
                               order by coalesce(year, year_start) desc, amount_krw desc""")
    assert [(r["year"], r["amount_krw"], r["url"]) for r in rows] == expected
    assert [r["amount"] for r in rows] == ["300억원", "4061억원", "4061억원"]


def test_top_initiatives_counts_the_same_money_once(served):
    base, store = served
    rows = _json(f"{base}/top_initiatives.json?_shape=array")
    assert [r["amount_krw"] for r in rows] == [a for (a,) in _rows(
        store, "select amount_krw from initiatives where amount_krw is not null order by amount_krw desc")]
    busan = next(r for r in rows if r["amount_krw"] == BUSAN_AI)
    assert (busan["amount"], busan["articles"], busan["url"]) == ("4061억원", 2, "https://news.example.kr/a1")
    assert _json(f"{base}/recent_additions.json?_shape=array")  # the third canned query runs too


@pytest.mark.parametrize("table, first", [
    ("records", ["org", "amount_krw", "year", "year_start", "year_end", "initiative", "sentence"]),
    ("initiatives", ["org", "amount_krw", "year", "year_start", "year_end", "initiative", "n_sources"]),
])
def test_tables_open_on_what_a_reader_looks_at_with_ids_and_urls_to_the_right(served, table, first):
    import lxml.html

    base, _ = served
    status, body = _request(f"{base}/{table}?_sort_desc=amount_krw")  # redirected to the ordered columns
    assert status == 200
    headers = [th.get("data-column") for th in lxml.html.fromstring(body).xpath("//table[@class='rows-and-columns']//th")]
    shown = [h for h in headers if h]
    pk = {"records": "record_id", "initiatives": "initiative_id"}[table]
    assert shown[:len(first) + 1] == [pk, *first]  # Datasette's row link (the id) first, then the reading columns
    assert shown.index("url" if table == "records" else "data") > shown.index("sentence" if table == "records" else "stage")
    assert _request(f"{base}/{table}?_col=org")[0] == 200  # a choice of columns is left as it is


def test_html_shows_amounts_in_eok_and_links_to_articles(served):
    base, _ = served
    status, body = _request(f"{base}/records")
    html = body.decode("utf-8")
    assert status == 200
    assert "4061억원" in html and "1조2000억원" in html
    assert '<a href="https://news.example.kr/a1"' in html
    assert "예산 <small>budget</small>" in html  # codes with their Korean label


def test_writes_are_refused(served):
    base, store = served
    before = (_digest(store), _rows(store, "select count(*) from records"))
    row = json.dumps({"row": {"record_id": "x", "sentence": "쓰기"}}).encode()
    for method in ("POST", "PUT", "DELETE"):
        assert _request(f"{base}/records/-/insert", method, row)[0] == 405
    assert _request(f"{base}/top_initiatives", "POST", b"{}")[0] == 405
    for sql in ("delete from records", "update records set org = 'x'", "drop table records"):
        status, body = _request(f"{base}.json?sql={urllib.parse.quote(sql)}")
        assert status == 400 and "SELECT" in json.loads(body)["error"]
    assert (_digest(store), _rows(store, "select count(*) from records")) == before


def test_only_requests_addressed_to_this_machine_are_answered(served):
    base, _store = served
    port = urllib.parse.urlsplit(base).port

    def status(host: str) -> int:
        request = urllib.request.Request(f"{base}/records.json", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert [status(f"{name}:{port}") for name in ("localhost", "127.0.0.1", "LOCALHOST")] == [200, 200, 200]
    assert [status(host) for host in (f"rebound.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}")] == [421] * 3


def test_not_a_store_and_missing_file_are_one_line_errors(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("create table t (x)")
    assert main(["serve", "--db", str(other)]) == 1
    assert capsys.readouterr().err == f"krnews serve: {other}: not a krnews store (no records table)\n"
    assert main(["serve", "--db", str(tmp_path / "none.sqlite")]) == 1
    assert "no such store file" in capsys.readouterr().err
    assert main(["serve", "--db", "postgresql://localhost/krnews"]) == 1
    assert "SQLite" in capsys.readouterr().err


def test_without_datasette_the_error_names_the_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    assert main(["serve", "--db", str(tmp_path / "x.sqlite")]) == 2
    assert capsys.readouterr().err == "krnews serve: Datasette is not installed; pip install 'krnews[serve]'\n"
