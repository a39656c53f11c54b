"""kill -9, for real: of a run with workers (nothing left behind, the rerun completes it exactly) and
of one worker (its item fails with one line, the run goes on). Processes are real; the waits poll
for a state with a generous limit and never judge speed."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import Reply, http_server  # noqa: F401  (pytest fixture)

SENTENCE = "광주시는 올해 {}억원을 투입해 AI 사업 {}호에 나선다. 시는 이 사업으로 일자리를 만든다고 밝혔다."
PATIENCE = 300.0  # seconds before a wait is a failure: a limit against hanging, not a speed goal

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers die with their parent on Linux")


def write_corpus(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"doc{i}", "text": SENTENCE.format(i + 1, i)}, ensure_ascii=False) + "\n")
    return path


def krnews(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "krnews", "extract", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def state(pid: int) -> str:
    """The process's state letter (R running, S sleeping, Z zombie…), X when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "X"


def alive(pid: int) -> bool:
    return state(pid) not in "ZX"


def wait_for(condition, what: str):
    deadline = time.monotonic() + PATIENCE
    while not (value := condition()):
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)
    return value


def saved_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def store_records(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("select record_id, doc_id, amount_krw from records").fetchall())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("kill") / "corpus.jsonl", 400)


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> list[tuple]:
    db = tmp_path_factory.mktemp("whole") / "store.sqlite"
    run = krnews(str(corpus), "--db", str(db), "--workers", "2", "--out", os.devnull)
    _out, err = run.communicate()
    assert run.returncode == 0, err
    return store_records(db)


def test_kill_9_of_a_run_with_workers_leaves_nothing_and_the_rerun_completes_it(corpus, uninterrupted, tmp_path):
    db = tmp_path / "store.sqlite"
    run = krnews(str(corpus), "--db", str(db), "--workers", "2", "--out", os.devnull)
    workers = wait_for(lambda: len(children(run.pid)) == 2 and children(run.pid), "two workers")
    wait_for(lambda: saved_articles(db) >= 200, "half the corpus saved")
    os.kill(run.pid, signal.SIGKILL)
    run.communicate()
    wait_for(lambda: not any(alive(worker) for worker in workers), "the workers to end with their parent")

    rerun = krnews(str(corpus), "--db", str(db), "--workers", "2", "--out", os.devnull)
    _out, err = rerun.communicate()
    assert rerun.returncode == 0, err
    assert store_records(db) == uninterrupted
    with sqlite3.connect(db) as conn:
        assert [status for (status,) in conn.execute("select status from runs order by run_id")] == ["interrupted", "ok"]


def test_kill_9_of_one_worker_fails_its_item_alone(corpus, uninterrupted, tmp_path):
    everything = sorted((doc, krw) for _record, doc, krw in uninterrupted)
    died_on_an_item = False
    for attempt in range(5):  # a kill between two items costs nothing; the one on an item is the case
        out = tmp_path / f"records{attempt}.jsonl"
        run = krnews(str(corpus), "--workers", "2", "--out", str(out))
        workers = wait_for(lambda: len(children(run.pid)) == 2 and children(run.pid), "two workers")
        wait_for(lambda: out.exists() and out.stat().st_size > 0, "the first records")
        wait_for(lambda: state(workers[0]) == "R", "the worker to be at work")  # not waiting for a chunk
        os.kill(workers[0], signal.SIGKILL)
        _out, err = run.communicate()
        errors = [line for line in err.strip().splitlines() if not line.startswith("krnews: warning: ")]  # undated 올해
        written = sorted((row["doc_id"], row["amount_krw"]) for row in map(json.loads, out.read_text(encoding="utf-8").splitlines()))
        if not errors:  # it was between items: nothing lost, nothing twice
            assert run.returncode == 0 and written == everything
            continue
        assert run.returncode == 1 and len(errors) == 1 and "the worker processing it died" in errors[0], err
        [lost] = {doc for doc, _krw in everything} - {doc for doc, _krw in written}
        assert f"corpus.jsonl:{int(lost[3:]) + 1}: " in errors[0]  # the input, not a hash
        assert written == [(doc, krw) for doc, krw in everything if doc != lost]
        died_on_an_item = True
        break
    assert died_on_an_item


def test_sigterm_ends_a_run_stuck_on_a_trickling_page(http_server):
    url = http_server.route("/drip", Reply(200, b"<html><body>" + b"x" * 100_000, {"Content-Type": "text/html"}, trickle=0.1))
    run = krnews(url, "--workers", "1")
    wait_for(lambda: http_server.hits["/drip"], "the page to be requested")
    os.kill(run.pid, signal.SIGTERM)
    _out, err = run.communicate(timeout=PATIENCE)
    assert run.returncode == 143 and err.strip().splitlines()[-1] == "krnews: terminated", err


def test_sigterm_ends_a_crawl_stuck_on_a_trickling_feed(http_server, tmp_path):
    feed = http_server.route("/rss.xml", Reply(200, b'<?xml version="1.0"?><rss><channel>' + b" " * 100_000,
                                               {"Content-Type": "application/rss+xml"}, trickle=0.1))
    sources = tmp_path / "sources.json"
    sources.write_text(json.dumps({"sources": [{"name": "slow", "feeds": [feed]}]}), encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "krnews", "crawl", "--sources", str(sources),
                            "--db", str(tmp_path / "s.sqlite"), "--quiet"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(lambda: http_server.hits["/rss.xml"], "the feed to be requested")
    os.kill(run.pid, signal.SIGTERM)
    _out, err = run.communicate(timeout=PATIENCE)
    assert run.returncode == 143, err
    with sqlite3.connect(tmp_path / "s.sqlite") as conn:
        assert conn.execute("select status from runs").fetchall() == [("interrupted",)]
