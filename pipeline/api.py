"""The Python API: `krnews.extract` for one text or page, `krnews.process` for an Article."""
from __future__ import annotations

import datetime as dt

from krnews.models import Article, Document

from .dates import parse_date, stated_date
from .mentions import mentions_of
from .nlp.language import analyse
from .normalise import build_records
from .normalise.context import DocContext


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<head" in head


def article_from_text(
    text: str,
    *,
    url: str | None = None,
    published=None,
    doc_id: str | None = None,
    title: str | None = None,
) -> Article:
    """An Article from plain text. Without a title, a short first line followed by a blank line is one."""
    if title is None:
        first, _, rest = text.lstrip().partition("\n")
        if first.strip() and len(first) <= 150 and rest.startswith("\n"):
            title = first.strip()
    return Article(
        doc_id=doc_id or Article.make_id(url, text),
        url=url,
        title=title,
        text=text,
        published=parse_date(published) or stated_date(text),
    )


def process(article: Article, default_published: dt.date | None = None) -> Document:
    """Mentions and records of an article; `default_published` stands in when it has no date."""
    if article.published is None and default_published is not None:
        article = article.model_copy(update={"published": default_published})
    doc = analyse(article.text, article.published)
    records = build_records(article, DocContext.from_doc(doc))
    return Document(article=article, mentions=mentions_of(doc, article.doc_id), records=records)


def extract(
    text_or_html: str | bytes,
    *,
    url: str | None = None,
    published: str | dt.date | None = None,
    doc_id: str | None = None,
    title: str | None = None,
    is_html: bool | None = None,
) -> Document:
    """Extract mentions and initiative records from one article.

    `text_or_html` is plain text or a whole HTML page (detected unless `is_html` says); `published`
    (YYYY-MM-DD) resolves 올해/지난해 when the article states no date of its own.

    >>> doc = krnews.extract("광주시는 올해 200억원을 투입해 AI 사업에 나선다.", published="2020-01-15")
    >>> doc.records[0].amount_krw, doc.records[0].org, doc.records[0].year
    (20000000000, '광주광역시', 2020)
    """
    default_published = parse_date(published)
    if isinstance(text_or_html, bytes) or (is_html if is_html is not None else looks_like_html(text_or_html)):
        from krnews.scrapers import parse_html

        article = parse_html(text_or_html, url=url)
        updates = {k: v for k, v in (("doc_id", doc_id), ("title", title)) if v}
        if updates:
            article = article.model_copy(update=updates)
    else:
        article = article_from_text(text_or_html, url=url, published=published, doc_id=doc_id, title=title)
    return process(article, default_published)
