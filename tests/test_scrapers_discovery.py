"""URL canonicalisation and discovery from feeds, sitemaps and section pages on a local server."""
from __future__ import annotations

import argparse
import gzip
import json

import pytest
from httpserver import Reply, http_server  # noqa: F401  (pytest fixture)

from krnews.commands import discover as discover_command
from krnews.scrapers import FetchConfig, Fetcher, Source, canonicalize_url, discover, load_sources


@pytest.mark.parametrize("url", [
    "https://n.news.naver.com/mnews/article/607/0000001728?sid=102",
    "https://n.news.naver.com/article/607/0000001728",
    "https://m.news.naver.com/article/607/0000001728?utm_source=kakao",
    "https://news.naver.com/main/read.naver?mode=LSD&mid=sec&sid1=102&oid=607&aid=0000001728",
    "http://news.naver.com/main/read.nhn?aid=0000001728&oid=607",
])
def test_naver_forms_are_one_url(url):
    assert canonicalize_url(url) == "https://n.news.naver.com/article/607/0000001728"


def test_daum_mobile_and_desktop_are_one_url():
    assert canonicalize_url("https://m.v.daum.net/v/20240513125214547?f=o") == "https://v.daum.net/v/20240513125214547"
    assert canonicalize_url("https://v.daum.net/v/20240513125214547") == "https://v.daum.net/v/20240513125214547"


def test_tracking_parameters_fragment_case_and_port():
    url = "HTTPS://WWW.Example.co.kr:443/news/view.php?utm_source=fb&idx=12&fbclid=abc&gclid=z#comments"
    assert canonicalize_url(url) == "https://www.example.co.kr/news/view.php?idx=12"
    assert canonicalize_url("http://example.kr:8080/a?b=2&a=1") == "http://example.kr:8080/a?a=1&b=2"


def test_different_articles_stay_different():
    assert canonicalize_url("https://example.kr/view?no=1") != canonicalize_url("https://example.kr/view?no=2")
    assert canonicalize_url("https://n.news.naver.com/article/607/0000001728") != \
        canonicalize_url("https://n.news.naver.com/article/608/0000001728")
    # A Naver read URL without aid is not an article and is left alone (minus tracking).
    assert canonicalize_url("https://news.naver.com/main/read.naver?oid=607") == \
        "https://news.naver.com/main/read.naver?oid=607"


def test_bundled_sources_load_and_unknown_names_are_refused():
    sources = load_sources()
    assert {"yna", "mk", "hankookilbo"} <= {s.name for s in sources}
    assert all(s.article_patterns and (s.feeds or s.sitemaps or s.sections) for s in sources)
    assert [s.name for s in load_sources(names=["mk"])] == ["mk"]
    with pytest.raises(ValueError, match="unknown source"):
        load_sources(names=["no-such-outlet"])


RSS = """<?xml version="1.0" encoding="euc-kr"?>
<rss version="2.0"><channel><title>가상일보 전체기사</title>
<item><title>첫 기사</title><link>{base}/news/1001?utm_source=rss</link></item>
<item><title>둘째 기사</title><link>{base}/news/1002</link></item>
<item><title>같은 첫 기사</title><link>{base}/news/1001#top</link></item>
<item><title>기사 아닌 링크</title><link>{base}/event/spring</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>아톰 기사</title><link rel="alternate" href="{base}/news/1003"/></entry></feed>"""
INDEX = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>"""
SITEMAP = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/news/1004</loc></url><url><loc>{base}/news/1002</loc></url></urlset>"""
SECTION = """<html><body><ul><li><a href="/news/1005">다섯째</a></li><li><a href="news/1006?fbclid=x">여섯째</a></li>
<li><a href="/about">회사 소개</a></li><li><a href="mailto:desk@example.kr">제보</a></li></ul></body></html>"""


def serve_outlet(server) -> Source:
    base = server.base
    server.route("/rss.xml", Reply(200, RSS.format(base=base).encode("cp949"), {"Content-Type": "application/rss+xml"}))
    server.route("/atom.xml", Reply(200, ATOM.format(base=base).encode(), {"Content-Type": "application/atom+xml"}))
    server.route("/sitemap.xml", Reply(200, INDEX.format(base=base).encode(), {"Content-Type": "application/xml"}))
    server.route("/sitemap-news.xml", Reply(200, SITEMAP.format(base=base).encode(), {"Content-Type": "application/xml"}))
    server.route("/section/", Reply(200, SECTION.encode(), {"Content-Type": "text/html; charset=utf-8"}))
    return Source(name="gasang", feeds=(server.url("/rss.xml"), server.url("/atom.xml")),
                  sitemaps=(server.url("/sitemap.xml"),), sections=(server.url("/section/"),),
                  article_patterns=(r"/news/\d+$",))


def quiet_fetcher() -> Fetcher:
    return Fetcher(FetchConfig(per_host_delay=0.0, max_retries=0, connect_timeout=1, read_timeout=1))


def test_discover_feeds_sitemaps_sections_dedup_and_filter(http_server):
    source = serve_outlet(http_server)
    with quiet_fetcher() as fetcher:
        found = list(discover([source], fetcher))
    assert found == [http_server.url(f"/news/{n}") for n in (1001, 1002, 1003, 1004, 1005)] + \
        [http_server.url("/section/news/1006")]


def test_discover_skips_seen_and_updates_it(http_server):
    source = serve_outlet(http_server)
    seen = {http_server.url("/news/1001"), http_server.url("/news/1004")}
    with quiet_fetcher() as fetcher:
        found = list(discover([source], fetcher, seen=seen))
        assert http_server.url("/news/1001") not in found and http_server.url("/news/1002") in found
        assert set(found) <= seen
        assert list(discover([source], fetcher, seen=seen)) == []


def test_discover_reports_a_failing_feed_and_goes_on(http_server):
    source = serve_outlet(http_server)
    source = Source(name="gasang", feeds=(http_server.url("/gone.xml"),) + source.feeds,
                    article_patterns=source.article_patterns)
    errors = []
    with quiet_fetcher() as fetcher:
        found = list(discover([source], fetcher, on_error=errors.append))
    assert len(errors) == 1 and "gone.xml" in str(errors[0]) and "HTTP 404" in str(errors[0])
    assert http_server.url("/news/1003") in found


def test_discover_command_prints_urls_and_exit_codes(http_server, tmp_path, capsys):
    source = serve_outlet(http_server)
    sources_file = tmp_path / "sources.json"
    sources_file.write_text(json.dumps({"sources": [
        {"name": "gasang", "feeds": list(source.feeds), "article_patterns": list(source.article_patterns)},
        {"name": "broken", "feeds": [http_server.url("/gone.xml")], "article_patterns": [".*"]},
    ]}), encoding="utf-8")
    seen_file = tmp_path / "seen.txt"
    seen_file.write_text(http_server.url("/news/1002") + "\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    discover_command.register(parser.add_subparsers())

    def run(*argv: str) -> int:
        return discover_command.run(parser.parse_args(["discover", *argv]))

    assert run("gasang", "--sources", str(sources_file), "--seen", str(seen_file), "--delay", "0") == 0
    out, err = capsys.readouterr()
    assert out.split() == [http_server.url("/news/1001"), http_server.url("/news/1003")] and err == ""
    assert run("--sources", str(sources_file), "--delay", "0") == 1
    out, err = capsys.readouterr()
    assert len(out.split()) == 3 and err.count("\n") == 1 and "gone.xml: HTTP 404" in err
    assert run("nope", "--sources", str(sources_file)) == 2
    assert "unknown source" in capsys.readouterr().err


GZ_INDEX = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml.gz</loc></sitemap></sitemapindex>"""


@pytest.mark.parametrize("headers, mangle, found, errors", [
    ({"Content-Type": "application/x-gzip"}, None, [1004, 1002], 0),
    ({"Content-Type": "application/octet-stream"}, None, [1004, 1002], 0),
    ({"Content-Type": "application/xml", "Content-Encoding": "gzip"}, None, [1004, 1002], 0),
    ({"Content-Type": "application/x-gzip"}, lambda packed: packed[:40], [], 1),  # cut short
    ({"Content-Type": "application/x-gzip"}, lambda packed: packed[:10] + b"not deflate", [], 1),
])
def test_gzipped_sitemaps_are_read_and_broken_ones_reported(http_server, headers, mangle, found, errors):
    packed = gzip.compress(SITEMAP.format(base=http_server.base).encode())
    http_server.route("/sitemap.xml", Reply(200, GZ_INDEX.format(base=http_server.base).encode(),
                                            {"Content-Type": "application/xml"}))
    http_server.route("/sitemap-news.xml.gz", Reply(200, mangle(packed) if mangle else packed, headers))
    source = Source(name="gasang", sitemaps=(http_server.url("/sitemap.xml"),), article_patterns=(r"/news/\d+$",))
    reported = []
    with quiet_fetcher() as fetcher:
        urls = list(discover([source], fetcher, on_error=reported.append))
    assert urls == [http_server.url(f"/news/{n}") for n in found]
    assert len(reported) == errors and all("sitemap-news.xml.gz" in str(error) for error in reported)
