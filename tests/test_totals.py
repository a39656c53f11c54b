"""Totals that count each won once (krnews.totals, `krnews status`, `krnews report`), checked against a hand
count on a store where every case occurs: a total and its parts, a whole named again to introduce its parts,
a comparison figure, a budget proposal changed later, and one money reported by two outlets."""
from __future__ import annotations

import datetime as dt
import re

import pytest

import krnews
from krnews.cli import main
from krnews.consolidation.store import KeepCurrent
from krnews.counting import relations
from krnews.models import Article, Document, InitiativeRecord
from krnews.store import Store

JO, EOK = 10**12, 10**8

# doc_id, published, org, [(sentence, [(amount_text, amount_krw, initiative, year)])]
ARTICLES = [
    ("lg", "2022-05-26", "LG그룹", [
        ("LG가 5년간 국내에 106조 원을 투자한다.", [("106조 원", 106 * JO, "국내 투자", None)]),
        ("투자 계획에 따르면 106조 원 중 43조 원은 미래 성장 분야에, 63조 원은 주력 사업에 투자된다.",
         [("106조 원", 106 * JO, "투자 계획", None), ("43조 원", 43 * JO, "미래 성장 분야", None),
          ("63조 원", 63 * JO, "주력 사업", None)]),
        ("미래 성장 분야 투자 43조 원 가운데 R&D 투자는 21조 원에 달한다.", [("21조 원", 21 * JO, "R&D", None)]),
    ]),
    ("busan-a", "2024-03-12", "부산광역시", [
        ("부산시는 AI 산업에 지난해(1,100억 원)보다 10% 늘어난 1,214억 원을 투입한다.",
         [("1,100억 원", 1100 * EOK, "AI 산업", 2023), ("1,214억 원", 1214 * EOK, "AI 산업", 2024)]),
    ]),
    ("busan-b", "2024-03-13", "부산광역시", [
        ("부산시가 올해 AI 산업에 1,214억 원을 쓴다.", [("1,214억 원", 1214 * EOK, "AI 산업", 2024)]),
    ]),
    ("daejeon-proposal", "2024-09-02", "대전광역시", [
        ("대전시는 내년도 수소 산업 육성 사업 예산안에 120억원을 담았다.", [("120억원", 120 * EOK, "수소 산업 육성 사업", 2025)]),
    ]),
    ("daejeon-final", "2024-12-10", "대전광역시", [
        ("대전시 수소 산업 육성 사업 예산이 135억원으로 확정됐다.", [("135억원", 135 * EOK, "수소 산업 육성 사업", 2025)]),
    ]),
    ("seoul", "2024-11-01", "서울특별시", [
        ("서울시는 내년 예산안을 48조1000억원으로 편성했다.", [("48조1000억원", 481_000 * EOK, "내년 예산", 2025)]),
        ("이 중 복지예산이 14조3000억원이다.", [("14조3000억원", 143_000 * EOK, "복지예산", 2025)]),
    ]),
]


def documents() -> list[Document]:
    result = []
    for doc_id, published, org, sentences in ARTICLES:
        text = " ".join(sentence for sentence, _ in sentences)
        records = []
        for sentence, amounts in sentences:
            base = text.index(sentence)
            within = 0
            for amount_text, krw, initiative, year in amounts:
                within = sentence.index(amount_text, within)
                start = base + within
                within += len(amount_text)
                records.append(InitiativeRecord(
                    record_id=InitiativeRecord.make_id(doc_id, start, amount_text), doc_id=doc_id,
                    published=dt.date.fromisoformat(published), org=org, org_mention=org, org_type="local_gov",
                    amount_krw=krw, amount_text=amount_text, amount=krw, funding_type="budget", year=year,
                    initiative=initiative, sentence=sentence, amount_start=start))
        result.append(Document(article=Article(doc_id=doc_id, text=text, published=dt.date.fromisoformat(published),
                                               url=f"https://news.example.kr/{doc_id}"), records=records))
    return result


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("totals") / "store.sqlite")
    with Store.open(path) as opened:
        initiatives = KeepCurrent(opened)
        for document in documents():
            opened.save_document(document)
            initiatives.saved()
        initiatives.finish()
    return path


# The hand count.
ALL_RECORDS = (106 + 106 + 43 + 63 + 21) * JO + (1100 + 1214 + 1214 + 120 + 135) * EOK + (481_000 + 143_000) * EOK
COUNTED = {"LG그룹": 106 * JO, "부산광역시": 1214 * EOK, "대전광역시": 135 * EOK, "서울특별시": 481_000 * EOK}
PARTS = 106 * JO + 43 * JO + 63 * JO + 21 * JO + 143_000 * EOK  # the 106조 named again, 43조, 63조, 21조, 복지예산
COMPARISONS = 1100 * EOK
SUPERSEDED = 120 * EOK


def test_relations_of_one_article_name_parts_restatements_and_comparisons():
    lg, busan = (next(d for d in documents() if d.article.doc_id == name) for name in ("lg", "busan-a"))
    found = relations(lg.records)
    by_text = {}
    for record in lg.records:
        by_text.setdefault(record.amount_text, []).append(record.record_id)
    first, again = by_text["106조 원"]
    assert found.part_of == {by_text["43조 원"][0]: again, by_text["63조 원"][0]: again, by_text["21조 원"][0]: by_text["43조 원"][0]}
    assert found.restates == {again: first} and not found.comparisons
    comparison = relations(busan.records)
    assert comparison.comparisons == {busan.records[0].record_id} and not comparison.part_of


@pytest.mark.parametrize("source", ["store", "documents"])
def test_every_total_matches_the_hand_count(store, source):
    totals = krnews.totals(store if source == "store" else documents())
    assert (totals.records.count, totals.records.amount_krw) == (12, ALL_RECORDS)
    assert (totals.counted.count, totals.counted.amount_krw) == (4, sum(COUNTED.values()))
    assert (totals.parts.count, totals.parts.amount_krw) == (5, PARTS)
    assert (totals.comparisons.count, totals.comparisons.amount_krw) == (1, COMPARISONS)
    assert (totals.superseded.count, totals.superseded.amount_krw) == (1, SUPERSEDED)
    assert totals.duplicates.count == 2  # 부산's second outlet, 대전's proposal article
    assert totals.by_org == dict(sorted(COUNTED.items(), key=lambda item: -item[1]))
    assert totals.by_year == {2024: 1214 * EOK, 2025: (135 + 481_000) * EOK, "미상": 106 * JO}
    assert all(line.what for _, line in totals.lines())


def test_filters_select_records_before_counting(store):
    busan = krnews.totals(store, org="부산광역시")
    assert (busan.counted.amount_krw, busan.comparisons.amount_krw) == (1214 * EOK, COMPARISONS)
    late = krnews.totals(store, since="2024-11-01")
    assert late.counted.amount_krw == (135 + 481_000) * EOK  # the proposal article is before: not selected


def test_status_says_what_each_total_sums(store, capsys):
    assert main(["status", "--db", store]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"^  counted: +{sum(COUNTED.values()):,} .* 4 initiatives: each initiative once", out, re.M)
    assert re.search(rf"^  records: +{ALL_RECORDS:,} .* 12 records: every record's amount as reported", out, re.M)
    assert re.search(rf"^  parts: +{PARTS:,} .* 5 initiatives: parts of a total", out, re.M)
    assert "articles saved since" not in out  # the store is current


def test_report_headline_is_the_counted_total_with_every_total_in_words(store, tmp_path):
    pytest.importorskip("plotly", reason="the report needs the krnews[report] extra (plotly)")
    import lxml.html

    out = tmp_path / "report.html"
    assert main(["report", "--db", store, "--out", str(out)]) == 0
    page = lxml.html.fromstring(out.read_bytes())
    assert int(page.xpath('//*[@id="total"]/@data-krw')[0]) == sum(COUNTED.values())
    rows = page.xpath('//table[@id="totals-table"]/tbody/tr')
    amounts = [int(row.xpath("td[@data-krw]/@data-krw")[0]) for row in rows]
    assert amounts == [sum(COUNTED.values()), ALL_RECORDS, 0, SUPERSEDED, PARTS, COMPARISONS]
    assert all(row.xpath("td[last()]")[0].text_content().strip() for row in rows)


def test_an_organisations_total_holds_its_own_money_not_what_it_receives():
    """A county's 국비 is the state's money: it is counted once in the headline, under what the county
    receives, never in the county's own total."""
    text = "음성군은 올해 군비 30억원을 들여 도서관을 짓는다. 음성군은 이 사업에 국비 20억원을 확보했다."
    document = krnews.extract(text, published="2024-03-12", doc_id="county")
    roles = {r.amount_text: r.org_role for r in document.records}
    assert roles == {"30억원": "funder", "20억원": "recipient"}
    totals = krnews.totals([document])
    assert totals.by_org == {"충청북도 음성군": 30 * EOK}
    assert totals.received_by_org == {"충청북도 음성군": 20 * EOK}
    assert totals.counted.amount_krw == 50 * EOK
