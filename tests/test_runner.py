"""The runner: input order kept, errors passed through, a process pool giving the same records."""
from __future__ import annotations

import datetime as dt
import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from krnews.api import article_from_text
from krnews.inputs import InputError
from krnews.models import Document
from krnews.runner import _Pool, run_articles, worker_context

REGIONS = ["광주시", "대구시", "울산시", "청주시", "전주시", "춘천시"]
PUBLISHED = dt.date(2023, 6, 1)


def _articles(count: int):
    """Distinct small articles of our own: region and amount vary with the index."""
    for index in range(count):
        region = REGIONS[index % len(REGIONS)]
        text = (f"{region}는 올해 청년 창업 지원 사업에 {10 + index}억원을 투입한다고 밝혔다. "
                f"시는 창업 공간 {index + 2}곳을 새로 연다.")
        yield article_from_text(text, doc_id=f"doc-{index}")


def _with_errors(count: int, every: int):
    for index, article in enumerate(_articles(count)):
        if index % every == 3:
            yield InputError(f"missing-{index}.html", "no such file, directory or URL")
        yield article


def _summary(results):
    return [
        (r.input, r.reason) if isinstance(r, InputError)
        else (r.article.doc_id, [(x.org, x.amount_krw, x.year) for x in r.records])
        for r in results
    ]


def test_in_process_keeps_order_and_passes_errors_through():
    results = list(run_articles(_with_errors(12, every=5), workers=1, default_published=PUBLISHED))
    kinds = [type(r).__name__ for r in results]
    assert kinds.count("InputError") == 2 and kinds.count("Document") == 12
    assert [r.input for r in results if isinstance(r, InputError)] == ["missing-3.html", "missing-8.html"]
    documents = [r for r in results if isinstance(r, Document)]
    assert [d.article.doc_id for d in documents] == [f"doc-{i}" for i in range(12)]
    assert [d.records[0].amount_krw for d in documents] == [(10 + i) * 10**8 for i in range(12)]
    assert all(d.records[0].year == 2023 for d in documents)
    assert results[3] == InputError("missing-3.html", "no such file, directory or URL")


def test_two_workers_give_the_same_results_in_the_same_order():
    items = list(_with_errors(40, every=7))
    one = list(run_articles(items, workers=1, default_published=PUBLISHED))
    two = list(run_articles(iter(items), workers=2, default_published=PUBLISHED, chunk_size=3))
    assert _summary(two) == _summary(one)
    assert [r.model_dump() for r in two if isinstance(r, Document)] == [r.model_dump() for r in one if isinstance(r, Document)]


def test_a_failing_article_becomes_an_error_naming_it_and_the_rest_go_on():
    broken = article_from_text("부산시는 50억원을 투입한다.", doc_id="broken").model_copy(update={"text": None})
    items = [next(_articles(1)), broken, *list(_articles(3))[1:]]
    for workers in (1, 2):
        results = list(run_articles(items, workers=workers, default_published=PUBLISHED, chunk_size=1))
        assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document", "Document"]
        assert results[1].input == "broken" and results[1].reason


def test_a_pool_stops_cleanly_when_the_consumer_stops_early():
    results = run_articles(_articles(200), workers=2, default_published=PUBLISHED, chunk_size=2)
    first = [next(results) for _ in range(5)]
    results.close()
    assert [d.article.doc_id for d in first] == [f"doc-{i}" for i in range(5)]


def test_html_files_are_read_and_parsed_where_they_are_processed(tmp_path):
    from krnews.inputs import read_inputs

    page = ("<html><head><title>청년 창업 예산</title></head><body><article><p>{}는 올해 청년 창업 지원 사업에 {}억원을 "
            "투입한다고 밝혔다. 시는 창업 공간 두 곳을 새로 열고 입주 기업 서른 곳을 모집한다.</p><p>시 관계자는 지역 "
            "청년들이 창업에 나설 수 있도록 공간과 자금을 함께 지원하겠다고 말했다.</p></article></body></html>")
    for index, region in enumerate(REGIONS[:4]):
        (tmp_path / f"{index}.html").write_text(page.format(region, 20 + index), encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    (tmp_path / "2.html").unlink()  # gone before a worker reads it: that input fails, the rest go on
    for workers in (1, 2):
        results = list(run_articles(items, workers=workers, default_published=PUBLISHED, chunk_size=1))
        assert [type(r).__name__ for r in results] == ["Document", "Document", "InputError", "Document"]
        assert results[2].input == str(tmp_path / "2.html") and "No such file" in results[2].reason
        assert [r.records[0].amount_krw for r in results if isinstance(r, Document)] == [2_000_000_000, 2_100_000_000, 2_300_000_000]


def test_a_submission_to_a_pool_a_worker_died_in_fails_like_the_pool_instead_of_raising():
    # A worker killed between two submissions breaks the executor: the next submit must not end the run
    # (its chunk is resubmitted after the rebuild, as the chunks in flight are).
    pool = _Pool(worker_context(), 1, None)
    try:
        dying = pool._executor.submit(os._exit, 1)
        with pytest.raises(BrokenProcessPool):
            dying.result(timeout=60)
        assert isinstance(pool.submit([]).exception(timeout=0), BrokenProcessPool)
        pool.rebuild()
        assert pool.submit([]).result(timeout=60) == []
    finally:
        pool.shutdown()
