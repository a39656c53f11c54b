"""Page metadata from JSON-LD, OpenGraph and article:* / name meta tags."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .dates import parse_datetime

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                 "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "webpage"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class PageMeta:
    title: str | None = None
    headline: str | None = None  # JSON-LD headline: the editors' own title, no site suffix
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    meta_author: str | None = None  # <meta name=author> and kin: often a person, sometimes the site
    site_name: str | None = None
    canonical: str | None = None
    language: str | None = None
    article_body: str | None = None


def meta_values(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """meta property/name/itemprop (lower-cased) -> contents in document order."""
    values: dict[str, list[str]] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = (attrs.get("content") or "").strip()
        if key and content:
            values.setdefault(key.strip().lower(), []).append(content)
    return values


def json_ld_articles(tree: LexborHTMLParser) -> list[dict]:
    found: list[dict] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(_CONTROL.sub(" ", node.text() or ""), strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the other sources still count
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
                    found.append(item)
    # A NewsArticle beats a WebPage wrapper.
    found.sort(key=lambda obj: str(obj.get("@type")).lower() == "webpage")
    return found


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _first(values: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if values.get(key):
            return values[key][0]
    return None


def _language(tree: LexborHTMLParser, values: dict[str, list[str]], ld: dict) -> str | None:
    html = tree.css_first("html")
    raw = (html.attributes.get("lang") if html else None) or ld.get("inLanguage") \
        or _first(values, "content-language", "og:locale")
    if not isinstance(raw, str) or not raw.strip():
        return None
    return re.split(r"[-_]", raw.strip())[0].lower()


def read_metadata(tree: LexborHTMLParser) -> PageMeta:
    values = meta_values(tree)
    articles = json_ld_articles(tree)
    ld = articles[0] if articles else {}
    headline = ld.get("headline") if isinstance(ld.get("headline"), str) else None
    title_node = tree.css_first("title")
    canonical_node = tree.css_first('link[rel="canonical"]')
    main_entity = ld.get("mainEntityOfPage")
    ld_url = main_entity.get("@id") if isinstance(main_entity, dict) else ld.get("url")
    authors = _names(ld.get("author"))
    publisher = _names(ld.get("publisher"))
    body = ld.get("articleBody")
    return PageMeta(
        title=_first(values, "og:title", "twitter:title", "title") or (title_node.text().strip() if title_node else None),
        headline=" ".join(headline.split()) if headline else None,
        published=parse_datetime(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
        or parse_datetime(_first(values, "article:published_time", "og:article:published_time",
                                 "datepublished", "pubdate", "publishdate", "og:regdate")),
        updated=parse_datetime(ld.get("dateModified") if isinstance(ld.get("dateModified"), str) else None)
        or parse_datetime(_first(values, "article:modified_time", "og:updated_time", "datemodified")),
        authors=authors,
        meta_author=_first(values, "author", "article:author", "dable:author"),
        site_name=(publisher[0] if publisher else None) or _first(values, "og:site_name"),
        canonical=(canonical_node.attributes.get("href") if canonical_node else None)
        or _first(values, "og:url") or (ld_url if isinstance(ld_url, str) else None),
        language=_language(tree, values, ld),
        article_body=body if isinstance(body, str) and body.strip() else None,
    )
