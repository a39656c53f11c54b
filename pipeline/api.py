"""The Python API: `krnews.extract` for one text or page, `krnews.process` for an Article,
`krnews.extract_many` for a corpus, `krnews.records_frame` for a DataFrame of their records,
`krnews.read_records` / `krnews.read_initiatives` / `krnews.totals` for a store (krnews.frames) and
`krnews.consolidate` for initiatives across articles. The CLI is a thin layer over these.

Thread-safe: the only shared state is the NLP pipeline, loaded once; its MeCab tagger is used under
a lock (see krnews.nlp.tokenizer). For throughput, use `extract_many(workers=N)` (processes).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Iterable, Iterator, Literal

from krnews.models import Article, Document

from .articles import article_from_html, article_from_text, looks_like_html  # noqa: F401  (part of the API)
from .consolidation import consolidate as consolidate_documents
from .consolidation.store import KeepCurrent
from .dates import parse_date, unresolved_years_warning
from .extraction import process
from .frames import open_store, records_frame
from .inputs import InputError, _corpus_document, read_inputs
from .runner import run_articles
from .store import StoreError

_log = logging.getLogger("krnews")
_years_log = logging.getLogger("krnews.years")  # a child: configuring "krnews" covers it


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
    (YYYY-MM-DD) resolves 올해/지난해 when the article states no date of its own; without either,
    they keep no year and one warning goes to the "krnews.years" logger.

        >>> doc = krnews.extract("광주시는 올해 200억원을 투입해 AI 사업에 나선다.", published="2020-01-15")
        >>> doc.records[0].amount_krw, doc.records[0].org, doc.records[0].year
        (20000000000, '광주광역시', 2020)
    """
    default_published = parse_date(published)
    if isinstance(text_or_html, bytes) or (is_html if is_html is not None else looks_like_html(text_or_html)):
        article = article_from_html(text_or_html, url=url, doc_id=doc_id, title=title)
    else:
        article = article_from_text(text_or_html, url=url, published=published, doc_id=doc_id, title=title)
    return _warned(process(article, default_published))


def _warned(document: Document) -> Document:
    """The document, after a warning on the "krnews.years" logger when a relative year stayed unresolved."""
    warning = unresolved_years_warning(document)
    if warning is not None:
        _years_log.warning("%s", warning)
    return document


# --- many articles, stores and initiatives ----------------------------------------------------

ErrorMode = Literal["skip", "raise", "return"]
ERROR_MODES = ("skip", "raise", "return")


class ExtractionError(Exception):
    """An input that could not be read or processed, raised by `extract_many(..., errors="raise")`.

    `failure` is the InputError (`.input`, `.reason`); str() is one line naming the input.
    """

    def __init__(self, failure):
        super().__init__(str(failure))
        self.failure = failure


def extract_many(
    inputs: Iterable,
    *,
    workers: int = 1,
    published: str | dt.date | None = None,
    errors: ErrorMode = "skip",
    db=None,
    as_dataframe: bool = False,
):
    """Extract many articles, streaming one Document per input in input order.

    `inputs` mixes what `krnews extract` reads — URLs, paths of .html/.txt/.jsonl files, directories —
    with `Article` objects and corpus dicts (`{"text" or "html", "id"?, "url"?, "published"?, "title"?}`).
    `workers` > 1 spreads the work over that many processes; `published` (YYYY-MM-DD) stands in for
    articles that state no date. A bad input never stops the others: with `errors="skip"` it is
    logged (logger "krnews") and left out, with `"return"` its `InputError` (`.input`, `.reason`) is
    yielded in its place, with `"raise"` an `ExtractionError` is raised when it is reached. With `db`
    (a SQLite path, a postgresql:// URL or an open Store), each Document is also saved there as it
    is yielded, for `read_records` and `read_initiatives`.

    With `as_dataframe=True`, the whole run's records as one pandas DataFrame instead of a stream
    (see `records_frame`; `pip install 'krnews[pandas]'`).

        >>> for doc in krnews.extract_many(["articles.jsonl", "https://news.example.kr/1"], workers=2):
        ...     print(doc.article.doc_id, len(doc.records))
        >>> krnews.extract_many(["data/samples"], as_dataframe=True)[["org", "amount_krw", "year"]]
    """
    if errors not in ERROR_MODES:
        raise ValueError(f"errors must be one of {', '.join(ERROR_MODES)}, not {errors!r}")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, not {workers!r}")
    if as_dataframe and errors == "return":
        raise ValueError('as_dataframe=True gives records only: use errors="skip" or "raise"')
    documents = _extract_many(inputs, workers, parse_date(published), errors, db)
    return records_frame(documents) if as_dataframe else documents


def _extract_many(inputs, workers, default_published, errors, db) -> Iterator:
    store = open_store(db, create=True) if db is not None else None
    initiatives = KeepCurrent(store) if store is not None else None
    try:
        for outcome in run_articles(_articles(inputs), workers, default_published):
            if store is not None and not isinstance(outcome, InputError):
                outcome = _saved(store, outcome)
                if not isinstance(outcome, InputError):
                    initiatives.saved()
            if not isinstance(outcome, InputError):
                yield _warned(outcome)
            else:
                _failed(outcome, errors)
                if errors == "return":
                    yield outcome
        if initiatives is not None:
            initiatives.finish()
    finally:
        if store is not None and store is not db:
            store.close()


def _saved(store, document: Document):
    try:
        store.save_document(document)
    except StoreError as error:
        return InputError(document.article.url or document.article.doc_id, str(error))
    return document


def _failed(failure, errors: str) -> None:
    if errors == "raise":
        raise ExtractionError(failure)
    if errors == "skip":
        _log.warning("%s", failure)



def _articles(inputs) -> Iterator:
    """Articles (or InputErrors) of mixed inputs, in order; a stray object is an InputError too."""
    if isinstance(inputs, (str, bytes, os.PathLike, Article, dict)):
        inputs = [inputs]  # one input, not an iterable of characters
    for position, item in enumerate(inputs):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, (str, os.PathLike)):
            yield from read_inputs([os.fspath(item)])
        elif isinstance(item, dict):
            try:
                yield _corpus_document(item)
            except (ValueError, TypeError, KeyError) as error:
                yield InputError(f"input #{position}", str(error))
        else:
            yield InputError(f"input #{position}", f"not an Article, corpus dict, path or URL ({type(item).__name__})")


def consolidate(documents: Iterable[Document]):
    """Group documents in memory: near-duplicate articles into stories, the same money into initiatives.

    Returns a `Consolidation` with `.stories` and `.initiatives` (sorted by id). The result depends on
    the set of documents only, not on their order.

        >>> result = krnews.consolidate(krnews.extract_many(["articles.jsonl"]))
        >>> [(i.org, i.amount_krw, i.n_sources) for i in result.initiatives]
    """
    return consolidate_documents(documents)
