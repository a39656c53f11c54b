"""The Python API, through public names only (krnews.__all__)."""
from __future__ import annotations

import datetime as dt
import json
import logging
import threading

import pytest

import krnews

HYDROGEN = "강원도는 올해 수소 산업 육성 사업에 222억417만원을 투입한다고 5일 밝혔다."
HYDROGEN_ROUNDED = "강원도가 올해 수소 산업 육성 사업에 222억원을 쓴다고 6일 설명했다."
STARTUP = "대전시는 올해 청년 창업 지원 사업에 10억원을 투입한다고 2일 밝혔다."


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "h1", "url": "https://a.example.kr/1", "published": "2024-02-05", "text": HYDROGEN},
        {"id": "h2", "url": "https://b.example.kr/2", "published": "2024-02-06", "text": HYDROGEN_ROUNDED},
        {"id": "broken", "title": "no text"},
        {"id": "s1", "url": "https://a.example.kr/3", "published": "2024-03-02", "text": STARTUP},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_every_public_name_exists_and_is_documented():
    for name in krnews.__all__:
        value = getattr(krnews, name)
        if name != "__version__":
            assert value.__doc__ and value.__doc__.strip(), name


def test_extract_returns_typed_models():
    doc = krnews.extract(STARTUP, published="2024-03-02", url="https://a.example.kr/3")
    assert isinstance(doc, krnews.Document)
    (record,) = doc.records
    assert isinstance(record, krnews.InitiativeRecord)
    assert (record.org, record.amount_krw, record.year) == ("대전광역시", 10_0000_0000, 2024)
    assert record.model_dump()["amount_krw"] == 10_0000_0000
    assert json.loads(doc.model_dump_json())["article"]["url"] == "https://a.example.kr/3"


def test_extract_many_streams_in_order_and_returns_failures_in_place(corpus):
    article = krnews.extract(STARTUP, doc_id="given").article
    items = [str(corpus), str(corpus.parent / "missing.txt"), {"id": "d", "text": HYDROGEN}, article, 42]
    out = list(krnews.extract_many(items, errors="return"))
    kinds = [o.article.doc_id if isinstance(o, krnews.Document) else o.input for o in out]
    assert kinds == ["h1", "h2", f"{corpus}:3", "s1", str(corpus.parent / "missing.txt"), "d", "given", "input #4"]
    failures = [o for o in out if isinstance(o, krnews.InputError)]
    assert [f.reason for f in failures][:2] == ['a document needs a "text" or an "html" string', "no such file, directory or URL"]
    assert "int" in failures[2].reason


def test_extract_many_skips_and_logs_failures_by_default(corpus, caplog):
    with caplog.at_level(logging.WARNING, logger="krnews"):
        docs = list(krnews.extract_many([str(corpus)]))
    assert [d.article.doc_id for d in docs] == ["h1", "h2", "s1"]
    assert [r.getMessage() for r in caplog.records] == [f'{corpus}:3: a document needs a "text" or an "html" string']


def test_extract_many_raises_on_the_first_failure_when_asked(corpus):
    stream = krnews.extract_many([str(corpus)], errors="raise")
    assert next(stream).article.doc_id == "h1"
    assert next(stream).article.doc_id == "h2"
    with pytest.raises(krnews.ExtractionError, match="corpus.jsonl:3"):
        next(stream)


def test_extract_many_rejects_bad_arguments_at_once():
    with pytest.raises(ValueError, match="errors must be one of"):
        krnews.extract_many([], errors="ignore")
    with pytest.raises(ValueError, match="workers"):
        krnews.extract_many([], workers=0)


def test_published_stands_in_for_undated_articles():
    (doc,) = krnews.extract_many([{"id": "x", "text": STARTUP}], published="2021-05-01")
    assert doc.records[0].year == 2021


def test_threads_give_the_same_results_as_one_thread():
    texts = [HYDROGEN, HYDROGEN_ROUNDED, STARTUP] * 20
    expected = [krnews.extract(t, published="2024-03-01").model_dump() for t in texts]
    results: dict[int, dict] = {}

    def work(start: int) -> None:
        for i in range(start, len(texts), 4):
            results[i] = krnews.extract(texts[i], published="2024-03-01").model_dump()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(texts))] == expected


def test_records_and_initiatives_of_a_store(corpus, tmp_path):
    pytest.importorskip("pandas")
    db = str(tmp_path / "krnews.sqlite")
    saved = list(krnews.extract_many([str(corpus)], db=db))
    assert len(saved) == 3

    records = krnews.read_records(db)
    assert len(records) == 3
    assert list(records.columns) == krnews.InitiativeRecord.columns()
    assert str(records["amount_krw"].dtype) == "Int64"
    assert sorted(records["amount_krw"].tolist()) == [10_0000_0000, 222_0000_0000, 222_0417_0000]
    assert krnews.read_records(db, org="대전광역시")["doc_id"].tolist() == ["s1"]
    assert krnews.read_records(db, since=dt.date(2024, 3, 1))["doc_id"].tolist() == ["s1"]

    initiatives = krnews.read_initiatives(db).set_index("org")
    assert len(initiatives) == 2
    hydrogen = initiatives.loc["강원특별자치도"]
    assert (hydrogen["n_sources"], hydrogen["amount_krw"]) == (2, 222_0417_0000)
    assert hydrogen["urls"] == ["https://a.example.kr/1", "https://b.example.kr/2"]
    typed = krnews.read_initiatives(db, as_dataframe=False)
    assert all(isinstance(i, krnews.Initiative) for i in typed)


def test_consolidate_in_memory_matches_the_store(corpus, tmp_path):
    docs = list(krnews.extract_many([str(corpus)]))
    result = krnews.consolidate(reversed(docs))
    db = str(tmp_path / "krnews.sqlite")
    list(krnews.extract_many([str(corpus)], db=db))
    assert result.initiatives == krnews.read_initiatives(db, as_dataframe=False)


def test_reading_a_missing_store_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "none.sqlite"
    with pytest.raises(Exception, match="none.sqlite"):
        krnews.read_records(str(missing), as_dataframe=False)
    assert not missing.exists()
