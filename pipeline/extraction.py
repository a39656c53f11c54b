"""The per-article step, below the API: an Article's mentions (the NLP stage) and its initiative
records (the normaliser). `krnews.api`, the runner, the crawl and the benchmark all call this."""
from __future__ import annotations

import datetime as dt

from krnews.models import Article, Document

from .dates import budget_year_reference
from .mentions import mentions_of
from .nlp.characters import clean_text
from .nlp.language import analyse
from .normalise import build_records
from .normalise.context import DocContext


def process(article: Article, default_published: dt.date | None = None) -> Document:
    """Mentions and records of an article; `default_published` stands in when it has no date."""
    if article.published is None and default_published is not None:
        article = article.model_copy(update={"published": default_published})
    text = clean_text(article.text)
    if text != article.text:  # the stored text is the one every offset refers to
        article = article.model_copy(update={"text": text})
    doc = analyse(article.text, article.published or budget_year_reference(article.text))
    records = build_records(article, DocContext.from_doc(doc))
    return Document(article=article, mentions=mentions_of(doc, article.doc_id), records=records)
