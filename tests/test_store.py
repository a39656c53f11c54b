"""The store on SQLite and PostgreSQL: migrations, atomic saves, run lock, crash safety, `krnews status`."""
from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from storedocs import make_document, new_store_url  # noqa: F401  (new_store_url is a fixture)

from krnews import migrations, store as store_module
from krnews.cli import main
from krnews.models import InitiativeRecord
from krnews.store import Store, StoreBusy, StoreError

TESTS = Path(__file__).parent
DATA_TABLES = (store_module.articles, store_module.records, store_module.mentions)


def raw_engine(url: str) -> sa.Engine:
    if "://" not in url:
        return sa.create_engine(f"sqlite:///{url}")
    return sa.create_engine(sa.engine.make_url(url).set(drivername="postgresql+psycopg"))


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of the data tables, in primary key order."""
    engine = raw_engine(url)
    with engine.connect() as conn:
        rows = {t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(*t.primary_key.columns))]
                for t in DATA_TABLES}
    engine.dispose()
    return rows


def stored_records(store: Store, doc_id: str) -> list[InitiativeRecord]:
    return sorted((r for r in store.iter_records() if r.doc_id == doc_id), key=lambda r: r.record_id)


# -- schema ----------------------------------------------------------------------------------------

def test_migrations_build_the_tables_the_store_queries(new_store_url):
    url = new_store_url()
    Store.open(url).close()
    engine = raw_engine(url)
    inspector = sa.inspect(engine)
    for table in store_module.metadata.sorted_tables:
        assert [c["name"] for c in inspector.get_columns(table.name)] == [c.name for c in table.columns]
    # A field added to InitiativeRecord needs a migration that adds its column.
    assert [c["name"] for c in inspector.get_columns("records")] == InitiativeRecord.columns()
    types = {c["name"]: c["type"] for c in inspector.get_columns("records")}
    assert isinstance(types["amount_krw"], sa.BigInteger) and isinstance(types["published"], sa.Date)
    engine.dispose()


def test_old_version_store_is_upgraded_on_open(new_store_url):
    url = new_store_url()
    engine = raw_engine(url)
    with engine.begin() as conn:  # a store as the first release left it: documents, no runs
        assert migrations.migrate(conn, target=1) == [1]
        doc = make_document(3)
        conn.execute(store_module.articles.insert().values(
            **doc.article.model_dump(exclude={"source"}), content_hash="x", extractor_version="0.1.0"))
        conn.execute(store_module.records.insert(), [r.model_dump(exclude={"source"}) for r in doc.records])
    with engine.connect() as conn:
        assert migrations.current_version(conn) == 1
        assert not sa.inspect(conn).has_table("runs")

    with Store.open(url) as store:
        assert stored_records(store, doc.article.doc_id) == sorted(doc.records, key=lambda r: r.record_id)
        run_id = store.begin_run("after upgrade")
        store.end_run(run_id, {"saved": 0}, "ok")
    Store.open(url).close()  # opening again applies nothing
    with engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.latest() >= 2
        versions = list(conn.scalars(sa.select(migrations.schema_migrations.c.version)
                                     .order_by(migrations.schema_migrations.c.version)))
        assert versions == [version for version, _ in migrations.available()]
    engine.dispose()


def test_a_store_newer_than_this_krnews_is_refused(new_store_url):
    url = new_store_url()
    Store.open(url).close()
    engine = raw_engine(url)
    with engine.begin() as conn:
        conn.execute(migrations.schema_migrations.insert().values(version=99, applied_at="2030-01-01T00:00:00+00:00"))
    engine.dispose()
    with pytest.raises(StoreError, match=rf"schema version 99 is newer than this krnews knows \({migrations.latest()}\)"):
        Store.open(url)


def test_open_errors_name_the_store(tmp_path):
    missing = tmp_path / "none.sqlite"
    with pytest.raises(StoreError, match=re.escape(f"{missing}: no such store")):
        Store.open(missing, create=False)
    assert not missing.exists()
    with pytest.raises(StoreError, match="unsupported store"):
        Store.open("mysql://localhost/krnews")
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "dir.sqlite")
    with Store.open(f"sqlite:///{tmp_path / 'url.sqlite'}") as store:
        store.save_document(make_document(1))
    assert (tmp_path / "url.sqlite").exists()


# -- documents -------------------------------------------------------------------------------------

def test_rerunning_the_same_input_leaves_the_same_rows(new_store_url):
    url = new_store_url()
    docs = [make_document(i) for i in range(12)]
    with Store.open(url) as store:
        for doc in docs:
            store.save_document(doc)
    first = dump(url)
    with Store.open(url) as store:
        for doc in docs:
            store.save_document(doc)
    assert dump(url) == first
    assert len(first["articles"]) == 12
    assert len(first["records"]) == sum(len(d.records) for d in docs)
    assert len(first["mentions"]) == sum(len(d.mentions) for d in docs)


def test_a_new_extractor_version_replaces_records_and_mentions(new_store_url):
    old, new = make_document(5), make_document(5, extractor_version="0.2.0", scale=2)
    new = new.model_copy(update={"records": new.records[:1], "mentions": new.mentions[:2]})
    with Store.open(new_store_url()) as store:
        store.save_document(old)
        store.save_document(make_document(6))
        assert store.has_article(old.article.doc_id, "0.1.0")
        store.save_document(new)
        assert stored_records(store, old.article.doc_id) == new.records
        assert store.has_article(old.article.doc_id, "0.2.0") and not store.has_article(old.article.doc_id, "0.1.0")
        assert len(stored_records(store, make_document(6).article.doc_id)) == len(make_document(6).records)


def test_a_save_that_fails_midway_keeps_the_previous_records(new_store_url):
    url = new_store_url()
    old = make_document(9)
    new = make_document(9, extractor_version="0.2.0", scale=2)
    # The second record repeats the first one's id: its INSERT fails after the DELETE and the first INSERT.
    broken = new.model_copy(update={"records": [new.records[0], new.records[1].model_copy(
        update={"record_id": new.records[0].record_id})]})
    with Store.open(url) as store:
        store.save_document(old)
        before = dump(url)
        with pytest.raises(StoreError, match=rf"cannot save {old.article.doc_id}: "):
            store.save_document(broken)
        assert dump(url) == before
        assert store.has_article(old.article.doc_id, "0.1.0")
        store.save_document(new)  # the store is still usable
        assert stored_records(store, old.article.doc_id) == sorted(new.records, key=lambda r: r.record_id)


def test_http_validators_are_kept_until_new_ones_come(new_store_url):
    doc = make_document(2)
    fetched = dt.datetime(2024, 3, 5, 0, 0, tzinfo=dt.timezone.utc)
    with Store.open(new_store_url()) as store:
        assert store.article_validators(doc.article.url) is None
        store.save_document(doc, etag='"v1"', last_modified="Tue, 05 Mar 2024 00:00:00 GMT", fetched_at=fetched)
        store.save_document(doc)  # re-extracted from the stored text: no new validators
        etag, last_modified, content_hash = store.article_validators(doc.article.url)
        assert (etag, last_modified) == ('"v1"', "Tue, 05 Mar 2024 00:00:00 GMT")
        assert content_hash == store_module.content_hash(doc.article.text)
        store.save_document(doc, etag='"v2"')
        assert store.article_validators(doc.article.canonical_url)[0] == '"v2"'
        assert store.article_validators("https://news.example.kr/article/99999") is None


def test_records_filtered_and_in_a_stable_order(new_store_url):
    docs = [make_document(i) for i in range(20)]
    every = [r for d in docs for r in d.records]
    with Store.open(new_store_url()) as store:
        for doc in reversed(docs):
            store.save_document(doc)
        got = list(store.iter_records())
        expected = sorted(every, key=lambda r: (r.published is None, r.published or dt.date.min, r.doc_id, r.amount_start))
        assert got == expected
        since = dt.date(2024, 1, 10)
        assert list(store.iter_records(since=since)) == [r for r in expected if r.published and r.published >= since]
        assert list(store.iter_records(org="부산광역시")) == [r for r in expected if r.org == "부산광역시"]

        def about(r, y):
            first, last = r.year_start or r.year_end, r.year_end or r.year_start
            return r.year == y or (first is not None and first <= y <= last)

        in_2023 = list(store.iter_records(year=2023))
        assert in_2023 == [r for r in expected if about(r, 2023)]
        assert any(r.year is None for r in in_2023) and any(r.year == 2023 for r in in_2023)
        assert list(store.iter_records(org="전라남도", year=2022, since=since)) == [
            r for r in expected if r.org == "전라남도" and about(r, 2022) and r.published and r.published >= since]


# -- runs ------------------------------------------------------------------------------------------

def test_runs_failures_and_totals(new_store_url):
    docs = [make_document(i) for i in range(7)]
    with Store.open(new_store_url()) as store:
        run_id = store.begin_run("run sources.json")
        for doc in docs:
            store.save_document(doc)
        store.record_failure(run_id, "https://news.example.kr/broken", "HTTP 404")
        store.end_run(run_id, {"saved": 7, "failed": 1}, "partial")
        second = store.begin_run("run again")
        store.end_run(second, {"saved": 0}, "ok")
        latest, first = store.last_runs(2)
        assert (latest.run_id, latest.status, first.run_id, first.status) == (second, "ok", run_id, "partial")
        assert first.counts == {"saved": 7, "failed": 1} and first.command == "run sources.json"
        assert first.pid == os.getpid() and dt.timedelta(0) <= first.duration < dt.timedelta(minutes=1)
        assert store.run_failures(run_id) == [("https://news.example.kr/broken", "HTTP 404")]
        totals = store.totals()
    every = [r for d in docs for r in d.records]
    assert (totals.articles, totals.records) == (7, len(every))
    assert totals.amount_krw == sum(r.amount_krw or 0 for r in every)
    assert totals.by_funding_type == {t: sum(r.funding_type == t for r in every) for t in totals.by_funding_type}
    assert totals.by_funding_type[None] == sum(r.funding_type is None for r in every) > 0


def test_a_second_run_waits_then_gets_a_clear_message(new_store_url):
    url = new_store_url()
    with Store.open(url) as first, Store.open(url) as second:
        run_id = first.begin_run("first")
        started = time.monotonic()
        with pytest.raises(StoreBusy) as busy:
            second.begin_run("second", wait=0.3)
        assert time.monotonic() - started >= 0.3
        assert re.fullmatch(rf"store .+ is in use by run {run_id} \(pid {os.getpid()}\) since "
                            r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", str(busy.value))
        threading.Timer(0.2, first.end_run, (run_id, {}, "ok")).start()
        assert second.begin_run("second", wait=10) == run_id + 1


def test_a_store_reached_through_a_symlink_is_the_same_store(tmp_path):
    (tmp_path / "link.sqlite").symlink_to(tmp_path / "store.sqlite")
    with Store.open(tmp_path / "store.sqlite") as first, Store.open(tmp_path / "link.sqlite") as second:
        run_id = first.begin_run("first")
        with pytest.raises(StoreBusy, match=rf"in use by run {run_id}"):
            second.begin_run("second")


def test_a_forked_child_does_not_keep_the_run_lock(tmp_path):
    reader, writer = os.pipe()
    with Store.open(tmp_path / "store.sqlite") as store:
        store.begin_run("parent")
        child = os.fork()
        if child == 0:  # a worker that outlives its parent's run, blocked on a pipe
            os.read(reader, 1)
            os._exit(0)
    try:
        with Store.open(tmp_path / "store.sqlite") as store:
            assert store.begin_run("next") == 2
    finally:
        os.write(writer, b"x")
        os.waitpid(child, 0)


def test_closing_the_store_ends_an_open_run_as_interrupted(new_store_url):
    url = new_store_url()
    with Store.open(url) as store:
        run_id = store.begin_run("crashed runner")
    with Store.open(url) as store:
        (run,) = store.last_runs(5)
        assert (run.run_id, run.status) == (run_id, "interrupted") and run.ended_at is not None
        assert store.begin_run("next") == run_id + 1


def test_status_command_prints_runs_and_totals(tmp_path, capsys):
    db = tmp_path / "status.sqlite"
    docs = [make_document(i) for i in range(4)]
    with Store.open(db) as store:
        run_id = store.begin_run("run feeds")
        for doc in docs:
            store.save_document(doc)
        store.end_run(run_id, {"saved": 4, "failed": 0}, "ok")
    assert main(["status", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    every = [r for d in docs for r in d.records]
    assert re.search(rf"^{run_id}\s+run feeds\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+0:0\d\s+ok\s+saved=4 failed=0$", out, re.M)
    assert f"articles: 4\nrecords: {len(every)}\n" in out
    assert f"  budget: {sum(r.funding_type == 'budget' for r in every)}\n" in out
    in_won = [r for r in every if r.amount_krw is not None]
    assert re.search(rf"^  records: +{sum(r.amount_krw for r in in_won):,} \(.*\) +{len(in_won)} records: every record's", out, re.M)
    assert re.search(r"^  counted: .* initiatives: each initiative once", out, re.M)
    assert main(["status", "--db", str(tmp_path / "missing.sqlite")]) == 1
    assert capsys.readouterr().err.strip() == f"krnews status: {tmp_path / 'missing.sqlite'}: no such store"


# -- crash safety ----------------------------------------------------------------------------------

WRITER = r"""
import sys
import sqlalchemy as sa
sys.path.insert(0, sys.argv[1])
from storedocs import make_document
from krnews.store import Store

url, n, kill_at = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
first = [make_document(i) for i in range(n)]
second = [make_document(i, extractor_version="0.2.0", scale=2) for i in range(n)]
saving = None

def stall(conn, cursor, statement, parameters, context, executemany):
    # Inside the save of document `kill_at`: old rows deleted, new records inserted, not committed.
    if saving == kill_at and statement.startswith("INSERT INTO mentions"):
        print("mid-save", flush=True)
        import time; time.sleep(60)

sa.event.listen(sa.Engine, "before_cursor_execute", stall)
store = Store.open(url)
print("run", store.begin_run("writer"), flush=True)
for doc in first:
    store.save_document(doc)
for saving, doc in enumerate(second):
    store.save_document(doc)
"""


def test_sigkill_mid_write_leaves_a_consistent_store(new_store_url):
    url, reference = new_store_url(), new_store_url()
    n, kill_at = 60, 25
    first = [make_document(i) for i in range(n)]
    second = [make_document(i, extractor_version="0.2.0", scale=2) for i in range(n)]
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(TESTS), url, str(n), str(kill_at)],
                             stdout=subprocess.PIPE, text=True)
    try:
        run_line = child.stdout.readline()
        assert run_line.startswith("run "), run_line
        with Store.open(url) as store, pytest.raises(StoreBusy, match=rf"in use by run \d+ \(pid {child.pid}\)"):
            store.begin_run("meanwhile")
        assert child.stdout.readline() == "mid-save\n"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        child.kill()
        child.stdout.close()

    if "://" not in url:
        engine = raw_engine(url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        engine.dispose()
    with Store.open(url) as store:
        # Every article holds exactly the records of one complete save: the new version up to the
        # killed save, the old one from it on (its deletions and insertions were rolled back).
        for i in range(n):
            expected = second[i] if i < kill_at else first[i]
            assert stored_records(store, expected.article.doc_id) == sorted(expected.records, key=lambda r: r.record_id), i
        rows = dump(url)
        assert len(rows["mentions"]) == sum(len((second[i] if i < kill_at else first[i]).mentions) for i in range(n))
        # The killed run's lock is taken over; its run is marked interrupted.
        run_id = store.begin_run("rerun", wait=10)
        assert store.last_runs(2)[1].status == "interrupted"
        for doc in second:  # the rerun skips what the killed run finished
            if not store.has_article(doc.article.doc_id, "0.2.0"):
                store.save_document(doc)
        store.end_run(run_id, {}, "ok")

    with Store.open(reference) as store:  # the same work, uninterrupted
        for doc in first + second:
            store.save_document(doc)
    assert dump(url) == dump(reference)
