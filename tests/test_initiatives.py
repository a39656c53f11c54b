"""Initiatives across articles (krnews.consolidation) on a composed corpus: tests/fixtures/consolidation."""
from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krnews
from krnews.consolidation import consolidate
from krnews.consolidation.links import linked
from krnews.consolidation.matching import RecordKey
from test_merge_decision import key
from krnews.models import Article, Document, InitiativeRecord

CORPUS = Path(__file__).parent / "fixtures" / "consolidation" / "articles.jsonl"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return list(krnews.extract_many([str(CORPUS)], errors="raise"))


def by_doc(result, doc_id: str):
    (found,) = [i for i in result.initiatives if doc_id in i.doc_ids]
    return found


def membership(result) -> dict[str, list[str]]:
    return {i.initiative_id: i.record_ids for i in result.initiatives}


def test_one_story_in_several_outlets_is_one_initiative_with_all_sources(documents):
    result = consolidate(documents)
    hydrogen = by_doc(result, "hydrogen-a")
    assert hydrogen.doc_ids == ["hydrogen-a", "hydrogen-b", "hydrogen-c", "hydrogen-d"]
    assert hydrogen.n_sources == 4 and len(hydrogen.urls) == 4
    assert hydrogen.org == "강원특별자치도" and hydrogen.year == 2024
    assert hydrogen.amount_krw == 222_0417_0000  # the exact figure over the rounded 222억원
    assert (hydrogen.first_seen, hydrogen.last_seen) == (dt.date(2024, 2, 5), dt.date(2024, 2, 8))
    assert len(hydrogen.versions) == 1  # rounding is not a new figure
    assert hydrogen.initiative == "수소 산업 육성 사업"


def test_near_copies_are_one_story_and_rewrites_are_not(documents):
    result = consolidate(documents)
    (copies,) = [s for s in result.stories if "hydrogen-a" in s.doc_ids]
    assert copies.doc_ids == ["hydrogen-a", "hydrogen-b"]
    assert copies.canonical_doc_id in copies.doc_ids
    assert len(result.stories) == len(documents) - 1


def test_equal_amounts_of_different_organisations_stay_apart(documents):
    result = consolidate(documents)
    daejeon, sejong = by_doc(result, "startup-daejeon"), by_doc(result, "startup-sejong")
    assert daejeon.amount_krw == sejong.amount_krw == 10_0000_0000
    assert daejeon.initiative_id != sejong.initiative_id
    assert (daejeon.org, sejong.org) == ("대전광역시", "세종특별자치시")
    assert daejeon.n_sources == sejong.n_sources == 1


def test_budget_proposal_and_final_figure_are_one_initiative_in_two_versions(documents):
    space = by_doc(consolidate(documents), "space-proposal")
    assert space.doc_ids == ["space-final", "space-proposal"]
    assert [(v.amount_krw, v.stage) for v in space.versions] == [(1200_0000_0000, "proposal"), (1350_0000_0000, "final")]
    assert (space.amount_krw, space.stage) == (1350_0000_0000, "final")
    assert space.versions[0].first_seen < space.versions[1].first_seen


def test_corpus_gives_four_initiatives(documents):
    assert len(consolidate(documents).initiatives) == 4


# --- a period over a single year ---------------------------------------------------------------------

def test_a_full_period_is_preferred_and_contains_its_years():
    period = key("r2", year=None, year_start=2024, year_end=2028, published=dt.date(2024, 1, 2))
    docs = [Document(article=Article(doc_id=k.doc_id, text=k.doc_id), records=[
        InitiativeRecord(record_id=k.record_id, doc_id=k.doc_id, org=k.org, org_mention=k.org, amount_krw=k.amount_krw,
                         amount_text="x", year=k.year, year_start=k.year_start, year_end=k.year_end,
                         initiative=k.name, sentence="s", amount_start=0, published=k.published)])
        for k in (key(published=dt.date(2024, 1, 1)), period)]
    (merged,) = consolidate(docs).initiatives
    assert (merged.year, merged.year_start, merged.year_end) == (None, 2024, 2028)


# --- order independence ------------------------------------------------------------------------

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_corpus_in_any_order_gives_the_same_initiatives_and_stories(documents, random):
    shuffled = list(documents)
    random.shuffle(shuffled)
    expected, got = consolidate(documents), consolidate(shuffled)
    assert membership(got) == membership(expected)
    assert got.initiatives == expected.initiatives
    assert got.stories == expected.stories


ORGS = ["부산광역시", "대구광역시"]
NAMES = ["AI 융합 산업 육성 사업", "AI융합산업 육성사업", "수소 충전소 구축 사업", None]
SENTENCES = ["투입한다.", "예산안에 담았다.", "국회를 통과하며 확정됐다."]


@st.composite
def synthetic_documents(draw) -> list[Document]:
    """Records drawn from few values, so that links, chains and revisions are frequent."""
    documents = []
    for n in range(draw(st.integers(1, 12))):
        doc_id = f"d{n}"
        records = [
            InitiativeRecord(
                record_id=f"{doc_id}r{i}", doc_id=doc_id, org=draw(st.sampled_from(ORGS)), org_mention="o",
                amount_krw=draw(st.sampled_from([100, 101, 103, 120, 150, 200])) * 10**8, amount_text="x",
                year=draw(st.sampled_from([2024, 2025, None])), initiative=draw(st.sampled_from(NAMES)),
                sentence=draw(st.sampled_from(SENTENCES)), amount_start=i,
                published=dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 3))),
            )
            for i in range(draw(st.integers(0, 3)))
        ]
        text = draw(st.sampled_from(["가 나 다 라 마 바 사", "가 나 다 라 마 바 아", "하 나 둘 셋 넷"]))
        documents.append(Document(article=Article(doc_id=doc_id, text=text, published=dt.date(2024, 1, 1)), records=records))
    return documents


@settings(max_examples=60, deadline=None)
@given(synthetic_documents(), st.randoms(use_true_random=False))
def test_synthetic_records_in_any_order_give_the_same_initiatives(documents, random):
    shuffled = list(documents)
    random.shuffle(shuffled)
    expected, got = consolidate(documents), consolidate(shuffled)
    assert got.initiatives == expected.initiatives
    assert got.stories == expected.stories
    # every record is in exactly one initiative, and linked records share one
    owner = {rid: i.initiative_id for i in got.initiatives for rid in i.record_ids}
    keys = [RecordKey.of(r) for d in documents for r in d.records]
    assert sorted(owner) == sorted(k.record_id for k in keys)
    assert all(owner[a.record_id] == owner[b.record_id] for a in keys for b in keys if linked(a, b))


# --- the store: incremental, SQLite and PostgreSQL ------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "krnews.sqlite")
        return
    url = os.environ.get("KRNEWS_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("KRNEWS_TEST_POSTGRES_URL is not set (source .ci/postgres.sh)")
    sa = pytest.importorskip("sqlalchemy")
    name = f"krnews_ini_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(sa.engine.make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_store_grows_incrementally_and_matches_the_batch(documents, store_url):
    from krnews.consolidation.store import iter_stories, update_initiatives
    from krnews.store import Store

    with Store.open(store_url) as store:
        for document in reversed(documents[:5]):
            store.save_document(document)
        assert update_initiatives(store) == 5
        first = {i.initiative_id: i for i in krnews.read_initiatives(store, as_dataframe=False)}
        for document in documents[5:]:
            store.save_document(document)
        assert update_initiatives(store) == 3  # only the new articles
        assert update_initiatives(store) == 0
        stored = krnews.read_initiatives(store, as_dataframe=False)
        assert stored == consolidate(documents).initiatives
        assert list(iter_stories(store)) == consolidate(documents).stories
        assert first[by_doc(consolidate(documents), "hydrogen-a").initiative_id].n_sources == 4

        # a re-extracted article whose record is gone leaves its initiative; the rest stays together
        store.save_document(documents[0].model_copy(update={"records": []}))
        assert update_initiatives(store) == 1
        hydrogen = [i for i in krnews.read_initiatives(store, as_dataframe=False) if "hydrogen-b" in i.doc_ids]
        assert [i.doc_ids for i in hydrogen] == [["hydrogen-b", "hydrogen-c", "hydrogen-d"]]

        # the same record ids with another value (a re-extraction): the record moves to other money
        daejeon = next(d for d in documents if d.article.doc_id == "startup-daejeon")
        moved = daejeon.model_copy(update={"records": [r.model_copy(update={"org": "세종특별자치시"}) for r in daejeon.records]})
        store.save_document(moved)
        assert update_initiatives(store) == 1
        (startups,) = [i for i in krnews.read_initiatives(store, as_dataframe=False) if "startup-daejeon" in i.doc_ids]
        assert startups.doc_ids == ["startup-daejeon", "startup-sejong"] and startups.org == "세종특별자치시"

        # an article whose text changed leaves its story (no near copy any more) and joins the one its new
        # text belongs to: the stories are those of the current articles, as if consolidated afresh
        copy = next(d for d in documents if d.article.doc_id == "hydrogen-b")
        sejong = next(d for d in documents if d.article.doc_id == "startup-sejong")
        rewritten = copy.model_copy(update={"article": copy.article.model_copy(update={"text": sejong.article.text}),
                                            "records": []})
        store.save_document(rewritten)
        assert update_initiatives(store) == 1
        current = [rewritten if d.article.doc_id == "hydrogen-b" else d for d in documents]
        assert list(iter_stories(store)) == consolidate(current).stories
        assert {tuple(s.doc_ids) for s in iter_stories(store)} >= {("hydrogen-a",), ("hydrogen-b", "startup-sejong")}


def test_migration_builds_the_tables_consolidation_queries(store_url):
    import sqlalchemy as sa

    from krnews.consolidation import sql
    from krnews.store import Store

    Store.open(store_url).close()
    url = store_url if "://" in store_url else f"sqlite:///{store_url}"
    engine = sa.create_engine(sa.engine.make_url(url).set(drivername="postgresql+psycopg") if url.startswith("postgresql") else url)
    inspector = sa.inspect(engine)
    for table in sql.metadata.sorted_tables:
        assert [c["name"] for c in inspector.get_columns(table.name)] == [c.name for c in table.columns]
    engine.dispose()


def test_export_writes_initiatives_in_every_format(documents, tmp_path):
    import pyarrow.parquet as pq

    from krnews.cli import main
    from krnews.store import Store

    db = str(tmp_path / "krnews.sqlite")
    with Store.open(db) as store:
        for document in documents:
            store.save_document(document)
    for fmt in ("jsonl", "csv", "parquet"):
        assert main(["export", "--what", "initiatives", "--db", db, "--out", str(tmp_path / f"i.{fmt}")]) == 0
    lines = (tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()
    exported = [krnews.Initiative.model_validate_json(line) for line in lines]
    assert exported == consolidate(documents).initiatives
    table = pq.read_table(tmp_path / "i.parquet").to_pylist()
    assert [row["initiative_id"] for row in table] == [i.initiative_id for i in exported]
    assert [len(row["versions"]) for row in table] == [len(i.versions) for i in exported]
    header, *rows = (tmp_path / "i.csv").read_text(encoding="utf-8").splitlines()
    assert header.startswith("initiative_id,org,") and len(rows) == len(exported)
    assert main(["export", "--what", "initiatives", "--db", db, "--org", "대전광역시", "--out", str(tmp_path / "d.jsonl")]) == 0
    assert [i["org"] for i in map(json.loads, (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines())] == ["대전광역시"]


def test_in_memory_a_document_given_again_with_other_text_moves_to_its_new_story(documents):
    copy = next(d for d in documents if d.article.doc_id == "hydrogen-b")
    sejong = next(d for d in documents if d.article.doc_id == "startup-sejong")
    rewritten = copy.model_copy(update={"article": copy.article.model_copy(update={"text": sejong.article.text})})
    current = [rewritten if d.article.doc_id == "hydrogen-b" else d for d in documents]
    assert consolidate([*documents, rewritten]).stories == consolidate(current).stories
    assert consolidate([*documents, copy]).stories == consolidate(documents).stories  # the same text: nothing moves


def test_extract_into_a_store_brings_its_initiatives_up_to_date_in_the_same_run(documents, tmp_path):
    from krnews.cli import main
    from krnews.consolidation.store import pending_articles
    from krnews.store import Store

    db = str(tmp_path / "krnews.sqlite")
    assert main(["extract", str(CORPUS), "--db", db, "--out", str(tmp_path / "out.jsonl")]) == 0
    with Store.open(db, read_only=True) as store:
        assert pending_articles(store) == 0
        assert krnews.read_initiatives(store, as_dataframe=False, update=False) == consolidate(documents).initiatives
    api_db = str(tmp_path / "api.sqlite")
    assert len(list(krnews.extract_many([str(CORPUS)], db=api_db))) == len(documents)
    with Store.open(api_db, read_only=True) as store:
        assert pending_articles(store) == 0
