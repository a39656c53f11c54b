"""The merge decision of consolidation, pair by pair: two records (and their articles' story similarity) in,
one money or two out. Composed after what real outlets do (data/devset/stories): one initiative named in
each outlet's words, years given, misread or left out, rewrites that share little text."""
from __future__ import annotations

import datetime as dt

import pytest

from krnews.consolidation import consolidate
from krnews.consolidation.evidence import evidence
from krnews.consolidation.links import linked
from krnews.consolidation.matching import RecordKey, same_value
from krnews.models import Article, Document, InitiativeRecord

DAY = dt.date(2024, 3, 2)


def key(record_id="r1", org="부산광역시", amount=100_0000_0000, year=2024, name="AI 융합 산업 육성 사업",
        sentence=None, year_start=None, year_end=None, doc_id=None, published=None, amount_text="x") -> RecordKey:
    sentence = sentence or f"부산시가 올해 {name or '사업'}에 돈을 투입한다."
    return RecordKey.of(InitiativeRecord(
        record_id=record_id, doc_id=doc_id or record_id, org=org, org_mention=org, amount_krw=amount,
        amount_text=amount_text, amount=amount, year=year, year_start=year_start, year_end=year_end, initiative=name,
        sentence=sentence, amount_start=0, published=published,
    ))


def later(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


BUDGET = 47_2052_0000_0000  # a city's budget proposal, as four outlets told it
# One city's spending by sector, as two outlets listed it (one undated, its labels shifted by the extractor),
# and the same city's list of two years before: 1614억 again, its other figures not.
LIST_UNDATED = "이어 환경 분야 1836억원(16%), 농림 해양수산 분야 1614억원(14%), 국토 및 지역개발 812억원(7%) 등의 순이다."
LIST_DATED = ("세출 예산은 사회복지 3,075억 원(27%), 농림해양수산 1614억 원(14%), 환경 1836억 원(16%), "
              "국토 및 지역개발 812억 원(7%) 등으로 배분됐다.")
LIST_OTHER_YEAR = "분야별 세출예산은 △사회복지 분야 2703억원(25%) △농림해양수산 1614억원(15%) △환경 1520억원(14%) 등이다."
SECTOR = 1614_0000_0000
MERGED = [
    ("a rounded figure of an exact one",
     dict(amount=222_0417_4177, name="수소 산업 육성 사업", published=DAY),
     dict(amount=222_0000_0000, name="수소산업 육성사업", published=later(1)), None),
    ("a specific figure named by one outlet only",
     dict(amount=1_0815_0000_0000, name="밀양시 내년 본예산", published=DAY),
     dict(amount=1_0815_0000_0000, name=None, sentence="밀양시, 새해 예산안 1조815억원 편성", published=later(2)), 0.36),
    ("a specific figure, one article undated and without a year",
     dict(amount=5_4762_0000_0000, name=None, year=None, sentence="한전은 설비투자에 5조4762억원을 투입한다."),
     dict(amount=5_4762_0000_0000, name="스마트그리드", year=2010, published=DAY), 0.03),
    ("two outlets name one money after two of its projects, the same day, a rewrite",
     dict(amount=1_0800_0000_0000, name="청년과학자 육성", year=2018, published=DAY),
     dict(amount=1_0800_0000_0000, name="기초연구 지원", year=2018, published=DAY), 0.12),
    ("years disagree (2023, 2022) but the story and the dates agree",
     dict(amount=BUDGET, name="4대 핵심사업", year=2023, published=DAY),
     dict(amount=BUDGET, name=None, year=2022, sentence="서울시 예산안 47조2052억원", published=later(1)), 0.6),
    ("a round figure, unnamed, in a near copy of the article",
     dict(amount=100_0000_0000, name=None, sentence="부산시는 100억원을 쓴다.", published=DAY),
     dict(amount=100_0000_0000, name=None, sentence="부산시가 100억원 투입", published=DAY), 0.7),
    ("a round figure told twice in one article",
     dict(doc_id="d"), dict(record_id="r2", doc_id="d", name="AI융합산업 육성사업"), None),
    ("one list of figures, an undated article, the labels shifted",
     dict(amount=SECTOR, org="밀양시", year=None, name="환경 분야", sentence=LIST_UNDATED),
     dict(amount=SECTOR, org="밀양시", year=2026, name="국토 및 지역개발", sentence=LIST_DATED, published=DAY), 0.05),
    ("other figures of one release spelled differently (5천억, 4백억 / 5,000억, 400억)",
     dict(amount=2500_0000_0000, name="국도 110개 구간", published=DAY,
          sentence="고속도로에 5,000억원, 국도 110개 구간에 2,500억원, 지방도에 400억원이 투입된다."),
     dict(amount=2500_0000_0000, name="국도 1백10개 구간", published=DAY,
          sentence="고속도로 5천억원, 국도 1백10개 구간 2천5백억원, 지방도 4백억원씩이다."), 0.04),
    ("a budget proposal and the final figure of a later article",
     dict(amount=1200_0000_0000, sentence="부산시는 AI 융합 산업 육성 사업 예산안에 1200억원을 담았다.", published=DAY),
     dict(amount=1350_0000_0000, sentence="AI 융합 산업 육성 사업 예산이 1350억원으로 확정됐다.", published=later(90)), None),
]
APART = [
    ("another organisation", dict(published=DAY), dict(org="대구광역시", published=DAY), 0.6),
    ("another project of a round figure, the same week",
     dict(published=DAY), dict(name="스마트 항만 조성 사업", published=later(3)), 0.0),
    ("the same project of another district, in two related releases of one week",
     dict(amount=80_0000_0000, name="북구 수소 산업 육성 사업", published=DAY),
     dict(amount=80_0000_0000, name="남구 수소 산업 육성 사업", published=later(2)), 0.2),
    ("another action in one domain, the same week",
     dict(published=DAY), dict(name="AI 융합 산업 지원 사업", published=later(3)), 0.0),
    ("another year of a round figure", dict(published=DAY), dict(year=2025, published=later(365)), 0.0),
    ("another year of a specific figure in one article (동결)",
     dict(amount=1214_0000_0000, doc_id="d"), dict(amount=1214_0000_0000, doc_id="d", record_id="r2", year=2025), None),
    ("two values to the 억 in one sentence",
     dict(amount=1013_0000_0000, doc_id="d"), dict(amount=1011_0000_0000, doc_id="d", record_id="r2"), None),
    ("a round unnamed figure in two unrelated articles of one week",
     dict(name=None, sentence="부산시는 100억원을 들여 도로를 넓힌다.", published=DAY),
     dict(name=None, sentence="부산시는 청년 주택에 100억원을 지원한다.", published=later(2)), 0.0),
    ("the same figure in the same city's list of another year (the shares, 14%, recur; the amounts do not)",
     dict(amount=SECTOR, org="밀양시", year=None, name="농림 해양수산 분야", sentence=LIST_UNDATED),
     dict(amount=SECTOR, org="밀양시", year=2024, name="분야별 세출예산", sentence=LIST_OTHER_YEAR,
          published=later(-700)), 0.02),
    ("one list of figures, another organisation",
     dict(amount=SECTOR, org="밀양시", year=None, name="환경 분야", sentence=LIST_UNDATED),
     dict(amount=SECTOR, org="창원시", year=2026, name="국토 및 지역개발", sentence=LIST_DATED, published=DAY), 0.05),
    ("one list of figures, another year stated by both",
     dict(amount=SECTOR, org="밀양시", year=2025, name="환경 분야", sentence=LIST_UNDATED, published=DAY),
     dict(amount=SECTOR, org="밀양시", year=2026, name="국토 및 지역개발", sentence=LIST_DATED,
          published=later(365)), 0.05),
    ("beyond the rounding tolerance", dict(published=DAY), dict(amount=103_0000_0000, published=DAY), 0.6),
    ("no organisation", dict(org=None), dict(org=None), 0.6),
    ("a proposal and its final figure in an undated article",
     dict(amount=1200_0000_0000, sentence="AI 융합 산업 육성 사업 예산안에 1200억원을 담았다.", published=DAY),
     dict(amount=1350_0000_0000, sentence="AI 융합 산업 육성 사업 예산이 1350억원으로 확정됐다."), None),
    ("a change without a stage cue",
     dict(amount=100_0000_0000, published=DAY), dict(amount=120_0000_0000, published=later(60)), None),
]


@pytest.mark.parametrize("what, a, b, similarity, expected",
                         [(*case, True) for case in MERGED] + [(*case, False) for case in APART],
                         ids=[case[0] for case in MERGED + APART])
def test_merge_decision(what, a, b, similarity, expected):
    first, second = key(**a), key(**{"record_id": "r2", **b})
    assert linked(first, second, similarity) is expected
    assert linked(second, first, similarity) is expected  # a relation: symmetric


@pytest.mark.parametrize("a, b, same", [
    (222_0417_4177, 222_0000_0000, True), (1_0815_0000_0000, 1_0800_0000_0000, True),
    (100_0000_0000, 101_0000_0000, True), (1013_0000_0000, 1011_0000_0000, False),
    (14_1759_0000_0000, 14_0893_0000_0000, False), (100_0000_0000, 103_0000_0000, False),
])
def test_same_value_is_equal_or_a_rounding(a, b, same):
    assert same_value(a, b) is same and same_value(b, a) is same


def test_evidence_names_what_counted():
    found = evidence(key(amount=BUDGET, year=2023, published=DAY),
                     key("r2", amount=BUDGET, name="이태원 참사 지원", year=2022, published=later(1)), 0.2)
    assert found == {"amount_digits": 3, "names_conflict": -1, "years_conflict": -3, "related_story": 1,
                     "dates_close": 1}


@pytest.mark.parametrize("sentence, amount, figures", [
    (LIST_DATED, SECTOR, {3075_0000_0000, 1836_0000_0000, 812_0000_0000}),
    ("국도 1백10개 구간 2천5백억원, 지방도 4백억원씩", 2500_0000_0000, {400_0000_0000}),
    ("내년 예산은 10조2천억원으로 올해 본예산인 8조9천억원보다 14.9% 증가", 8_9000_0000_0000, {10_2000_0000_0000}),
    ("밀양시 예산 1조 1594억원, 2026년, 27%", 0, {1_1594_0000_0000}),
    ("오픈바우처를 내년에 1천11억 972억원으로 증액", 1011_0000_0000, {972_0000_0000}),  # two amounts, not one
    ("3천 163억원과 222억417만원, " + "1" * 40 + "원", 0, {3163_0000_0000, 222_0417_0000}),
    ("삼양식품은 68,830㎡ 규모에 1,300 억 원을 투자할 계획이다.", 1300_0000_0000, set()),
])
def test_figures_are_the_other_amounts_of_the_sentence(sentence, amount, figures):
    assert key(amount=amount, sentence=sentence).figures == figures


def test_shared_figures_count_as_evidence():
    found = evidence(key(amount=SECTOR, org="밀양시", year=None, name="환경 분야", sentence=LIST_UNDATED),
                     key("r2", amount=SECTOR, org="밀양시", year=2026, name="국토 및 지역개발", sentence=LIST_DATED,
                         published=DAY), 0.05)
    assert found == {"amount_digits": 3, "names_conflict": -1, "figures_shared": 2}
    # two records of one article share their sentence's figures: that says nothing
    one_article = evidence(key(amount=SECTOR, org="밀양시", year=None, sentence=LIST_DATED, doc_id="d"),
                           key("r2", amount=SECTOR, org="밀양시", year=None, sentence=LIST_DATED, doc_id="d"))
    assert "figures_shared" not in one_article


def test_four_outlets_disagreeing_on_name_and_year_give_one_initiative_with_their_variants():
    reports = [("a", "4대 핵심사업", 2023), ("b", "이태원 참사 지원", 2022), ("c", "자치구 지원", None), ("d", None, None)]
    docs = [Document(article=Article(doc_id=doc, text=f"서울시 예산안 47조2052억원 {doc}", published=later(n)),
                     records=[InitiativeRecord(record_id=f"{doc}1", doc_id=doc, org="서울특별시", org_mention="서울시",
                                               amount_krw=BUDGET, amount_text="47조2052억원", year=year, initiative=name,
                                               sentence=f"서울시는 47조2052억원 규모의 예산안을 편성했다 ({doc}).",
                                               amount_start=0, published=later(n))])
            for n, (doc, name, year) in enumerate(reports)]
    (initiative,) = consolidate(docs).initiatives
    assert initiative.n_sources == 4
    assert initiative.variants["initiative"] == ["4대 핵심사업", "이태원 참사 지원", "자치구 지원"]
    assert initiative.variants["year"] == ["2022", "2023"]
