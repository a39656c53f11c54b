"""Parts of a total that no 중/가운데 right after the whole marks (krnews.counting.relations): a fraction of
the whole (…의 절반인), a list closed by its whole (… 등 총), 이중 opening a clause, and headline lines
that repeat body money or name a part of it. One table of sentences written for these tests: what each
amount is a part of (or restates), and which equal-looking figures stay apart."""
from __future__ import annotations

import datetime as dt

import pytest

import krnews
from krnews.counting import relations
from krnews.models import Article, Document, InitiativeRecord

JO, EOK = 10**12, 10**8
ORG = "가람시"


def _document(doc_id: str, lines: list[tuple[str, list]], title: str | None = None) -> Document:
    """`lines`: (sentence, [(amount_text, won) or (amount_text, won, org)]); the text is the lines in order."""
    text = "\n".join(sentence for sentence, _ in lines)
    records, offset = [], 0
    for sentence, amounts in lines:
        base = text.index(sentence, offset)
        offset = base + len(sentence)
        within = 0
        for amount_text, krw, *org in amounts:
            within = sentence.index(amount_text, within)
            start = base + within
            within += len(amount_text)
            records.append(InitiativeRecord(
                record_id=InitiativeRecord.make_id(doc_id, start, amount_text), doc_id=doc_id, title=title,
                published=dt.date(2024, 3, 12), org=org[0] if org else ORG, org_mention=org[0] if org else ORG,
                org_type="local_gov", amount_krw=krw, amount_text=amount_text, amount=krw, funding_type="budget",
                sentence=sentence, amount_start=start))
    return Document(article=Article(doc_id=doc_id, text=text, published=dt.date(2024, 3, 12), title=title,
                                    url=f"https://news.example.kr/{doc_id}"), records=records)


# case, title (None: none given), lines, {part: whole} by amount text, {restating: restated}
CASES = [
    # --- a fraction of a whole: the whole, 의 and a fraction word, then the part
    ("half of a total of an earlier sentence", None, [
        ("가람시는 올해 청년 일자리 사업에 300억원을 투입한다.", [("300억원", 300 * EOK)]),
        ("창업 지원에는 300억원의 절반이 넘는 160억원을 쓴다.", [("160억원", 160 * EOK)]),
    ], {"160억원": "300억원"}, {}),
    ("a percentage of a total of the same sentence", None, [
        ("가람시 연구개발 예산 500억원의 30%인 150억원은 인건비로 쓰인다.", [("500억원", 500 * EOK), ("150억원", 150 * EOK)]),
    ], {"150억원": "500억원"}, {}),
    ("일부 of a fund", None, [
        ("가람시는 2조원 규모의 기금을 조성한다.", [("2조원", 2 * JO)]),
        ("시는 2조원의 일부인 4000억원을 올해 먼저 푼다.", [("4000억원", 4000 * EOK)]),
    ], {"4000억원": "2조원"}, {}),
    # --- a list closed by its whole (등 총 / 등 모두)
    ("shares of the levels of government, closed by 등 총", None, [
        ("가람시 체육관은 국비 40억원, 도비 12억원, 시비 28억원 등 총 80억원이 들어간다.",
         [("40억원", 40 * EOK), ("12억원", 12 * EOK), ("28억원", 28 * EOK), ("80억원", 80 * EOK)]),
    ], {"40억원": "80억원", "12억원": "80억원", "28억원": "80억원"}, {}),
    ("items in brackets, closed by 등 모두, an item that is no record in between", None, [
        ("가람시의 새 사업은 하천 정비(30억원), 도로 포장(5억원), 공원 조성(20억원) 등 모두 55억원이다.",
         [("30억원", 30 * EOK), ("20억원", 20 * EOK), ("55억원", 55 * EOK)]),
    ], {"30억원": "55억원", "20억원": "55억원"}, {}),
    ("a bulleted list closed by 등 총", None, [
        ("가람시는 △교량 보수 7억 원 △하천 정비 5억 원 △공원 조성 12억 원 등 총 24억 원을 확보했다.",
         [("7억 원", 7 * EOK), ("5억 원", 5 * EOK), ("12억 원", 12 * EOK), ("24억 원", 24 * EOK)]),
    ], {"7억 원": "24억 원", "5억 원": "24억 원", "12억 원": "24억 원"}, {}),
    # --- a list opened by its whole as topic or subject
    ("a whole as topic, then its sources", None, [
        ("총 사업비 430억원은 국민체육진흥기금 120억원, 도비 114억원, 시비 196억원으로 확보했다.",
         [("430억원", 430 * EOK), ("120억원", 120 * EOK), ("114억원", 114 * EOK), ("196억원", 196 * EOK)]),
    ], {"120억원": "430억원", "114억원": "430억원", "196억원": "430억원"}, {}),
    ("the rest as topic, then where it goes", None, [
        ("1400억원은 순삭감했고, 나머지 1000억원은 지방하천에 600억원, 소하천에 400억원 배정했다.",
         [("1400억원", 1400 * EOK), ("1000억원", 1000 * EOK), ("600억원", 600 * EOK), ("400억원", 400 * EOK)]),
    ], {"600억원": "1000억원", "400억원": "1000억원"}, {}),
    ("items adding up to more than the amount before them are no parts of it", None, [
        ("가람시 예산 300억원은 복지 200억원, 교통 150억원으로 짜였다.",
         [("300억원", 300 * EOK), ("200억원", 200 * EOK), ("150억원", 150 * EOK)]),
    ], {}, {}),
    ("one amount after a topic is no list", None, [
        ("가람시 예산 300억원은 복지에 200억원을 쓴다.", [("300억원", 300 * EOK), ("200억원", 200 * EOK)]),
    ], {}, {}),
    # --- amounts told after their whole that add up to it exactly
    ("three facilities named with their whole, then each with its cost", None, [
        ("가람시는 430억원을 들여 체육센터·체육관·수영장을 건립한다.", [("430억원", 430 * EOK)]),
        ("체육센터(180억원)는 시내에 건립된다.", [("180억원", 180 * EOK)]),
        ("체육관(100억원)은 산단에 지어진다.", [("100억원", 100 * EOK)]),
        ("수영장(150억원)은 혁신도시에 들어선다.", [("150억원", 150 * EOK)]),
    ], {"180억원": "430억원", "100억원": "430억원", "150억원": "430억원"}, {}),
    ("amounts after a round whole that add up to it may be other money", None, [
        ("가람시는 올해 400억원을 투입한다.", [("400억원", 400 * EOK)]),
        ("또 도로에 300억원을 쓴다.", [("300억원", 300 * EOK)]),
        ("하천에도 100억원을 쓴다.", [("100억원", 100 * EOK)]),
    ], {}, {}),
    ("amounts after a whole that do not add up to it", None, [
        ("가람시는 430억원을 들여 체육센터·체육관을 건립한다.", [("430억원", 430 * EOK)]),
        ("체육센터(180억원)는 시내에 건립된다.", [("180억원", 180 * EOK)]),
        ("체육관(100억원)은 산단에 지어진다.", [("100억원", 100 * EOK)]),
    ], {}, {}),
    # --- 이중 opening a clause after a comma
    ("이중 after a comma", None, [
        ("가람시 도서관의 총사업비는 90억 원으로, 이중 국비는 45억 원이다.", [("90억 원", 90 * EOK), ("45억 원", 45 * EOK)]),
    ], {"45억 원": "90억 원"}, {}),
    # --- headline lines
    ("a title repeats the body's money", "가람시, 체육관 건립에 45억 투입", [
        ("가람시, 체육관 건립에 45억 투입", [("45억", 45 * EOK)]),
        ("가람시는 45억원을 들여 체육관을 짓는다고 밝혔다.", [("45억원", 45 * EOK)]),
    ], {}, {"45억": "45억원"}),
    ("a title names a part of the body's total after it", "K그룹 50조 투자… 연구개발 20조", [
        ("K그룹 50조 투자… 연구개발 20조", [("20조", 20 * JO, "K그룹")]),
        ("K그룹이 5년간 국내에 50조 원을 투자한다고 밝혔다.", [("50조 원", 50 * JO, "K그룹")]),
    ], {"20조": "50조 원"}, {}),
    ("a deck line under the title repeats the body's whole, which closes a list", "가람도서관 첫삽", [
        ("총 사업비 60억 원 투입... 내년 준공 예정", [("60억 원", 60 * EOK)]),
        ("도서관은 국비 36억 원, 시비 24억 원 등 총 60억 원을 들여 짓는다.", [("36억 원", 36 * EOK), ("24억 원", 24 * EOK)]),
    ], {"36억 원": "60억 원", "24억 원": "60억 원"}, {}),
    # --- what stays apart
    ("two projects whose amounts happen to be in ratio", None, [
        ("가람시는 도로 확장에 200억원을, 하천 정비에 100억원을 투입한다.", [("200억원", 200 * EOK), ("100억원", 100 * EOK)]),
    ], {}, {}),
    ("절반 said of another project, not of the amount", None, [
        ("가람시는 항만 개발에 200억원, 공항 개발에도 그 절반 수준인 100억원을 배정했다.",
         [("200억원", 200 * EOK), ("100억원", 100 * EOK)]),
    ], {}, {}),
    ("이중 of one bullet item does not reach the next item", None, [
        ("가람시는 △도시개발 분야에 30억원을 투입, 이중 공원 조성 사업 등을 펼치고 △농촌개발 분야에 25억원을 투입한다.",
         [("30억원", 30 * EOK), ("25억원", 25 * EOK)]),
    ], {}, {}),
    ("의 before a word that holds a fraction word's letters (프로젝트) is no fraction", None, [
        ("가람시는 총사업비 2000억원의 AI 프로젝트에 올해 50억원을 배정했다.", [("2000억원", 2000 * EOK), ("50억원", 50 * EOK)]),
    ], {}, {}),
    ("a list not closed by its whole", None, [
        ("가람시는 국비 40억원, 도비 12억원, 시비 28억원을 확보했다.", [("40억원", 40 * EOK), ("12억원", 12 * EOK), ("28억원", 28 * EOK)]),
    ], {}, {}),
    ("an earlier clause's money before a closed list", None, [
        ("가람시는 지난달 500억원을 썼고, 하천 30억원, 도로 20억원 등 총 50억원을 새로 배정했다.",
         [("500억원", 500 * EOK), ("30억원", 30 * EOK), ("20억원", 20 * EOK), ("50억원", 50 * EOK)]),
    ], {"30억원": "50억원", "20억원": "50억원"}, {}),
    ("a closed list whose items add up to more than the amount after it", None, [
        ("가람시는 하천 30억원, 도로 40억원 등 총 50억원 이상을 더 요청했다.",
         [("30억원", 30 * EOK), ("40억원", 40 * EOK), ("50억원", 50 * EOK)]),
    ], {}, {}),
    ("a headline of two organisations: the other one's money is no part", "가람 AI 1000억·나래 수소 500억", [
        ("가람 AI 1000억·나래 수소 500억", [("1000억", 1000 * EOK), ("500억", 500 * EOK, "나래시")]),
        ("가람시는 AI 산업에 1000억원을 투입한다.", [("1000억원", 1000 * EOK)]),
    ], {}, {"1000억": "1000억원"}),
    ("a headline amount the body does not give, with no larger one beside it", "가람시, 체육관에 45억", [
        ("가람시, 체육관에 45억", [("45억", 45 * EOK)]),
        ("가람시는 도서관에 80억원을 투입한다.", [("80억원", 80 * EOK)]),
    ], {}, {}),
    ("a line without a sentence ending after the body began is no headline", None, [
        ("가람시는 도로에 200억원을 쓴다.", [("200억원", 200 * EOK)]),
        ("▲도로 보수 200억원", [("200억원", 200 * EOK)]),
    ], {}, {}),
]


def _by_text(document: Document) -> dict[str, str]:
    by_text = {}
    for record in document.records:  # the first record of each text
        by_text.setdefault(record.amount_text, record.record_id)
    return by_text


@pytest.mark.parametrize("case, title, lines, parts, restated", CASES, ids=[case[0] for case in CASES])
def test_parts_and_restatements(case, title, lines, parts, restated):
    document = _document("case", lines, title)
    found = relations(document.records)
    text_of = {r.record_id: r.amount_text for r in document.records}
    assert {text_of[p]: text_of[w] for p, w in found.part_of.items()} == parts
    assert {text_of[r]: text_of[w] for r, w in found.restates.items()} == restated


def test_the_ratio_alone_links_nothing():
    """Every amount of the negatives is a half, a third… of another: that alone makes no part."""
    for case, title, lines, parts, restated in CASES:
        if not parts and not restated:
            assert not relations(_document("case", lines, title).records).part_of, case


def test_totals_count_the_whole_once():
    """By organisation, each article's money once: the whole, not the whole plus its parts or its headline."""
    chosen = {case: (title, lines) for case, title, lines, *_ in CASES}
    documents = [_document(f"doc-{n}", lines, title) for n, (title, lines) in enumerate(chosen[c] for c in (
        "half of a total of an earlier sentence", "shares of the levels of government, closed by 등 총",
        "a title repeats the body's money", "a title names a part of the body's total after it",
        "a deck line under the title repeats the body's whole, which closes a list",
        "two projects whose amounts happen to be in ratio"))]
    totals = krnews.totals(documents)
    assert totals.by_org == {ORG: (300 + 80 + 45 + 60 + 200 + 100) * EOK, "K그룹": 50 * JO}
    assert totals.parts.amount_krw == (160 + 40 + 12 + 28 + 45 + 36 + 24) * EOK + 20 * JO
