"""`krnews crawl` against a real news site on 127.0.0.1: incremental, crash-safe, one run at a time."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from httpserver import Reply, http_server  # noqa: F401  (pytest fixture)
from storedocs import new_store_url  # noqa: F401  (pytest fixture: SQLite, and PostgreSQL when configured)

import krnews
from krnews.cli import main
from krnews.crawl import crawl
from krnews.models import EXTRACTOR_VERSION
from krnews.scrapers import FetchConfig, Fetcher, load_sources, parse_html
from krnews.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "crawl"
ARTICLES = json.loads((FIXTURES / "articles.json").read_text(encoding="utf-8"))["articles"]
TEMPLATE = (FIXTURES / "page.html").read_text(encoding="utf-8")
HTML = "text/html; charset=utf-8"


def page(article: dict, extra: str = "") -> bytes:
    paragraphs = "\n".join(f"<p>{text}</p>" for text in article["paragraphs"] + ([extra] if extra else []))
    return TEMPLATE.format(title=article["title"], published=article["published"], paragraphs=paragraphs).encode()


class Site:
    """A small news site on the local server: an RSS feed of article pages that answer conditional
    GETs (304 for the current ETag), and a sources file in tmp_path pointing at it."""

    def __init__(self, server, tmp_path: Path, host: str = "127.0.0.1", name: str = "hangyeol"):
        self.server, self.delay = server, 0.0
        # Pages after the first `slow_after` wait `slow_delay` more: the crawl cannot finish in a burst
        # (pages fetched while the NLP loads are saved together) before a test stops it mid-way.
        self.slow_after, self.slow_delay = len(ARTICLES), 0.0
        self.base = server.base.replace("127.0.0.1", host)
        self.prefix = f"/{name}"
        self.urls = [self.url(f"/news/{a['slug']}.html") for a in ARTICLES]
        for article in ARTICLES:
            self.serve(article, page(article), '"v1"')
        self.feed_items = list(self.urls)
        server.route(f"{self.prefix}/rss.xml", lambda handler: Reply(200, self.feed(), {"Content-Type": "application/rss+xml"}))
        self.sources = tmp_path / f"sources-{name}.json"
        self.write_sources([self.url("/rss.xml")])

    def url(self, path: str) -> str:
        return self.base + self.prefix + path

    def path(self, url: str) -> str:
        return url[len(self.base):]

    def feed(self) -> bytes:
        items = "".join(f"<item><title>기사</title><link>{url}</link></item>" for url in self.feed_items)
        return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>한결일보</title>{items}</channel></rss>'.encode()

    def write_sources(self, feeds: list[str]) -> None:
        self.sources.write_text(json.dumps({"sources": [{"name": "hangyeol", "outlet": "한결일보", "feeds": feeds}]}), encoding="utf-8")

    def serve(self, article: dict, body: bytes, etag: str) -> None:
        position = ARTICLES.index(article) if article in ARTICLES else 0

        def reply(handler) -> Reply:
            delay = self.delay + (self.slow_delay if position >= self.slow_after else 0.0)
            if handler.headers.get("If-None-Match") == etag:
                return Reply(304, b"", {"ETag": etag}, delay=delay)
            return Reply(200, body, {"ETag": etag, "Content-Type": HTML}, delay=delay)
        self.server.route(f"{self.prefix}/news/{article['slug']}.html", reply)

    def article_requests(self) -> list[dict]:
        return [headers for path, headers in self.server.requests if path.startswith(self.prefix + "/news/")]


def crawl_args(site: Site, db: Path, *extra: str) -> list[str]:
    return ["crawl", "--sources", str(site.sources), "--db", str(db), "--delay", "0.01",
            "--retries", "1", "--backoff", "0.01", *extra]


def engine_of(db: Path | str) -> sa.Engine:
    url = str(db)
    if "://" not in url:
        return sa.create_engine(f"sqlite:///{url}")
    return sa.create_engine(sa.engine.make_url(url).set(drivername="postgresql+psycopg"))


def table(db: Path | str, name: str, order: str) -> list[dict]:
    """The rows of a store's table (SQLite path or PostgreSQL URL), with JSON columns decoded."""
    engine = engine_of(db)
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.exec_driver_sql(f"SELECT * FROM {name} ORDER BY {order}").mappings()]
    engine.dispose()
    return [{key: json.loads(value) if key == "counts" and isinstance(value, str) else value
             for key, value in row.items()} for row in rows]


def last_run(db: Path | str) -> dict:
    return table(db, "runs", "run_id")[-1]


def expected_records(site: Site, bodies: dict[str, bytes] | None = None) -> dict[str, tuple]:
    """record_id -> (doc_id, amount_krw, sentence) that extraction gives for each served page."""
    expected = {}
    for url, article in zip(site.urls, ARTICLES):
        body = (bodies or {}).get(url, page(article))
        for record in krnews.process(parse_html(body, url=url, content_type=HTML)).records:
            expected[record.record_id] = (record.doc_id, record.amount_krw, record.sentence)
    return expected


def stored_records(db: Path | str) -> dict[str, tuple]:
    return {r["record_id"]: (r["doc_id"], r["amount_krw"], r["sentence"]) for r in table(db, "records", "record_id")}


def test_first_run_stores_everything_and_a_second_run_fetches_nothing_new(http_server, tmp_path, capsys, new_store_url):
    site, db = Site(http_server, tmp_path), new_store_url()
    assert main(crawl_args(site, db)) == 0
    out = capsys.readouterr().out
    expected = expected_records(site)
    assert stored_records(db) == expected
    assert len(table(db, "articles", "doc_id")) == len(ARTICLES)
    assert 32_000_000_000 in {amount for _, amount, _ in expected.values()}  # 부산시 320억원
    run = last_run(db)
    assert run["status"] == "ok" and run["counts"] == {
        "discovered": 6, "fetched": 6, "unchanged": 0, "skipped": 0, "failed": 0, "saved": 6,
        "records_added": len(expected), "records_updated": 0}
    assert re.match(rf"crawl run {run['run_id']}: ok, \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d to ", out)
    assert f"records_added={len(expected)}" in out
    linked = {r["record_id"] for r in table(db, "initiative_records", "record_id")}
    assert linked == set(expected)  # the run brought the initiatives up to date itself

    articles_before, records_before = table(db, "articles", "doc_id"), table(db, "records", "record_id")
    first_requests = len(site.article_requests())
    assert main(crawl_args(site, db)) == 0
    second = site.article_requests()[first_requests:]
    assert len(second) == 6 and all(headers.get("If-None-Match") == '"v1"' for headers in second)
    assert last_run(db)["counts"] == {
        "discovered": 6, "fetched": 0, "unchanged": 6, "skipped": 0, "failed": 0, "saved": 0,
        "records_added": 0, "records_updated": 0}
    # Not rewritten: the same rows, down to when each article was fetched.
    assert table(db, "articles", "doc_id") == articles_before
    assert table(db, "records", "record_id") == records_before


def test_a_changed_page_is_re_extracted_and_its_records_replaced(http_server, tmp_path, capsys):
    site, db = Site(http_server, tmp_path), tmp_path / "crawl.sqlite"
    assert main(crawl_args(site, db)) == 0
    before = {a["doc_id"]: a for a in table(db, "articles", "doc_id")}
    changed, retagged = ARTICLES[0], ARTICLES[1]
    new_body = page({**changed, "paragraphs": ["부산시는 올해 스마트항만 구축 사업에 450억원을 투입한다고 4일 밝혔다."]},
                    extra="해양수산부도 국비 80억원을 보탠다.")
    site.serve(changed, new_body, '"v2"')
    site.serve(retagged, page(retagged), '"v2"')  # new ETag, same text: not re-extracted
    assert main(crawl_args(site, db)) == 0

    expected = expected_records(site, {site.urls[0]: new_body})
    assert stored_records(db) == expected
    changed_doc = parse_html(new_body, url=site.urls[0]).doc_id
    new_ids = {rid for rid, (doc_id, _, _) in expected.items() if doc_id == changed_doc}
    assert {amount for rid, (_, amount, _) in expected.items() if rid in new_ids} >= {45_000_000_000}
    assert 32_000_000_000 not in {amount for _, amount, _ in stored_records(db).values()}
    assert last_run(db)["counts"] == {
        "discovered": 6, "fetched": 2, "unchanged": 5, "skipped": 0, "failed": 0, "saved": 1,
        "records_added": 0, "records_updated": len(new_ids)}
    after = {a["doc_id"]: a for a in table(db, "articles", "doc_id")}
    assert after[changed_doc]["etag"] == '"v2"' and after[changed_doc]["fetched_at"] > before[changed_doc]["fetched_at"]
    retagged_doc = parse_html(page(retagged), url=site.urls[1]).doc_id
    # the same text under a new ETag: only its validators move, so the next run gets a 304 for it
    assert after[retagged_doc]["etag"] == '"v2"' and after[retagged_doc]["text"] == before[retagged_doc]["text"]
    assert all(after[doc_id] == before[doc_id] for doc_id in before if doc_id not in (changed_doc, retagged_doc))
    assert main(crawl_args(site, db)) == 0
    assert last_run(db)["counts"]["fetched"] == 0 and last_run(db)["counts"]["unchanged"] == 6


def test_an_article_of_an_older_extractor_is_fetched_again_and_re_extracted(http_server, tmp_path, capsys):
    site, db = Site(http_server, tmp_path), tmp_path / "crawl.sqlite"
    assert main(crawl_args(site, db)) == 0
    old = parse_html(page(ARTICLES[2]), url=site.urls[2]).doc_id
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE articles SET extractor_version = '0.0.1' WHERE doc_id = ?", (old,))
    engine.dispose()
    mark = len(site.server.requests)
    assert main(crawl_args(site, db)) == 0
    conditional = {path: "If-None-Match" in headers for path, headers in site.server.requests[mark:] if "/news/" in path}
    assert conditional == {site.path(url): url != site.urls[2] for url in site.urls}
    assert last_run(db)["counts"]["saved"] == 1
    assert {a["doc_id"]: a["extractor_version"] for a in table(db, "articles", "doc_id")}[old] == EXTRACTOR_VERSION


def test_limit_takes_new_urls_first_and_since_skips_older_articles(http_server, tmp_path, capsys):
    site, db = Site(http_server, tmp_path), tmp_path / "crawl.sqlite"
    assert main(crawl_args(site, db, "--limit", "2")) == 0
    assert [a["url"] for a in table(db, "articles", "fetched_at")] == site.urls[:2]
    assert main(crawl_args(site, db, "--limit", "3")) == 0  # the next three new ones, no re-check
    assert [a["url"] for a in table(db, "articles", "fetched_at")] == site.urls[:5]
    counts = last_run(db)["counts"]
    assert (counts["discovered"], counts["fetched"], counts["saved"], counts["unchanged"]) == (6, 3, 3, 0)

    other = tmp_path / "since.sqlite"
    assert main(crawl_args(site, other, "--since", "2024-03-07")) == 0
    published = sorted(a["published"] for a in table(other, "articles", "doc_id"))
    assert published == sorted(a["published"] for a in ARTICLES if a["published"] >= "2024-03-07")
    assert last_run(other)["counts"]["skipped"] == sum(a["published"] < "2024-03-07" for a in ARTICLES) == 3


def test_failures_are_recorded_and_printed_once_each_and_the_rest_stored(http_server, tmp_path, capsys):
    site, db = Site(http_server, tmp_path), tmp_path / "crawl.sqlite"
    http_server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /hangyeol/private/\n", {"Content-Type": "text/plain"}))
    broken, private, pdf, blank = (site.url(p) for p in ("/news/broken.html", "/private/memo.html",
                                                         "/files/report.pdf", "/news/blank.html"))
    http_server.route(site.path(broken), Reply(500, b"oops", {"Content-Type": "text/html"}))
    http_server.route(site.path(pdf), Reply(200, b"%PDF-1.4 ...", {"Content-Type": "application/pdf"}))
    http_server.route(site.path(blank), Reply(200, b"<html><body></body></html>", {"Content-Type": HTML}))
    site.feed_items = site.urls[:2] + [broken, private, pdf, blank]
    missing_feed = site.url("/missing.xml")
    site.write_sources([site.url("/rss.xml"), missing_feed])

    assert main(crawl_args(site, db)) == 1
    out, err = capsys.readouterr()
    reasons = {
        missing_feed: "HTTP 404 Not Found",
        broken: "HTTP 500 after 2 attempt(s)",
        private: f"disallowed by robots.txt ({private})",
        pdf: "not an HTML page (Content-Type application/pdf)",
        blank: "no article text found on the page",
    }
    failure_lines = [line for line in err.splitlines() if line.startswith("krnews crawl: ")]
    assert sorted(failure_lines) == sorted(f"krnews crawl: {u}: {r}" for u, r in reasons.items())
    # The other stderr lines are the progress log (stderr is not a terminal here), which names no failure again.
    assert all(sum(url in line for line in err.splitlines()) == 1 for url in reasons)
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ INFO ", line) for line in err.splitlines() if line not in failure_lines)
    run = last_run(db)
    stored_failures = {f["input"]: f["reason"] for f in table(db, "run_failures", "id") if f["run_id"] == run["run_id"]}
    assert stored_failures == reasons
    assert run["status"] == "failed" and run["counts"]["failed"] == 5 and run["counts"]["saved"] == 2
    assert http_server.hits[site.path(broken)] == 2 and http_server.hits[site.path(private)] == 0
    assert sorted(a["url"] for a in table(db, "articles", "doc_id")) == sorted(site.urls[:2])
    assert "failures (5):" in out and f"    {pdf}: not an HTML page" in out


def test_two_crawls_on_one_store_the_second_waits_or_says_who_holds_it(http_server, tmp_path, capsys, new_store_url):
    site, db = Site(http_server, tmp_path), new_store_url()
    site.delay = 0.2  # the first crawl takes over a second
    running, reports = threading.Event(), []
    with Store.open(db) as store:
        store_name = store.name  # a PostgreSQL URL is named without its password

    def first_crawl() -> None:
        with Store.open(db) as store, Fetcher(FetchConfig(per_host_delay=0.01)) as fetcher:
            reports.append(crawl(store, load_sources(site.sources), fetcher,
                                 on_event=lambda event: running.set()))

    thread = threading.Thread(target=first_crawl)
    thread.start()
    try:
        assert running.wait(10)
        started = time.monotonic()
        assert main(crawl_args(site, db, "--wait", "0.3", "--quiet")) == 3
        assert time.monotonic() - started >= 0.3
        err = capsys.readouterr().err.splitlines()
        site.delay = 0.0
        assert len(err) == 1 and re.fullmatch(
            rf"krnews crawl: store {re.escape(store_name)} is in use by run 1 \(pid {os.getpid()}\) "
            r"since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", err[0]), err
        assert main(crawl_args(site, db, "--wait", "30", "--quiet")) == 0  # waits for the first to end
    finally:
        thread.join(30)
    runs = table(db, "runs", "run_id")
    assert [(r["run_id"], r["status"]) for r in runs] == [(1, "ok"), (2, "ok")]
    assert runs[1]["started_at"] >= runs[0]["ended_at"]
    assert reports[0].counts["saved"] == 6 and runs[1]["counts"]["unchanged"] == 6


def test_hosts_are_fetched_in_parallel_each_at_its_own_pace(http_server, tmp_path, capsys):
    sites = [Site(http_server, tmp_path, "127.0.0.1", "one"), Site(http_server, tmp_path, "localhost", "two")]
    seen: list[tuple[str, float]] = []
    for site in sites:
        for article in ARTICLES[:3]:
            def reply(handler, body=page(article)) -> Reply:
                seen.append((handler.headers["Host"].split(":")[0], time.monotonic()))
                return Reply(200, body, {"Content-Type": HTML})
            http_server.route(f"{site.prefix}/news/{article['slug']}.html", reply)
        site.feed_items = site.urls[:3]
    sources = tmp_path / "both.json"
    sources.write_text(json.dumps({"sources": [{"name": s.prefix[1:], "feeds": [s.url("/rss.xml")]} for s in sites]}))
    delay = 0.15
    with Store.open(tmp_path / "crawl.sqlite") as store, Fetcher(FetchConfig(per_host_delay=delay)) as fetcher:
        report = crawl(store, load_sources(sources), fetcher)
    assert report.counts["saved"] == 6 and report.status == "ok"
    times = {host: [t for h, t in seen if h == host] for host in ("127.0.0.1", "localhost")}
    assert all(len(starts) == 3 for starts in times.values())  # the spacing of one host's requests is the throttle's, tested with its own clock
    # Interleaved: each host's pages were requested while the other's were.
    assert min(times["localhost"]) < max(times["127.0.0.1"]) and min(times["127.0.0.1"]) < max(times["localhost"])


def test_extraction_on_a_process_pool_stores_the_same_as_in_process(http_server, tmp_path, capsys):
    site = Site(http_server, tmp_path)
    copies = [{**a, "slug": f"{a['slug']}-{n}", "title": f"{a['title']} ({n})"} for n in range(3) for a in ARTICLES]
    for article in copies:  # 18 pages: more than one chunk of the pool
        site.serve(article, page(article), '"v1"')
    site.feed_items = [site.url(f"/news/{a['slug']}.html") for a in copies]
    pooled, single = tmp_path / "pooled.sqlite", tmp_path / "single.sqlite"
    assert main(crawl_args(site, pooled, "--workers", "2")) == 0
    assert main(crawl_args(site, single)) == 0
    assert len(table(pooled, "articles", "doc_id")) == 18
    assert table(pooled, "records", "record_id") == table(single, "records", "record_id") != []


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["crawl", "nosuchsource", "--db", str(tmp_path / "x.sqlite")]) == 2
    assert capsys.readouterr().err.startswith("krnews crawl: unknown source(s): nosuchsource (known: ")
    for bad in (["--since", "2024-13-01"], ["--limit", "0"], ["--wait", "-1"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["crawl", *bad])
        assert exit_info.value.code == 2
    assert not (tmp_path / "x.sqlite").exists()


def test_kill_9_mid_crawl_then_a_rerun_stores_exactly_an_uninterrupted_crawl(http_server, tmp_path, capsys, new_store_url):
    site, db, reference = Site(http_server, tmp_path), new_store_url(), new_store_url()
    site.slow_after, site.slow_delay = 2, 3.0  # the crawl is killed while it waits for the third page
    command = [sys.executable, "-m", "krnews", *crawl_args(site, db, "--quiet")]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while (stored := count_articles(db)) < 2:
            assert child.poll() is None and time.monotonic() < deadline, child.stderr.read() if child.poll() is not None else "timeout"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        child.kill()
        child.stdout.close()
        child.stderr.close()
    stored = count_articles(db)
    assert 2 <= stored < len(ARTICLES)
    assert last_run(db)["status"] == "running"  # it never got to end the run

    site.slow_delay = 0.0
    assert main(crawl_args(site, db)) == 0
    runs = table(db, "runs", "run_id")
    assert [r["status"] for r in runs] == ["interrupted", "ok"]
    counts = runs[1]["counts"]
    assert (counts["unchanged"], counts["saved"]) == (stored, len(ARTICLES) - stored)

    assert main(crawl_args(site, reference)) == 0
    columns = "doc_id, url, canonical_url, title, published, text, content_hash, extractor_version, etag"
    assert table(db, "records", "record_id") == table(reference, "records", "record_id")
    assert [{k: a[k] for k in columns.split(", ")} for a in table(db, "articles", "doc_id")] == \
        [{k: a[k] for k in columns.split(", ")} for a in table(reference, "articles", "doc_id")]
    assert len(stored_records(db)) == len(table(db, "records", "record_id")) == len(expected_records(site))


def test_sigterm_mid_crawl_ends_the_run_interrupted_with_its_counts(http_server, tmp_path):
    site, db = Site(http_server, tmp_path), tmp_path / "crawl.sqlite"
    site.slow_after, site.slow_delay = 2, 3.0  # the signal comes while the crawl waits for the third page
    command = [sys.executable, "-m", "krnews", *crawl_args(site, db, "--quiet")]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while count_articles(db) < 2:
            assert child.poll() is None and time.monotonic() < deadline, child.stderr.read() if child.poll() is not None else "timeout"
            time.sleep(0.02)
        child.send_signal(signal.SIGTERM)
        assert child.wait(10) == 143
        assert b"terminated" in child.stderr.read()
    finally:
        child.kill()
        child.stdout.close()
        child.stderr.close()
    run = last_run(db)
    assert run["status"] == "interrupted" and run["ended_at"] is not None
    stored = count_articles(db)  # a signal between a commit and its count leaves the count one short
    assert stored >= 2 and run["counts"]["saved"] in (stored - 1, stored)


def count_articles(db: Path | str) -> int:
    """Articles stored so far, read while the crawl writes (0 before the tables exist)."""
    if "://" in str(db):
        engine = engine_of(db)
        try:
            with engine.connect() as conn:
                return conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
        except sa.exc.ProgrammingError:
            return 0
        finally:
            engine.dispose()
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:  # not created yet
        return 0
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # no tables yet
        return 0
    finally:
        conn.close()
