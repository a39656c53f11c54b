"""New article URLs from RSS/Atom feeds, news sitemaps and section pages."""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urljoin

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from .decoding import decode_html
from .errors import FetchError
from .http import Fetcher
from .urls import SOURCES_FILE, canonicalize_url

MAX_SITEMAP_DEPTH = 2  # index -> sitemap -> URLs; deeper nesting is not followed
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit for one file, uncompressed
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Source:
    name: str
    outlet: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()

    def is_article(self, url: str) -> bool:
        return not self.article_patterns or any(re.search(p, url) for p in self.article_patterns)


def load_sources(path: str | Path | None = None, names: Iterable[str] | None = None) -> list[Source]:
    """Sources from data/sources.json (or `path`); `names` picks some. Unknown names: ValueError."""
    path = Path(path) if path else SOURCES_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        sources = [Source(name=s["name"], outlet=s.get("outlet"),
                          **{k: tuple(s.get(k, ())) for k in ("feeds", "sitemaps", "sections", "article_patterns")})
                   for s in raw["sources"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a sources file ({type(exc).__name__}: {exc})") from exc
    if names:
        by_name = {source.name: source for source in sources}
        unknown = [name for name in names if name not in by_name]
        if unknown:
            raise ValueError(f"unknown source(s): {', '.join(unknown)} (known: {', '.join(by_name)})")
        return [by_name[name] for name in names]
    return sources


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def feed_links(data: bytes) -> list[str]:
    """Item links of RSS 2.0, RSS 1.0 and Atom feeds."""
    root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    if root is None:
        return []
    links = []
    for item in root.iter():
        if _local(item.tag) not in ("item", "entry"):
            continue
        for child in item:
            name = _local(child.tag)
            if name == "link":
                href = child.get("href") or (child.text or "").strip()
                if href and child.get("rel", "alternate") == "alternate":
                    links.append(href)
                    break
        else:
            guid = next((c for c in item if _local(c.tag) == "guid" and c.get("isPermaLink") != "false"), None)
            if guid is not None and (guid.text or "").strip().startswith("http"):
                links.append(guid.text.strip())
    return links


def unpack_sitemap(data: bytes) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz served as a file, not as Content-Encoding) unpacked;
    ValueError when it is cut short, corrupt or over the protocol's 50 MB."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        xml = inflater.decompress(data, MAX_SITEMAP_BYTES)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip ({exc})") from exc
    if inflater.unconsumed_tail:
        raise ValueError(f"more than {MAX_SITEMAP_BYTES} bytes unpacked")
    if not inflater.eof:
        raise ValueError("gzip cut short")
    return xml


def sitemap_locs(data: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index, gzipped or not (ValueError
    for a gzip that cannot be unpacked)."""
    root = etree.fromstring(unpack_sitemap(data),
                            etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    pages, nested = [], []
    if root is None:
        return pages, nested
    for node in root.iter():
        if _local(node.tag) == "loc" and (node.text or "").strip():
            parent = _local(node.getparent().tag) if node.getparent() is not None else ""
            (nested if parent == "sitemap" else pages).append(node.text.strip())
    return pages, nested


def page_links(data: bytes, base_url: str, content_type: str | None = None) -> list[str]:
    tree = LexborHTMLParser(decode_html(data, content_type).text)
    return [urljoin(base_url, a.attributes["href"]) for a in tree.css("a[href]") if a.attributes.get("href")]


def discover(sources: Iterable[Source], fetcher: Fetcher, seen: set[str] | None = None,
             on_error: Callable[[FetchError], None] | None = None) -> Iterator[str]:
    """Canonical article URLs not in `seen` (which is updated), each once, source by source.

    A feed or page that fails is passed to `on_error` (default: raise) and the rest go on."""
    seen = set() if seen is None else seen

    def report(error: FetchError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    for source in sources:
        for url in _candidates(source, fetcher, report):
            canonical = canonicalize_url(url)
            if canonical.startswith(("http://", "https://")) and canonical not in seen \
                    and source.is_article(canonical):
                seen.add(canonical)
                yield canonical


def _candidates(source: Source, fetcher: Fetcher, report: Callable[[FetchError], None]) -> Iterator[str]:
    for feed in source.feeds:
        if (result := _fetch(fetcher, feed, report)) is not None:
            yield from (urljoin(feed, link) for link in feed_links(result.content))
    queue = [(sitemap, 0) for sitemap in source.sitemaps]
    while queue:
        sitemap, depth = queue.pop(0)
        if (result := _fetch(fetcher, sitemap, report)) is None:
            continue
        try:
            pages, nested = sitemap_locs(result.content)
        except ValueError as exc:
            report(FetchError(sitemap, f"unreadable sitemap: {exc}"))
            continue
        yield from pages
        if depth < MAX_SITEMAP_DEPTH:
            queue.extend((url, depth + 1) for url in nested)
    for section in source.sections:
        if (result := _fetch(fetcher, section, report)) is not None:
            yield from page_links(result.content, result.final_url, result.content_type)


def _fetch(fetcher: Fetcher, url: str, report: Callable[[FetchError], None]):
    try:
        return fetcher.fetch(url)
    except FetchError as error:
        report(error)
        return None
