"""The Python API: `krnews.extract` for one text or page, `krnews.process` for an Article,
`krnews.extract_many` for a corpus, `krnews.read_records` / `krnews.read_initiatives` for a store and
`krnews.consolidate` for initiatives across articles. The CLI is a thin layer over these.

Thread-safe: the only shared state is the NLP pipeline, loaded once; its MeCab tagger is used under
a lock (see krnews.nlp.tokenizer). For throughput, use `extract_many(workers=N)` (processes).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Iterable, Iterator, Literal

from krnews.models import Article, Document, Initiative, InitiativeRecord

from .articles import article_from_html, article_from_text, looks_like_html  # noqa: F401  (part of the API)
from .dates import budget_year_reference, parse_date
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
        article = article_from_html(text_or_html, url=url, doc_id=doc_id, title=title)
    else:
        article = article_from_text(text_or_html, url=url, published=published, doc_id=doc_id, title=title)
    return process(article, default_published)


# --- many articles, stores and initiatives ----------------------------------------------------

ErrorMode = Literal["skip", "raise", "return"]
ERROR_MODES = ("skip", "raise", "return")
_log = logging.getLogger("krnews")


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
) -> Iterator:
    """Extract many articles, streaming one Document per input in input order.

    `inputs` mixes what `krnews extract` reads — URLs, paths of .html/.txt/.jsonl files, directories —
    with `Article` objects and corpus dicts (`{"text" or "html", "id"?, "url"?, "published"?, "title"?}`).
    `workers` > 1 spreads the work over that many processes; `published` (YYYY-MM-DD) stands in for
    articles that state no date. A bad input never stops the others: with `errors="skip"` it is
    logged (logger "krnews") and left out, with `"return"` its `InputError` (`.input`, `.reason`) is
    yielded in its place, with `"raise"` an `ExtractionError` is raised when it is reached. With `db`
    (a SQLite path, a postgresql:// URL or an open Store), each Document is also saved there as it
    is yielded, for `read_records` and `read_initiatives`.

    >>> for doc in krnews.extract_many(["articles.jsonl", "https://news.example.kr/1"], workers=2):
    ...     print(doc.article.doc_id, len(doc.records))
    """
    if errors not in ERROR_MODES:
        raise ValueError(f"errors must be one of {', '.join(ERROR_MODES)}, not {errors!r}")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, not {workers!r}")
    return _extract_many(inputs, workers, parse_date(published), errors, db)


def _extract_many(inputs, workers, default_published, errors, db) -> Iterator:
    from .inputs import InputError
    from .runner import run_articles

    from .consolidation.store import KeepCurrent

    store = _open_store(db, create=True) if db is not None else None
    initiatives = KeepCurrent(store) if store is not None else None
    try:
        for outcome in run_articles(_articles(inputs), workers, default_published):
            if store is not None and not isinstance(outcome, InputError):
                outcome = _saved(store, outcome)
                if not isinstance(outcome, InputError):
                    initiatives.saved()
            if not isinstance(outcome, InputError):
                yield outcome
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
    from .inputs import InputError
    from .store import StoreError

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
    from .inputs import InputError, _corpus_document, read_inputs

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


def _open_store(db, create: bool = False):
    from .store import Store

    return db if hasattr(db, "save_document") else Store.open(db, create=create)


def _frame(rows: Iterable, model) -> "pandas.DataFrame":  # noqa: F821
    try:
        import pandas
    except ImportError:
        raise ImportError("krnews.read_records/read_initiatives need pandas: pip install 'krnews[pandas]'") from None
    columns = model.columns()
    frame = pandas.DataFrame.from_records([row.model_dump() for row in rows], columns=columns)
    for column in ("published", "first_seen", "last_seen"):
        if column in frame:
            frame[column] = pandas.to_datetime(frame[column])
    for column in ("amount_krw", "year", "year_start", "year_end"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")  # nullable integers: won amounts stay exact
    return frame


def read_records(
    db,
    *,
    since: str | dt.date | None = None,
    org: str | None = None,
    year: int | None = None,
    as_dataframe: bool = True,
):
    """The initiative records of a store as a pandas DataFrame (`pip install 'krnews[pandas]'`).

    `db` is a SQLite path, a sqlite:/// or postgresql:// URL, or an open `Store`. Filters: published on
    or after `since`, canonical organisation `org`, concerning `year`. One row per record, the columns
    of `InitiativeRecord`; `amount_krw` and years are nullable integers, dates are datetime64. With
    `as_dataframe=False`, a list of `InitiativeRecord` instead (no pandas needed).
    """
    store = _open_store(db)
    try:
        found = list(store.iter_records(since=parse_date(since), org=org, year=year))
    finally:
        if store is not db:
            store.close()
    return _frame(found, InitiativeRecord) if as_dataframe else found


def read_initiatives(db, *, as_dataframe: bool = True, update: bool = True):
    """The initiatives of a store — the same money from several articles, merged — as a DataFrame.

    Articles saved since the last call are consolidated first (incrementally; see
    `krnews.consolidation`). One row per `Initiative`: `initiative_id`, `org`, `initiative`, `amount_krw`
    (the current figure), `n_sources`, `first_seen`, `last_seen`, and lists `record_ids`, `urls` and
    `versions` (one dict per figure). With `as_dataframe=False`, a list of `Initiative`. `update=False`
    reads them as they are (`krnews extract --db` and `crawl` keep them current) and never writes.
    """
    from .consolidation.store import iter_initiatives

    store = _open_store(db)
    try:
        found = list(iter_initiatives(store, update=update))
    finally:
        if store is not db:
            store.close()
    return _frame(found, Initiative) if as_dataframe else found


def totals(source, *, since: str | dt.date | None = None, org: str | None = None, update: bool = True):
    """Totals that count each won once, as `krnews status` and `krnews report` show them.

    `source` is a store (SQLite path, URL or open `Store`) or documents (`krnews.extract_many(...)`),
    which are consolidated in memory. Filters: records published on or after `since`, of organisation
    `org`. Returns a `krnews.counting.Totals`: `.counted` (the headline: each initiative once at its
    current figure, without parts of a counted total or comparison figures), `.records` (every record's
    amount as reported), what was left out (`.parts`, `.comparisons`, `.superseded`, `.duplicates`), and
    `.by_year` / `.by_org` of the counted initiatives; each line's `.what` says in words what it sums.
    `update=False` reads a store's initiatives as they are, without consolidating new articles first.
    """
    from .counting import totals as count

    since = parse_date(since)
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "iter_records"):
        records = read_records(source, since=since, org=org, as_dataframe=False)
        return count(records, read_initiatives(source, as_dataframe=False, update=update))
    documents = list(source)
    records = [r for d in documents for r in d.records
               if (since is None or (r.published is not None and r.published >= since)) and (org is None or r.org == org)]
    return count(records, consolidate(documents).initiatives)


def consolidate(documents: Iterable[Document]):
    """Group documents in memory: near-duplicate articles into stories, the same money into initiatives.

    Returns a `Consolidation` with `.stories` and `.initiatives` (sorted by id). The result depends on
    the set of documents only, not on their order.

    >>> result = krnews.consolidate(krnews.extract_many(["articles.jsonl"]))
    >>> [(i.org, i.amount_krw, i.n_sources) for i in result.initiatives]
    """
    from .consolidation import consolidate as consolidate_documents

    return consolidate_documents(documents)
