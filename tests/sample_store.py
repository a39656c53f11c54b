"""A small store of made-up Korean articles and records, for the report and serve tests.

The values are invented for these tests. The 부산광역시 4061억원 budget is reported by two outlets, so it is
one commitment; one record has no organisation, one no year, one an amount in dollars (no won).
"""
from __future__ import annotations

import datetime as dt

from krnews.models import Article, Document, InitiativeRecord

# (doc_id, outlet, published, [(org, org_type, amount_krw, amount_text, funding_type, year, year_start, year_end, initiative, sentence)])
ARTICLES = [
    ("a1", "가상일보", "2023-03-10", [
        ("부산광역시", "local_gov", 406_100_000_000, "4061억원", "budget", 2024, None, None, "인공지능 산업 육성",
         "부산광역시는 2024년 인공지능 산업 육성에 4061억원을 투입한다."),
        ("과학기술정보통신부", "central_gov", 1_200_000_000_000, "1조2000억원", "budget", 2024, None, None,
         "차세대 반도체 연구개발", "과학기술정보통신부는 내년 차세대 반도체 연구개발에 1조2000억원을 편성했다."),
    ]),
    ("a2", "새벽경제", "2023-03-11", [
        ("부산광역시", "local_gov", 406_100_000_000, "4061억원", "budget", 2024, None, None, "인공지능 산업 육성",
         "부산시가 인공지능 산업 육성을 위해 내년 예산 4061억원을 배정했다."),
        ("한결배터리", "company", None, "3억 달러", "investment", 2025, None, None, "조지아 배터리 공장",
         "한결배터리는 2025년까지 조지아 배터리 공장에 3억 달러를 투자한다."),
    ]),
    ("a3", "한빛뉴스", "2024-06-01", [
        ("전라남도", "local_gov", 85_000_000_000, "850억원", "project_cost", 2025, None, None, "해상풍력 전용부두",
         "전라남도는 2025년 해상풍력 전용부두 건설에 사업비 850억원을 들인다."),
        (None, None, 12_000_000_000, "120억원", "grant", None, None, None, "청년 창업 지원",
         "청년 창업 지원에 120억원이 지원된다."),
    ]),
    ("a4", "가상일보", "2024-07-15", [
        ("부산광역시", "local_gov", 30_000_000_000, "300억원", "grant", 2025, None, None, "스마트 항만 실증",
         "부산광역시는 2025년 스마트 항만 실증 사업에 300억원을 지원한다."),
        ("중소벤처기업부", "central_gov", 500_000_000_000, "5000억원", "fund", 2024, None, None, "딥테크 펀드",
         "중소벤처기업부는 올해 5000억원 규모의 딥테크 펀드를 조성한다."),
        ("과학기술정보통신부", "central_gov", 250_000_000_000, "2500억원", "project_cost", None, 2025, 2027,
         "양자 기술 플래그십", "과학기술정보통신부는 2025년부터 2027년까지 양자 기술 플래그십 사업에 2500억원을 투입한다."),
    ]),
]


def documents() -> list[Document]:
    result = []
    for doc_id, outlet, published, rows in ARTICLES:
        url = f"https://news.example.kr/{doc_id}"
        text = "\n".join(row[-1] for row in rows)
        article = Article(doc_id=doc_id, url=url, title=f"{outlet} 기사 {doc_id}", text=text,
                          published=dt.date.fromisoformat(published), outlet=outlet)
        records = []
        for org, org_type, krw, amount_text, ftype, year, start, end, initiative, sentence in rows:
            offset = text.index(amount_text)
            records.append(InitiativeRecord(
                record_id=InitiativeRecord.make_id(doc_id, offset, amount_text), doc_id=doc_id, url=url,
                title=article.title, outlet=outlet, published=article.published, org=org, org_mention=org,
                org_type=org_type, amount_krw=krw, amount_text=amount_text,
                amount=krw if krw is not None else 300_000_000, currency="KRW" if krw is not None else "USD",
                funding_type=ftype, org_role="funder", year=year, year_start=start, year_end=end,
                initiative=initiative, sentence=sentence, amount_start=offset,
            ))
        result.append(Document(article=article, records=records))
    return result


def build(path) -> str:
    """Save the sample documents in a new SQLite store at `path` through the project's Store and
    consolidate them, as `krnews extract --db` does; its path."""
    from krnews.consolidation.store import KeepCurrent
    from krnews.store import Store

    store = Store.open(str(path))
    try:
        initiatives = KeepCurrent(store)
        for document in documents():
            store.save_document(document)
            initiatives.saved()
        initiatives.finish()
    finally:
        store.close()
    return str(path)
