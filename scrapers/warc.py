"""Korean news pages out of WARC archives (.warc, .warc.gz), parsed like fetched pages.

`read_warc` yields an Article for each HTML response record that the NewsFilter keeps (URL of a
news outlet, Korean article text) and a WarcProblem for each record that cannot be read; with
`parse=False` it yields each wanted record as a WarcPage instead, for `page_article` to parse later
(in another process: parsing is most of the cost of reading an archive). Other
records (requests, metadata, images, redirects, foreign pages) are skipped without a word. After a
corrupt record the reader finds the next record boundary (a gzip member or a "WARC/1." line) and
goes on, so one damaged record never costs the rest of the archive.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from krnews.data import DATA_DIR
from krnews.models import Article

from .article import HTML_TYPES, parse_html
from .config import FetchConfig
from .discovery import load_sources
from .htmltext import hangul_count

FILTER_FILE = DATA_DIR / "scrapers" / "warc.json"
WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"\nWARC/1."
_SCAN_BLOCK = 1 << 20
_NOT_PER_RECORD_GZIP = "non-chunked gzip"  # warcio's words for a WARC gzipped whole
MAX_PAYLOAD_BYTES = FetchConfig.max_bytes  # the fetcher's cap holds for archived pages too


@dataclass(frozen=True)
class WarcProblem:
    """A record that could not be read: where it starts in the archive and why."""

    archive: str
    offset: int
    reason: str

    @property
    def where(self) -> str:
        return f"{self.archive} (record at byte {self.offset})"


@dataclass(frozen=True)
class WarcPage:
    """An HTML response record whose URL the filter wants, not parsed yet."""

    url: str
    html: bytes
    content_type: str | None


@dataclass(frozen=True)
class NewsFilter:
    url_patterns: tuple[str, ...]
    min_hangul_ratio: float
    min_hangul_chars: int

    def __post_init__(self):
        object.__setattr__(self, "_url", re.compile("|".join(f"(?:{p})" for p in self.url_patterns) or r"(?!)"))

    def wants_url(self, url: str | None) -> bool:
        return bool(url) and self._url.search(url) is not None

    def is_korean(self, text: str) -> bool:
        hangul = hangul_count(text)
        letters = sum(1 for ch in text if ch.isalpha())
        return hangul >= self.min_hangul_chars and hangul >= self.min_hangul_ratio * letters


@lru_cache(maxsize=1)
def default_filter() -> NewsFilter:
    """The filter of data/scrapers/warc.json (read once)."""
    config = json.loads(FILTER_FILE.read_text(encoding="utf-8"))
    patterns = list(config["url_patterns"])
    if config.get("use_source_patterns"):
        patterns += [p for source in load_sources() for p in source.article_patterns]
    return NewsFilter(tuple(patterns), float(config["min_hangul_ratio"]), int(config["min_hangul_chars"]))


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_warc(
    path: str | Path, news_filter: NewsFilter | None = None, *, parse: bool = True
) -> Iterator[Article | WarcPage | WarcProblem]:
    news_filter = news_filter or default_filter()
    magic = _GZIP_MAGIC if str(path).lower().endswith(".gz") else _WARC_MAGIC
    seen = 0  # records read: a whole-file gzip is read again from the start, past these
    with open(path, "rb") as stream:
        start = 0
        while start is not None:
            stream.seek(start)
            records = ArchiveIterator(stream)
            try:
                for record in records:
                    seen += 1
                    yield from _outcome(path, records, record, news_filter, parse)
                start = None
            except Exception as error:  # warcio and zlib raise many kinds for damaged bytes
                if _NOT_PER_RECORD_GZIP in str(error):  # one gzip stream for the whole file, not one per record
                    yield from _whole_gzip(path, seen, news_filter, parse)
                    return
                # records.offset: where the record being read starts (an absolute file offset)
                yield WarcProblem(str(path), records.offset, _reason(error))
                start = _next_record(stream, records.offset + 1, magic)


def _whole_gzip(path, skip: int, news_filter: NewsFilter, parse: bool) -> Iterator[Article | WarcPage | WarcProblem]:
    """The records of a WARC gzipped as one stream (offsets are in the uncompressed archive); a damaged
    record ends the reading, as nothing after it can be found without decompressing it."""
    with gzip.open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for number, record in enumerate(records):
                if number >= skip:
                    yield from _outcome(path, records, record, news_filter, parse)
        except Exception as error:
            yield WarcProblem(str(path), records.offset, _reason(error))


def _outcome(path, records: ArchiveIterator, record, news_filter: NewsFilter, parse: bool):
    """What one record gives: nothing, a page (or its Article), or a problem (too large, truncated)."""
    try:
        page = _page(record, news_filter)
    except _TooLarge as error:
        yield WarcProblem(str(path), records.offset, str(error))
        return
    records.read_to_end(record)
    missing = record.raw_stream.limit  # what its Content-Length promised and the file did not hold
    if missing:
        yield WarcProblem(str(path), records.offset, f"truncated record ({missing} bytes missing)")
        return
    if page is not None:
        article = page_article(page, news_filter) if parse else page
        if article is not None:
            yield article


def page_article(page: WarcPage, news_filter: NewsFilter | None = None) -> Article | None:
    """The page's Article, or None when its text is not Korean enough for the filter."""
    article = parse_html(page.html, url=page.url, content_type=page.content_type)
    return article if (news_filter or default_filter()).is_korean(article.text) else None


def _page(record, news_filter: NewsFilter) -> WarcPage | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type")
    mime = (content_type or "").split(";")[0].strip().lower()
    url = record.rec_headers.get_header("WARC-Target-URI")
    if mime not in HTML_TYPES or not news_filter.wants_url(url):
        return None
    html = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
    if len(html) > MAX_PAYLOAD_BYTES:
        raise _TooLarge(f"payload larger than {MAX_PAYLOAD_BYTES:,} bytes (the input size cap)")
    return WarcPage(url, html, content_type)


class _TooLarge(Exception):
    pass


def _reason(error: Exception) -> str:
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message[:120]}" if message else type(error).__name__


def _next_record(stream: BinaryIO, position: int, magic: bytes) -> int | None:
    """Offset of the next possible record start at or after `position`, or None at the end."""
    while True:
        stream.seek(position)
        block = stream.read(_SCAN_BLOCK)
        if not block:
            return None
        found = block.find(magic)
        while found >= 0 and magic is _GZIP_MAGIC and len(block) > found + 3 and block[found + 3] & 0xE0:
            found = block.find(magic, found + 1)  # reserved gzip flag bits set: not a member header
        if found >= 0:
            return position + found + (1 if magic is _WARC_MAGIC else 0)
        if len(block) < _SCAN_BLOCK:
            return None
        position += len(block) - len(magic)
