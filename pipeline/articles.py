"""Articles from plain text, without the NLP stage (so reading inputs stays light)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from krnews.models import Article
from krnews.scrapers import parse_html

from .dates import parse_date, stated_date
from .files import read_capped


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
    source: str | None = None,
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
        source=source,
    )


def article_from_html(html: str | bytes, *, url: str | None = None, **given) -> Article:
    """An Article parsed from a whole page, with what the caller states about it (doc_id, title,
    published…) laid over what the page says; empty values are ignored."""
    article = parse_html(html, url=url)
    updates = {key: value for key, value in given.items() if value}
    return article.model_copy(update=updates) if updates else article


def article_from_html_file(path: str) -> Article:
    return article_from_html(read_capped(path), source=path)


@dataclass(frozen=True)
class UnparsedPage:
    """A page read but not parsed yet. Parsing is most of the cost of reading a page, so it is left to
    the process that extracts from the page (a worker, with --workers) rather than the one reading the
    inputs. `parse` must pickle (a functools.partial of a module function); it returns None for a page
    that turns out not to be wanted (a WARC page whose text is not Korean)."""

    source: str  # the input, as an error names it
    parse: Callable[[], Article | None]
