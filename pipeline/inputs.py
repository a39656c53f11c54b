"""What `krnews extract` reads: URLs, files (.html/.htm, .txt, .jsonl, .warc/.warc.gz), directories, and `-` (stdin).

`read_inputs` yields, in input order, an Article, an UnparsedPage (an HTML page or WARC record, parsed
where it is processed) or an InputError naming the input and the reason; one bad input never stops
the others.
"""
from __future__ import annotations

import json
import os
import sys
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

from krnews.models import Article, without_credentials
from krnews.scrapers import Fetcher, fetch_article
from krnews.scrapers.warc import WARC_SUFFIXES, WarcPage, is_warc, page_article, read_warc

from .articles import UnparsedPage, article_from_html, article_from_html_file, article_from_text, looks_like_html
from .dates import parse_date
from .files import MAX_INPUT_BYTES, not_regular, read_capped
from .hosts import per_host

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
CORPUS_SUFFIXES = (".jsonl",)
KNOWN_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + CORPUS_SUFFIXES + WARC_SUFFIXES
URL_WINDOW = 256  # consecutive URLs fetched together: results wait for earlier ones, so memory stays bounded


@dataclass(frozen=True)
class InputError:
    """An input that could not be read or processed: `input` names it, `reason` says why (one line)."""

    input: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "input", without_credentials(self.input))
        object.__setattr__(self, "reason", without_credentials(self.reason))

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def read_inputs(inputs: Iterable[str], stdin=None, fetch_article=None) -> Iterator[Article | InputError]:
    """Articles (or input errors) in input order. URLs are fetched through one shared fetcher, so the
    per-host delay and robots.txt cache hold across the whole batch."""
    fetch = fetch_article or _SharedFetcher()
    try:
        yield from _read(inputs, stdin, fetch)
    finally:
        if isinstance(fetch, _SharedFetcher):
            fetch.close()


def _read(inputs: Iterable[str], stdin, fetch) -> Iterator[Article | InputError]:
    urls: list[str] = []  # consecutive URLs, fetched together
    for name in inputs:
        if is_url(name):
            urls.append(name)
            if len(urls) == URL_WINDOW:
                yield from _fetched_in_order(urls, fetch)
                urls = []
            continue
        if urls:
            yield from _fetched_in_order(urls, fetch)
            urls = []
        if name == "-":
            lines = (line.strip() for line in (stdin or sys.stdin))
            yield from _read([line for line in lines if line and not line.startswith("#")], None, fetch)
        elif "://" in name:
            yield InputError(name, "unsupported URL scheme (only http and https)")
        elif os.path.isdir(name):
            yield from _from_directory(Path(name))
        elif os.path.exists(name):
            yield from _from_file(Path(name))
        else:
            yield InputError(name, "no such file, directory or URL")
    if urls:
        yield from _fetched_in_order(urls, fetch)


def _fetched_in_order(urls: list[str], fetch) -> Iterator[Article | InputError]:
    """Each URL's article (or error) in input order, the hosts fetched side by side."""
    waiting: dict[int, Article | InputError] = {}  # finished before an earlier URL
    following = 0
    for index, outcome in per_host(urls, lambda url: url, lambda url: _from_url(url, fetch), URL_WINDOW):
        waiting[index] = outcome
        while following in waiting:
            yield waiting.pop(following)
            following += 1


class _SharedFetcher:
    """fetch_article with one Fetcher made on the first URL (no network set-up for local files),
    shared by the fetching threads."""

    def __init__(self) -> None:
        self._fetcher = None
        self._lock = threading.Lock()

    def __call__(self, url: str) -> Article:
        with self._lock:
            if self._fetcher is None:
                self._fetcher = Fetcher()
        return fetch_article(url, self._fetcher)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def _from_url(url: str, fetch_article) -> Article | InputError:
    try:
        return fetch_article(url).model_copy(update={"source": without_credentials(url)})  # as given, before redirects
    except Exception as error:  # a failed page is reported, the batch goes on
        return InputError(url, getattr(error, "reason", None) or str(error) or type(error).__name__)


def _from_directory(root: Path) -> Iterator[Article | InputError]:
    unreadable: list[OSError] = []  # os.walk reports a directory it cannot list here, and goes on
    for directory, subdirs, files in os.walk(root, onerror=unreadable.append):
        yield from (InputError(error.filename, f"cannot read the directory ({error.strerror})") for error in unreadable)
        unreadable.clear()
        subdirs.sort()
        for name in sorted(files):
            if name.lower().endswith(KNOWN_SUFFIXES) and not name.startswith("."):
                yield from _from_file(Path(directory) / name)
    yield from (InputError(error.filename, f"cannot read the directory ({error.strerror})") for error in unreadable)


def _from_file(path: Path) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    try:
        problem = not_regular(path)
        if problem:
            yield InputError(str(path), problem)
        elif is_warc(path):
            for item in read_warc(path, parse=False):  # a damaged record is reported with its offset
                if isinstance(item, WarcPage):
                    yield UnparsedPage(item.url, partial(page_article, item))
                else:
                    yield InputError(item.where, item.reason)
        elif suffix in CORPUS_SUFFIXES:
            yield from _from_corpus(path)
        elif suffix in HTML_SUFFIXES:
            yield UnparsedPage(str(path), partial(article_from_html_file, str(path)))  # read where parsed
        elif suffix in TEXT_SUFFIXES:
            yield article_from_text(_read_text(read_capped(path)), source=str(path))
        else:
            yield InputError(str(path), f"unsupported file type {suffix or '(none)'} (expected {', '.join(KNOWN_SUFFIXES)})")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        yield InputError(str(path), str(error))


def _read_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp949")  # Korean text files from Windows tools


def _from_corpus(path: Path) -> Iterator[Article | InputError]:
    """One document per line: {"id", "text" or "html", "url"?, "published"?, "title"?}."""
    with open(path, "rb") as stream:  # decoded line by line: a bad byte costs its line only
        for number, raw in enumerate(_capped_lines(stream), 1):
            where = f"{path}:{number}"
            if raw is None:
                yield InputError(where, f"line larger than {MAX_INPUT_BYTES:,} bytes (the input size cap)")
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield InputError(where, f"not UTF-8 (byte {error.start + 1} of the line)")
                continue
            if not line.strip():
                continue
            try:
                yield _corpus_document(json.loads(line), where)
            except json.JSONDecodeError as error:
                yield InputError(where, f"invalid JSON ({error.msg})")
            except (ValueError, TypeError, KeyError) as error:
                yield InputError(where, str(error))


def _capped_lines(stream) -> Iterator[bytes | None]:
    """The lines of a binary stream, None for a line longer than the input size cap (skipped unread)."""
    while line := stream.readline(MAX_INPUT_BYTES + 1):
        if len(line) <= MAX_INPUT_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def _corpus_document(record: dict, source: str = "corpus document") -> Article | UnparsedPage:
    if not isinstance(record, dict):
        raise ValueError("a corpus line must be a JSON object")
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id is not None else None
    url, published, title = record.get("url"), record.get("published"), record.get("title")
    if isinstance(record.get("html"), str) or (isinstance(record.get("text"), str) and looks_like_html(record["text"])):
        return UnparsedPage(source, partial(
            article_from_html, record.get("html") or record["text"], url=url, doc_id=doc_id, title=title, source=source,
            published=parse_date(published)))
    if not isinstance(record.get("text"), str):
        raise ValueError('a document needs a "text" or an "html" string')
    if not record["text"].strip():
        raise ValueError("empty text")
    return article_from_text(record["text"], url=url, published=published, doc_id=doc_id, title=title, source=source)
