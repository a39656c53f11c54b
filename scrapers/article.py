"""HTML page -> `krnews.models.Article`: metadata first, then the body."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from krnews.models import Article

from .dates import parse_datetime
from .decoding import decode_html
from .errors import FetchError
from .extract import MIN_BODY_HANGUL, adapter_body, generic_body, script_body, select_text
from .htmltext import hangul_count
from .http import Fetcher
from .metadata import PageMeta, read_metadata
from .nesting import flatten_deep_nesting
from .pagedates import reader_dates
from .sites import SiteAdapter, adapter_for
from .urls import canonicalize_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
_TITLE_SEPARATORS = r"\s*(?:\||ㅣ|｜|::|:|-|–|—|<|«)\s*"
_SPACED_SEPARATORS = r"\s+(?:\||ㅣ|｜|::|:|-|–|—|<|«)\s+"
_HEADINGS = "h1, h2, h3, [class*=title], [class*=headline], [class*=subject], [id*=title]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")  # what an e-mail in brackets leaves behind


def parse_html(html: bytes | str, url: str | None = None, content_type: str | None = None) -> Article:
    text = decode_html(html, content_type).text
    tree = LexborHTMLParser(flatten_deep_nesting(text))
    meta = read_metadata(tree)
    page_url = url or meta.canonical
    adapter = adapter_for(page_url) or adapter_for(meta.canonical)
    title = _title(tree, meta, adapter)
    published = meta.published or _adapter_date(tree, adapter, "date")
    updated = meta.updated or _adapter_date(tree, adapter, "updated")
    if published is None:  # metadata silent: read the page as a reader does
        found = reader_dates(tree, url or meta.canonical)
        published, updated = found.published, updated or found.updated
    byline = _byline(tree, meta, adapter)
    outlet = _outlet(tree, meta, adapter)
    body = _body(tree, meta, adapter)
    canonical = canonicalize_url(urljoin(url or "", meta.canonical)) if meta.canonical else (
        canonicalize_url(url) if url else None)
    return Article(
        doc_id=Article.make_id(url=canonical or url, text=body),
        url=url,
        canonical_url=canonical,
        title=title,
        text=body,
        published=published.date() if published else None,
        published_at=published,
        updated=updated,
        outlet=outlet,
        byline=byline,
        language=meta.language or ("ko" if hangul_count(body) else "und"),
    )


def fetch_article(url: str, fetcher: Fetcher | None = None) -> Article:
    """Fetch and parse one article page; FetchError for anything that is not an HTML page."""
    owned = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        result = fetcher.fetch(url)
    finally:
        if owned:
            fetcher.close()
    content_type = (result.content_type or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        raise FetchError(url, f"not an HTML page (Content-Type {content_type})")
    article = parse_html(result.content, url=result.final_url, content_type=result.content_type)
    if not article.text:
        raise FetchError(url, "no article text found on the page")
    return article


def _title(tree: LexborHTMLParser, meta: PageMeta, adapter: SiteAdapter | None) -> str | None:
    title = _found_title(tree, meta, adapter)
    # Some CMSs escape the title twice: the meta tag then holds "&quot;" / "&#34;" as text.
    return unescape(title) if title and "&" in title else title


def _found_title(tree: LexborHTMLParser, meta: PageMeta, adapter: SiteAdapter | None) -> str | None:
    if meta.headline:
        return meta.headline
    if adapter and (title := select_text(tree, adapter.title)):
        return title
    if meta.title:
        return strip_site_name(meta.title, meta.site_name) if meta.site_name else _shown_part(meta.title, tree)
    return select_text(tree, ("h1",))


def strip_site_name(title: str, site_name: str | None) -> str:
    """'기사 제목 - 매일경제' -> '기사 제목'; '대전일보 모바일 :: 제목' -> '제목'."""
    title = " ".join(title.split())
    if not site_name:
        return title
    name = re.escape(site_name.strip())
    title = re.sub(rf"^{name}[^:|]{{0,10}}{_TITLE_SEPARATORS}", "", title)
    return re.sub(rf"(?:{_TITLE_SEPARATORS}[^\s|ㅣ-]{{1,8}})?{_TITLE_SEPARATORS}{name}$", "", title).strip()


def _shown_part(title: str, tree: LexborHTMLParser) -> str:
    """'가상일보 - 기사 제목' with no site name to strip: the part of the title the page shows as a heading."""
    title = " ".join(title.split())
    parts = [part for part in re.split(_SPACED_SEPARATORS, title) if part]
    if len(parts) < 2:
        return title
    headings = {" ".join(node.text().split()) for node in tree.css(_HEADINGS)}
    shown = [part for part in parts if part in headings] or [part for part in parts if part in _element_texts(tree, parts)]
    return max(shown, key=len) if shown else title


def _element_texts(tree: LexborHTMLParser, parts: list[str]) -> set[str]:
    """The whole texts of the page's elements as long as a part of the title: a headline set in no heading
    tag (<dl class="newsTitle"><dt>제목</dt>) is still shown as one element."""
    longest = max(map(len, parts))
    texts = set()
    for node in tree.body.traverse() if tree.body else ():
        if node.tag in ("-text", "script", "style"):
            continue
        text = node.text(deep=True)
        if len(text) <= 2 * longest:
            texts.add(" ".join(text.split()))
    return texts


def _adapter_date(tree: LexborHTMLParser, adapter: SiteAdapter | None, field: str):
    if adapter is None:
        return None
    return parse_datetime(select_text(tree, getattr(adapter, field)))


def _byline(tree: LexborHTMLParser, meta: PageMeta, adapter: SiteAdapter | None) -> str | None:
    names = [name for name in meta.authors if not name.startswith("http")]
    if not names and adapter:
        found = select_text(tree, adapter.byline)
        names = [found] if found else []
    if not names and meta.meta_author and not meta.meta_author.startswith("http") \
            and meta.meta_author != meta.site_name:
        names = [meta.meta_author]
    cleaned = [" ".join(_EMPTY_BRACKETS.sub("", _EMAIL.sub("", name)).split()) for name in names]
    cleaned = [name for name in dict.fromkeys(cleaned) if name]
    return ", ".join(cleaned) or None


def _outlet(tree: LexborHTMLParser, meta: PageMeta, adapter: SiteAdapter | None) -> str | None:
    if adapter:
        if adapter.outlet and (found := select_text(tree, adapter.outlet)):
            return re.split(r"\s*\|\s*", found)[0]
        if adapter.outlet_name:
            return adapter.outlet_name
    return meta.site_name


def _body(tree: LexborHTMLParser, meta: PageMeta, adapter: SiteAdapter | None) -> str:
    candidates = []
    if adapter:
        candidates.append(lambda: adapter_body(tree, adapter.body, adapter.remove, adapter.keep))
    candidates += [lambda: script_body(tree), lambda: generic_body(tree)]
    best: list[str] = []
    for candidate in candidates:
        lines = candidate()
        if hangul_count("".join(lines)) >= MIN_BODY_HANGUL:
            return "\n\n".join(lines)
        if len("".join(lines)) > len("".join(best)):
            best = lines
    if meta.article_body and len(meta.article_body) > len("".join(best)):
        return "\n\n".join(line.strip() for line in meta.article_body.splitlines() if line.strip())
    return "\n\n".join(best)
