"""WARC input: Korean news pages kept, other records skipped, a corrupt record reported and passed over."""
from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from krnews.cli import main
from krnews.inputs import read_inputs
from krnews.models import Document
from krnews.runner import run_articles
from krnews.scrapers.warc import NewsFilter, WarcPage, WarcProblem, page_article, read_warc

NEWS_URL = "https://www.krnews-test.kr/article/1001"
SECOND_URL = "https://www.krnews-test.kr/article/1002"

KOREAN_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>세종시 스마트도시 사업</title>
<meta property="og:title" content="세종시, 스마트도시 실증사업에 120억 투입">
<meta property="article:published_time" content="2024-03-05T09:00:00+09:00"></head>
<body><nav>홈 | 정치 | 경제</nav><article>
<p>세종시는 올해 스마트도시 실증사업에 120억원을 투입한다고 5일 밝혔다.</p>
<p>시는 자율주행 버스와 스마트 횡단보도를 도심 곳곳에 설치하고 시민 의견을 모아 내년까지 사업을 넓힐 계획이다.</p>
<p>시 관계자는 주민이 직접 체감할 수 있는 서비스를 먼저 만들겠다고 말했다.</p>
</article></body></html>"""

SECOND_PAGE = """<!doctype html><html lang="ko"><head><title>강릉시 해양관광</title>
<meta property="og:title" content="강릉시, 해양관광 거점 조성에 85억 들인다"></head>
<body><article><p>강릉시는 해양관광 거점을 만들기 위해 2025년까지 85억원을 들인다고 밝혔다.</p>
<p>시는 해변 산책로와 방문객 센터를 새로 짓고 지역 상인과 함께 축제를 연다. 관광객이 해마다 늘고 있어 주차장도 넓힌다.</p>
</article></body></html>"""

ENGLISH_PAGE = """<html><head><title>City budget</title></head><body><article>
<p>The city council approved a budget of 12 million dollars for new parks and bicycle lanes this year.</p>
<p>Officials said construction would start in the spring and finish before the end of next year.</p>
</article></body></html>"""


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def build_archive(path, gzip: bool) -> int:
    """Writes the test archive; returns the byte offset of the corrupt record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(_response(writer, NEWS_URL, KOREAN_PAGE.encode("cp949", "replace").replace(
        b'<meta charset="utf-8">', b""), "text/html; charset=euc-kr"))
    writer.write_record(_response(writer, "https://www.krnews-test.kr/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"))
    writer.write_record(_response(writer, "https://www.krnews-test.kr/en/budget", ENGLISH_PAGE.encode(), "text/html"))
    writer.write_record(_response(writer, "https://blog.example.com/post/7", SECOND_PAGE.encode(), "text/html"))
    writer.write_record(_response(writer, "https://www.krnews-test.kr/old", b"", "text/html", status="301 Moved Permanently"))
    corrupt_at = buffer.tell()
    writer.write_record(_response(writer, "https://www.krnews-test.kr/article/999", KOREAN_PAGE.encode(), "text/html"))
    writer.write_record(_response(writer, SECOND_URL, SECOND_PAGE.encode(), "text/html; charset=utf-8"))
    data = bytearray(buffer.getvalue())
    if gzip:  # damage the compressed body, keep the gzip header so the next member is found
        data[corrupt_at + 40 : corrupt_at + 90] = b"\x00" * 50
    else:  # damage the record's first line
        data[corrupt_at : corrupt_at + 8] = b"GARBAGE!"
    path.write_bytes(bytes(data))
    return corrupt_at


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def archive(request, tmp_path):
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    return path, build_archive(path, gzip=request.param)


def test_korean_news_pages_are_kept_and_a_corrupt_record_is_reported(archive):
    path, corrupt_at = archive
    items = list(read_warc(path))
    articles = [item for item in items if not isinstance(item, WarcProblem)]
    problems = [item for item in items if isinstance(item, WarcProblem)]
    assert [a.url for a in articles] == [NEWS_URL, SECOND_URL]
    assert len(problems) == 1
    assert problems[0].offset == corrupt_at and problems[0].archive == str(path) and problems[0].reason
    # the first page is EUC-KR with its charset only in the HTTP header
    assert "세종시는 올해 스마트도시 실증사업에 120억원을" in articles[0].text
    assert articles[0].title == "세종시, 스마트도시 실증사업에 120억 투입"
    assert "강릉시는 해양관광 거점을" in articles[1].text


def test_filter_is_configurable(archive):
    path, _ = archive
    everything = NewsFilter(url_patterns=(r"^https?://",), min_hangul_ratio=0.0, min_hangul_chars=0)
    urls = [item.url for item in read_warc(path, everything) if not isinstance(item, WarcProblem)]
    assert urls == [NEWS_URL, "https://www.krnews-test.kr/en/budget", "https://blog.example.com/post/7", SECOND_URL]


def test_cli_reads_an_archive_reports_the_corrupt_record_and_goes_on(archive, capsys):
    path, corrupt_at = archive
    assert main(["extract", str(path), "--format", "jsonl", "--workers", "1"]) == 1
    out, err = capsys.readouterr()
    assert "세종특별자치시" in out and "12000000000" in out
    assert "8500000000" in out  # the page after the corrupt record
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and f"byte {corrupt_at}" in lines[0]


def test_an_archive_that_is_not_a_warc_is_one_error(tmp_path, capsys):
    path = tmp_path / "notes.warc"
    path.write_text("이것은 WARC 파일이 아니다\n", encoding="utf-8")
    assert main(["extract", str(path), "--workers", "1"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]


def test_with_two_workers_the_pages_are_parsed_in_the_workers_with_the_same_result(archive, capsys):
    path, corrupt_at = archive
    outputs = []
    for workers in ("1", "2"):
        assert main(["extract", str(path), "--format", "jsonl", "--workers", workers]) == 1
        out, err = capsys.readouterr()
        outputs.append(out)
        assert len(err.strip().splitlines()) == 1 and f"byte {corrupt_at}" in err
    assert outputs[0] == outputs[1] and "12000000000" in outputs[0]


def test_a_page_the_filter_drops_after_parsing_leaves_no_outcome(archive):
    path, _ = archive
    for workers in (1, 2):
        outcomes = list(run_articles(read_inputs([str(path)]), workers=workers, chunk_size=1))
        assert [type(o).__name__ for o in outcomes] == ["Document", "InputError", "Document"]
        assert [o.article.url for o in outcomes if isinstance(o, Document)] == [NEWS_URL, SECOND_URL]


def test_unparsed_records_are_pages_for_the_worker(archive):
    path, _ = archive
    pages = [item for item in read_warc(path, parse=False) if isinstance(item, WarcPage)]
    assert [page.url for page in pages] == [NEWS_URL, "https://www.krnews-test.kr/en/budget", SECOND_URL]
    articles = [page_article(page) for page in pages]
    assert [a.url if a else None for a in articles] == [NEWS_URL, None, SECOND_URL]  # English: not kept
