"""The HTTP layer against a real local server that misbehaves on purpose."""
from __future__ import annotations

import threading
import time

import pytest
from httpserver import Reply, http_server  # noqa: F401  (pytest fixture)

from krnews import __version__
from krnews.scrapers import FetchConfig, FetchError, Fetcher, fetch_article
from krnews.scrapers.throttle import HostThrottle

PAGE = ("<html><head><title>시험 기사</title></head><body><article><p>"
        + "지역 상생 기금 조성 사업에 관한 시험용 기사 문장입니다. " * 6 + "</p></article></body></html>")


def fast_config(**overrides) -> FetchConfig:
    settings = dict(contact_url="https://example.org/krnews-tests", connect_timeout=1.0, read_timeout=1.0,
                    max_retries=2, backoff=0.01, max_wait=0.05, per_host_delay=0.0)
    settings.update(overrides)
    return FetchConfig(**settings)


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def fetcher(sleeps):
    with Fetcher(fast_config(), sleep=sleeps.append) as f:
        yield f


def html_reply(body: str | bytes = PAGE, charset: str | None = "utf-8", **kw) -> Reply:
    data = body.encode("utf-8") if isinstance(body, str) else body
    content_type = "text/html" + (f"; charset={charset}" if charset else "")
    return Reply(200, data, {"Content-Type": content_type, **kw.pop("headers", {})}, **kw)


def assert_one_line(error: FetchError, url: str, *words: str) -> None:
    text = str(error)
    assert "\n" not in text and text.startswith(url)
    for word in words:
        assert word in text


def test_user_agent_names_krnews_version_and_contact(http_server, fetcher):
    url = http_server.route("/ua", html_reply())
    fetcher.fetch(url)
    agent = http_server.headers_of("/ua")[0]["User-Agent"]
    assert agent == f"krnews/{__version__} (+https://example.org/krnews-tests)"


def test_500_then_200_is_retried_with_backoff(http_server, fetcher, sleeps):
    url = http_server.route("/flaky", Reply(500, b"oops"), html_reply())
    result = fetcher.fetch(url)
    assert result.status == 200 and "시험용 기사" in result.text()
    assert http_server.hits["/flaky"] == 2
    assert sleeps == [0.01]


def test_persistent_503_gives_up_with_one_line_error(http_server, fetcher, sleeps):
    url = http_server.route("/down", Reply(503, b"busy"))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert_one_line(caught.value, url, "HTTP 503", "3 attempt")
    assert http_server.hits["/down"] == 3
    assert sleeps == [0.01, 0.02]  # exponential


def test_429_honours_retry_after_up_to_the_cap(http_server, sleeps):
    with Fetcher(fast_config(max_wait=5.0), sleep=sleeps.append) as fetcher:
        url = http_server.route("/limited", Reply(429, headers={"Retry-After": "3"}), html_reply())
        assert fetcher.fetch(url).status == 200
        assert sleeps == [3.0]
        url = http_server.route("/limited-long", Reply(429, headers={"Retry-After": "600"}), html_reply())
        assert fetcher.fetch(url).status == 200
        assert sleeps[-1] == 5.0


def test_404_is_not_retried(http_server, fetcher):
    url = http_server.url("/missing")
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert_one_line(caught.value, url, "HTTP 404")
    assert http_server.hits["/missing"] == 1


def test_slow_response_times_out(http_server, sleeps):
    url = http_server.route("/slow", html_reply(delay=0.6))
    with Fetcher(fast_config(read_timeout=0.15, max_retries=0), sleep=sleeps.append) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert_one_line(caught.value, url, "timed out")


def test_connection_refused_is_a_fetch_error(fetcher, sleeps):
    url = "http://127.0.0.1:9/nothing-listens-here"
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert_one_line(caught.value, url, "robots.txt unreachable (connection failed: connection refused)")
    with Fetcher(fast_config(ignore_robots=True, max_retries=1), sleep=sleeps.append) as owner:
        with pytest.raises(FetchError) as caught:
            owner.fetch(url)
    assert_one_line(caught.value, url, "connection failed", "2 attempt")


@pytest.mark.parametrize("content_length", [True, False], ids=["declared", "streamed"])
def test_body_over_the_size_cap_is_abandoned(http_server, sleeps, content_length):
    url = http_server.route("/huge", html_reply(b"<p>" + b"x" * 50_000, content_length=content_length))
    with Fetcher(fast_config(max_bytes=10_000), sleep=sleeps.append) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert_one_line(caught.value, url, "too large")


def test_redirects_are_followed_and_capped(http_server, fetcher):
    http_server.route("/old", Reply(301, headers={"Location": "/new"}))
    http_server.route("/new", html_reply())
    result = fetcher.fetch(http_server.url("/old"))
    assert result.final_url == http_server.url("/new")

    http_server.route("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    http_server.route("/loop-b", Reply(302, headers={"Location": "/loop-a"}))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(http_server.url("/loop-a"))
    assert_one_line(caught.value, http_server.url("/loop-a"), "redirect loop")

    for hop in range(8):
        http_server.route(f"/hop{hop}", Reply(302, headers={"Location": f"/hop{hop + 1}"}))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(http_server.url("/hop0"))
    assert "more than 5 redirects" in str(caught.value)


def test_only_http_and_https(http_server, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("file:///etc/passwd")
    assert_one_line(caught.value, "file:///etc/passwd", "unsupported scheme")
    url = http_server.route("/to-ftp", Reply(302, headers={"Location": "ftp://127.0.0.1/x"}))
    with pytest.raises(FetchError, match="unsupported scheme 'ftp'"):
        fetcher.fetch(url)


def test_robots_disallow_is_obeyed_and_cached(http_server, fetcher):
    http_server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n",
                                           {"Content-Type": "text/plain"}))
    http_server.route("/private/page", html_reply())
    http_server.route("/public/page", html_reply())
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(http_server.url("/private/page"))
    assert_one_line(caught.value, http_server.url("/private/page"), "robots.txt")
    assert http_server.hits["/private/page"] == 0
    fetcher.fetch(http_server.url("/public/page"))
    fetcher.fetch(http_server.url("/public/page"))
    assert http_server.hits["/robots.txt"] == 1


def test_robots_agent_group_and_ignore_flag(http_server, sleeps):
    http_server.route("/robots.txt", Reply(200, b"User-agent: krnews\nDisallow: /\n\nUser-agent: *\nAllow: /\n"))
    url = http_server.route("/mine", html_reply())
    with Fetcher(fast_config(), sleep=sleeps.append) as polite:
        with pytest.raises(FetchError, match="disallowed by robots.txt"):
            polite.fetch(url)
    with Fetcher(fast_config(ignore_robots=True), sleep=sleeps.append) as owner:
        assert owner.fetch(url).status == 200


def test_robots_server_error_means_do_not_crawl(http_server, fetcher):
    http_server.route("/robots.txt", Reply(500, b"broken"))
    url = http_server.route("/page", html_reply())
    with pytest.raises(FetchError, match="robots.txt answered HTTP 500"):
        fetcher.fetch(url)
    assert http_server.hits["/page"] == 0


def test_conditional_refetch_returns_unchanged(http_server, fetcher):
    def page(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Reply(304, content_length=False)
        return html_reply(headers={"ETag": '"v1"', "Last-Modified": "Mon, 13 May 2024 03:52:14 GMT"})

    url = http_server.route("/cond", page)
    first = fetcher.fetch(url)
    assert not first.not_modified and first.etag == '"v1"'
    again = fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    sent = http_server.headers_of("/cond")[1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == first.last_modified


def test_wrong_charset_header_still_decodes(http_server, fetcher):
    body = PAGE.replace("시험 기사", "똠방각하 햏 뷁").encode("cp949")
    url = http_server.route("/lying", html_reply(body, charset="utf-8"))
    article = fetch_article(url, fetcher)
    assert article.title == "똠방각하 햏 뷁"
    url = http_server.route("/lying-latin", html_reply(body, charset="iso-8859-1"))
    assert fetch_article(url, fetcher).title == "똠방각하 햏 뷁"


def test_truncated_html_still_gives_an_article(http_server, fetcher):
    cut = PAGE.encode("utf-8")[:-40]  # ends mid-tag, and maybe mid-character
    url = http_server.route("/cut", html_reply(cut))
    article = fetch_article(url, fetcher)
    assert "지역 상생 기금" in article.text


def test_truncated_transfer_is_a_fetch_error(http_server, fetcher):
    url = http_server.route("/short", html_reply(declared_length=len(PAGE.encode()) + 500))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert_one_line(caught.value, url, "reading the body failed")


def test_non_html_content_type_is_refused_by_fetch_article(http_server, fetcher):
    url = http_server.route("/report.pdf", Reply(200, b"%PDF-1.4 ...", {"Content-Type": "application/pdf"}))
    with pytest.raises(FetchError) as caught:
        fetch_article(url, fetcher)
    assert_one_line(caught.value, url, "not an HTML page", "application/pdf")


def test_page_without_article_text_is_a_fetch_error(http_server, fetcher):
    url = http_server.route("/empty", html_reply("<html><body><nav><a href='/'>홈</a></nav></body></html>"))
    with pytest.raises(FetchError, match="no article text"):
        fetch_article(url, fetcher)


def test_throttle_spaces_requests_to_one_host():
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(delay=1.0, clock=lambda: now[0], sleep=sleep)
    for host in ("a.example", "a.example", "b.example", "a.example"):
        with throttle.slot(host):
            pass
    assert waits == [1.0, 1.0]  # b.example did not wait for a.example


def test_throttle_is_thread_safe():
    waits = []
    lock = threading.Lock()

    def sleep(seconds):  # the clock stands still: each wait is how far ahead the thread's start was reserved
        with lock:
            waits.append(seconds)

    throttle = HostThrottle(delay=0.05, concurrency=2, clock=lambda: 0.0, sleep=sleep)

    def worker():
        with throttle.slot("one.example"):
            pass

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == pytest.approx([0.05, 0.10, 0.15])  # four starts, each its own, 0.05 apart


def test_fetch_error_is_one_line():
    error = FetchError("https://example.org/a", "line one\nline two")
    assert str(error) == "https://example.org/a: line one line two"


def test_retry_after_forms():
    from email.utils import formatdate

    from krnews.scrapers.http import retry_after_seconds

    assert retry_after_seconds("7") == 7.0
    assert 25 <= retry_after_seconds(formatdate(time.time() + 30, usegmt=True)) <= 30
    assert retry_after_seconds(formatdate(time.time() - 30, usegmt=True)) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_a_trickling_body_fails_at_the_fetch_deadline(http_server, sleeps):
    url = http_server.route("/drip", html_reply(trickle=0.05))  # ~170 s for the whole page
    with Fetcher(fast_config(deadline=0.5), sleep=sleeps.append) as fetcher:
        with pytest.raises(FetchError, match=r"took longer than the 0.5 s deadline"):
            fetcher.fetch(url)


def test_a_trickling_robots_txt_is_cut_at_the_deadline(http_server, sleeps):
    http_server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private\n" + b"#" * 4000, trickle=0.05))
    url = http_server.route("/page", html_reply())
    with Fetcher(fast_config(deadline=0.5), sleep=sleeps.append) as fetcher:
        with pytest.raises(FetchError, match=r"robots.txt unreachable \(.*took longer than the 0.5 s deadline\)"):
            fetcher.fetch(url)


def test_robots_txt_is_read_as_rfc_9309_says(http_server, fetcher):
    http_server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /news/\nAllow: /news/article/\n"
                                                b"Disallow: /*?page=\n"))
    allowed = http_server.route("/news/article/1", html_reply())
    for path in ("/news/list", "/search?page=2"):
        with pytest.raises(FetchError, match="disallowed by robots.txt"):
            fetcher.fetch(http_server.url(path))
    assert fetcher.fetch(allowed).status == 200  # the longest match, Allow, wins


def test_a_robots_txt_that_failed_is_asked_for_again_soon(http_server, sleeps):
    http_server.route("/robots.txt", Reply(503, b"busy"), Reply(404, b""))
    url = http_server.route("/page", html_reply())
    with Fetcher(fast_config(max_retries=0, robots_retry=0.0), sleep=sleeps.append) as fetcher:
        with pytest.raises(FetchError, match="robots.txt answered HTTP 503"):
            fetcher.fetch(url)
        assert fetcher.fetch(url).status == 200
    assert http_server.hits["/robots.txt"] == 2


@pytest.mark.parametrize("target, kind", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.0.0.1/admin", "private"),
    ("http://[fd00::1]/admin", "private"),
])
def test_a_redirect_into_another_kind_of_network_is_refused(http_server, fetcher, target, kind):
    url = http_server.route("/away", Reply(302, headers={"Location": target}))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert_one_line(caught.value, url, f"redirect to a {kind} address refused ({target})")


def test_a_redirect_on_the_network_the_fetch_started_on_is_followed(http_server, fetcher):
    page = http_server.route("/here", html_reply())
    url = http_server.route("/there", Reply(302, headers={"Location": page.replace("127.0.0.1", "localhost")}))
    assert fetcher.fetch(url).status == 200
