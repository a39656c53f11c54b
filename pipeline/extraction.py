"""The per-article step, below the API: an Article's mentions (the NLP stage) and its initiative
records (the normaliser). `krnews.api`, the runner, the crawl and the benchmark all call this."""
from __future__ import annotations

import datetime as dt

from krnews.models import Article, Document

from .dates import budget_year_reference
from .mentions import mentions_of
from .nlp.language import analyse
from .normalise import build_records
from .normalise.context import DocContext


def unresolved_years(document: Document) -> list[str]:
    """Relative years (올해, 지난해…) left without a value because the article states no date and none
    was given: their texts, in order, once each."""
    if document.article.published is not None:
        return []
    texts = (m.text for m in document.mentions if m.kind == "year" and m.relative is not None and m.year is None)
    return list(dict.fromkeys(texts))


def unresolved_years_warning(document: Document, remedy: str = "published=YYYY-MM-DD") -> str | None:
    """One line naming the document and its unresolved relative years, or None."""
    texts = unresolved_years(document)
    if not texts:
        return None
    article = document.article
    name = article.url or article.doc_id + (f" ({article.title})" if article.title else "")
    return f"{name}: {'/'.join(texts)} left without a year: the article states no date; give one with {remedy}"


def process(article: Article, default_published: dt.date | None = None) -> Document:
    """Mentions and records of an article; `default_published` stands in when it has no date."""
    if article.published is None and default_published is not None:
        article = article.model_copy(update={"published": default_published})
    doc = analyse(article.text, article.published or budget_year_reference(article.text))
    records = build_records(article, DocContext.from_doc(doc))
    return Document(article=article, mentions=mentions_of(doc, article.doc_id), records=records)
