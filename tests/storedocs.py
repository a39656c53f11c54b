"""Documents for the store and export tests, built directly from the models with made-up Korean news,
and fresh store locations (SQLite files; PostgreSQL schemas when KRNEWS_TEST_POSTGRES_URL is set)."""
from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
import sqlalchemy as sa

from krnews.models import (
    EXTRACTOR_VERSION,
    AmountMention,
    Article,
    Document,
    InitiativeRecord,
    OrgMention,
    YearMention,
)

# (canonical, as written, type)
ORGS = [
    ("부산광역시", "부산시", "local_gov"),
    ("중소벤처기업부", "중기부", "central_gov"),
    ("한결배터리", "한결배터리", "company"),
    ("전라남도", "전남도", "local_gov"),
]
PROJECTS = ["인공지능 산업 육성", "해상풍력 전용부두 건설", "딥테크 전용 펀드 조성", "수소버스 보급"]
TYPES = ["budget", "project_cost", "fund", "grant"]
BACKENDS = ["sqlite", "postgresql"]


def make_document(i: int, extractor_version: str = EXTRACTOR_VERSION, scale: int = 1) -> Document:
    """Document `i`: two won amounts (a single year, a period) and, every third one, a dollar amount
    without won value or organisation; every seventh has no publication date. `scale` changes the
    amounts, as a new extractor version might."""
    org, written, org_type = ORGS[i % len(ORGS)]
    project, project2 = PROJECTS[i % len(PROJECTS)], PROJECTS[(i + 1) % len(PROJECTS)]
    year = 2021 + i % 5
    eok = (30 + 7 * i) * scale
    sentences = [
        f"{written}는 {year}년 {project}에 {eok}억원을 투입한다고 밝혔다.",
        f"또 {year}~{year + 2}년 {project2}에 {eok * 3}억원을 지원한다.",
    ]
    if i % 3 == 0:
        sentences.append("미국 조지아주 공장에는 2억 달러가 들어간다.")
    title = f"{written}, {project} 본격 추진"
    text = title + "\n\n" + " ".join(sentences)
    url = f"https://news.example.kr/article/{i:05d}"
    doc_id = Article.make_id(url)
    published = None if i % 7 == 6 else dt.date(2024, 1, 1) + dt.timedelta(days=i % 90)
    article = Article(doc_id=doc_id, url=url, canonical_url=f"https://news.example.kr/a/{i}", title=title,
                      text=text, published=published, outlet="한결일보", byline="김기자",
                      published_at=dt.datetime(2024, 1, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))))

    def span(needle: str, after: int = 0) -> tuple[int, int]:
        start = text.index(needle, after)
        return start, start + len(needle)

    mentions, records = [], []
    s0 = text.index(sentences[0])
    o0, o1 = span(written, s0)
    mentions.append(OrgMention(doc_id=doc_id, text=written, start=o0, end=o1, canonical=org, org_type=org_type))
    plan = [
        (sentences[0], f"{year}년", {"year": year}, f"{eok}억원", eok, TYPES[i % 4], project),
        (sentences[1], f"{year}~{year + 2}년", {"year_start": year, "year_end": year + 2},
         f"{eok * 3}억원", eok * 3, TYPES[(i + 1) % 4], project2),
    ]
    for sentence, year_text, years, amount_text, amount_eok, funding_type, initiative in plan:
        at = text.index(sentence)
        y0, y1 = span(year_text, at)
        a0, a1 = span(amount_text, at)
        krw = amount_eok * 10**8
        mentions.append(YearMention(doc_id=doc_id, text=year_text, start=y0, end=y1, **years))
        mentions.append(AmountMention(doc_id=doc_id, text=amount_text, start=a0, end=a1, value=float(krw), value_krw=krw))
        records.append(InitiativeRecord(
            record_id=InitiativeRecord.make_id(doc_id, a0, amount_text), doc_id=doc_id, url=url, title=title,
            outlet="한결일보", published=published, org=org, org_mention=written, org_type=org_type,
            amount_krw=krw, amount_text=amount_text, amount=float(krw), funding_type=funding_type,
            org_role="funder", year_mention=year_text, initiative=initiative, sentence=sentence,
            amount_start=a0, extractor_version=extractor_version, **years,
        ))
    if i % 3 == 0:
        a0, a1 = span("2억 달러")
        mentions.append(AmountMention(doc_id=doc_id, text="2억 달러", start=a0, end=a1, value=2e8, currency="USD"))
        records.append(InitiativeRecord(
            record_id=InitiativeRecord.make_id(doc_id, a0, "2억 달러"), doc_id=doc_id, url=url, title=title,
            outlet="한결일보", published=published, org=None, org_mention=None, amount_krw=None,
            amount_text="2억 달러", amount=2e8, currency="USD", sentence=sentences[2], amount_start=a0,
            extractor_version=extractor_version,
        ))
    return Document(article=article, mentions=mentions, records=records)


def postgres_url() -> str:
    url = os.environ.get("KRNEWS_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("KRNEWS_TEST_POSTGRES_URL is not set (`source .ci/postgres.sh` starts a local server)")
    return url


@pytest.fixture(params=BACKENDS)
def new_store_url(request, tmp_path):
    """A factory of empty store locations on one backend: SQLite files, or PostgreSQL schemas."""
    if request.param == "sqlite":
        names = iter(range(1000))
        yield lambda: str(tmp_path / f"store{next(names)}.sqlite")
        return
    base = sa.engine.make_url(postgres_url()).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(base)
    schemas = []

    def make() -> str:
        schema = f"krnews_test_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)

    yield make
    with admin.begin() as conn:
        for schema in schemas:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()
