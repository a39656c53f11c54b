"""Initiative records from whole articles: linking, carry-over, what is not a record."""
import json
from pathlib import Path

import pytest

import krnews

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "metroseoul_2020_local_gov_ai_budgets"


def records(text, published="2024-03-12"):
    return krnews.extract(text, published=published).records


def summary(found):
    return [(r.org, r.amount_krw, r.year, r.year_start, r.year_end) for r in found]


@pytest.mark.skipif(not SEED.with_suffix(".txt").exists(), reason="../shared/data/seed is not beside the checkout")
def test_the_seed_article_gives_exactly_its_six_records():
    expected = [json.loads(line) for line in SEED.with_suffix(".expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
    found = records(SEED.with_suffix(".txt").read_text(encoding="utf-8"), published="2020-01-15")
    assert [(r.org, r.amount_krw, r.year, r.year_end) for r in found] == [
        (e["org"], e["amount_krw"], e.get("year"), e.get("year_end")) for e in expected
    ]


def test_the_acting_organisation_carries_over_to_sentences_without_one():
    text = (
        "대구시는 올해 로봇 산업 육성에 나선다.\n\n"
        "시 관계자는 \"기업 수요가 많다\"고 말했다. 또 올해 로봇 실증 사업에 85억원(지난해 60억원)이 배정됐다.\n\n"
        "충청북도도 올해 27억원을 들여 '바이오 데이터 플랫폼 구축 사업'을 추진한다."
    )
    found = records(text)
    assert summary(found) == [
        ("대구광역시", 8_500_000_000, 2024, None, None),
        ("대구광역시", 6_000_000_000, 2023, None, None),
        ("충청북도", 2_700_000_000, 2024, None, None),
    ]
    assert found[2].initiative == "바이오 데이터 플랫폼 구축 사업"
    assert found[0].funding_type == "budget"


def test_periods_and_ends_of_periods():
    found = records("해양수산부는 2025~2029년 5년간 항만 자동화에 1조1000억원을 투자한다. 인천시는 2027년까지 800억원을 들여 물류센터를 짓는다.")
    assert summary(found) == [
        ("해양수산부", 1_100_000_000_000, None, 2025, 2029),
        ("인천광역시", 80_000_000_000, None, None, 2027),
    ]


def test_money_that_is_not_an_initiative_stays_a_mention():
    text = (
        "한빛제약은 지난해 매출 4200억원, 영업이익 310억원을 기록했다. 공정위는 과징금 12억원을 부과했다. "
        "연구개발비는 전년보다 50억원 늘었다. 은하에는 200억 개의 별이 있다. 회사는 설비 투자를 70억원 줄이기로 했다."
    )
    doc = krnews.extract(text, published="2024-03-12")
    assert doc.records == []
    assert {m.text for m in doc.mentions if m.kind == "amount"} == {"4200억원", "310억원", "12억원", "50억원", "70억원"}


def test_the_same_money_in_headline_and_body_is_one_record():
    text = "포항시, 이차전지 센터에 300억 투입\n\n포항시는 올해 300억원을 투입해 이차전지 소재 센터를 짓는다."
    assert summary(records(text)) == [("경상북도 포항시", 30_000_000_000, 2024, None, None)]


def test_related_article_sidebars_give_no_records():
    text = "세종시는 올해 48억원을 투입해 자율주행 셔틀을 늘린다.\n관련기사\n- 오산시, 체육관에 45억 투입"
    assert [r.amount_krw for r in records(text)] == [4_800_000_000]


def test_a_foreign_amount_with_its_won_value_is_one_record_in_won():
    found = records("한결배터리는 미국 공장에 3억 달러(약 4000억원)를 투자한다.")
    assert [(r.amount_krw, r.currency) for r in found] == [(400_000_000_000, "KRW")]


def test_other_currencies_keep_their_own_value():
    [record] = records("닝보에너지는 경북에 50억 위안을 투자한다고 밝혔다.")
    assert (record.amount_krw, record.amount, record.currency) == (None, 5_000_000_000, "CNY")


def test_record_ids_are_stable_across_runs():
    text = "전라남도는 올해 해상풍력 항만에 300억원을 투입한다."
    assert [r.record_id for r in records(text)] == [r.record_id for r in records(text)]


def test_a_company_winning_a_public_contract_is_its_recipient():
    [record] = records("대명건설은 LH가 발주한 행복주택 건설공사를 520억원에 계약했다고 밝혔다.")
    assert (record.org, record.recipient, record.org_role, record.funding_type) == ("한국토지주택공사", "대명건설", "funder", "contract")


def test_a_company_outside_the_gazetteer_acting_as_subject():
    [record] = records("나카무라정공은 경남 창원 공장 증설에 120억엔을 투입한다고 12일 밝혔다.")
    assert (record.org, record.currency, record.amount) == ("나카무라정공", "JPY", 12_000_000_000)


@pytest.mark.parametrize("text, org", [
    ("오세훈 서울시장은 기자회견에서 \"저출생 대응에 올해 3조원을 투입하겠다\"고 밝혔다.", "서울특별시"),
    ("김민수 전남도지사는 해상풍력 항만에 500억원을 투입한다고 말했다.", "전라남도"),
    ("박지영 완도군수는 올해 해양치유센터에 100억원을 들인다고 밝혔다.", "전라남도 완도군"),
])
def test_the_head_of_a_local_government_speaks_for_it(text, org):
    assert [r.org for r in records(text)] == [org]
    assert org not in [m.canonical for m in krnews.extract(text).mentions if m.kind == "org"]  # no mention


def test_a_minister_glued_to_the_ministry_acts_for_it():
    [record] = records("김한빛 중기부장관은 올해 스타트업 펀드에 300억원을 출자한다고 밝혔다.")
    assert (record.org, record.amount_krw) == ("중소벤처기업부", 30_000_000_000)


def test_a_part_of_money_just_given_has_its_year_whoever_spends_it():
    text = ("정부는 내년 수소 인력 양성 예산으로 2,400억 원을 책정했다. 산업부는 이 중 800억 원을 대학 지원에 투입한다. "
            "환경부는 충전소 보급에 120억 원을 투입한다.")
    assert summary(records(text, published="2022-12-20")) == [
        ("정부", 240_000_000_000, 2023, None, None),
        ("산업통상자원부", 80_000_000_000, 2023, None, None),
        ("환경부", 12_000_000_000, 2022, None, None),  # its own money, said now: the publication year
    ]


@pytest.mark.parametrize("text, initiatives", [
    ("부산시는 2021~2025년 5년간 해양관광 활성화 사업에 모두 4천억원을 들인다.", ["해양관광 활성화 사업"]),
    ("한빛시는 향후 3년간 청년 창업 지원 사업에 90억원을 쓴다.", ["청년 창업 지원 사업"]),
    ("한빛군은 올해 본예산 3000억원 가운데 도로 정비에 200억원을 편성했다.", [None, "도로 정비"]),
    ("한빛시는 (가칭)스마트물류센터 건립에 120억원을 투입한다.", ["스마트물류센터 건립"]),
    ("과기정통부는 디지털 뉴딜에 올해 2조원을 투입한다.", ["디지털 뉴딜"]),  # a year word between
    ("경남도는 사천에 1천억원 규모의 우주산업 펀드를 조성한다.", ["우주산업 펀드 조성"]),  # 사천: where, not what for
    ("한빛전자는 미국에 7억 달러를 투자한다.", [None]),
    # words MeCab-ko tags as no noun inside a name: 단지 as an adverb, 인 as the copula
    ("원주시는 2028년까지 의료기기 산업단지 조성에 3,200억원을 투입한다.", ["의료기기 산업단지 조성"]),
    ("경상북도는 올해 청년 농업인 정착 지원에 64억원을 투입한다.", ["청년 농업인 정착 지원"]),
])
def test_the_initiative_is_the_purpose_without_time_or_part_words(text, initiatives):
    assert [r.initiative for r in records(text)] == initiatives


@pytest.mark.parametrize("text, funding_type", [
    ("한빛진흥원은 올해 인디게임 제작 지원에 12억원을 배정했다.", "budget"),  # 지원에: what for; 배정: the money
    ("한빛도는 농가 보험료 지원사업에 31억원을 편성했다.", "budget"),
    ("한빛시는 올해 도서관 건립 사업비 98억원을 편성했다.", "project_cost"),  # the amount's own noun decides
    ("한빛부는 중소기업 기금 11조원을 편성했다.", "fund"),
    ("한빛부는 창업 기업에 지원금 5억원을 준다.", "grant"),
])
def test_a_cue_word_naming_the_purpose_does_not_decide_the_kind_of_money(text, funding_type):
    assert [r.funding_type for r in records(text)] == [funding_type]


@pytest.mark.parametrize("text, expected", [
    ("국토교통부는 김해시를 선정하고 국비 40억원을 지원한다.", ("국토교통부", "funder", "grant")),  # the state gives its money
    ("과학기술정보통신부는 올해 국비 2380억원을 편성했다.", ("과학기술정보통신부", "funder", "budget")),  # and keeps it
    ("교육부는 올해 선정 대학에 예산 총 1045억원을 투입한다.", ("교육부", "funder", "budget")),  # 선정: whom it chose
    ("한빛전자는 산업부 사업자로 선정돼 100억원을 지원받는다.", ("한빛전자", "recipient", "grant")),  # chosen: it receives
])
def test_who_selects_gives_and_who_is_selected_receives(text, expected):
    assert [(r.org, r.org_role, r.funding_type) for r in records(text)] == [expected]


def test_a_county_receives_the_state_s_and_province_s_shares_and_pays_its_own_whatever_the_verb():
    text = "진천군은 체육관 사업비를 국민체육진흥기금 120억원, 도비 110억원, 군비 190억원으로 확보했다."
    assert [(r.amount_krw, r.org_role, r.funding_type) for r in records(text)] == [
        (12_000_000_000, "recipient", "grant"), (11_000_000_000, "recipient", "grant"), (19_000_000_000, "funder", "budget")]


def test_the_amounts_of_a_list_are_received_when_the_list_s_predicate_receives_them():
    text = "진천군은 특별교부세로 족구장 설치사업 8억 원, 도서관 보수사업 5억 원 등 총 13억 원을 확보했다."
    assert [(r.amount_krw, r.org_role) for r in records(text)][:2] == [(800_000_000, "recipient"), (500_000_000, "recipient")]


@pytest.mark.parametrize("text, initiatives", [
    # a name written right before its amount, as lists of items are written
    ("한빛도는 올해 예산으로 기반조성 210억원, 보육센터 122억원, 임대형농장 164억원 등 총 496억원을 투입한다.",
     ["기반조성", "보육센터", "임대형농장", None]),
    ("과기정통부는 내년 예산으로 글로벌혁신생태계 조성(140억원), 달 탐사(100억원) 등을 편성했다.",
     ["글로벌혁신생태계 조성", "달 탐사"]),
    # without the word for money after it
    ("중진공은 베트남 개발인력 공급·매칭 예산 16억원을 신규 편성했다.", ["베트남 개발인력 공급·매칭"]),
    ("김포시는 올해 도시철도 차량기지 이전 설계비로 35억원을 편성했다.", ["도시철도 차량기지 이전"]),
    # an amount in the aside of another is for the same thing
    ("강릉시는 화폐전시관 건립 30억원(총사업비 100억원)을 확보했다.", ["화폐전시관 건립", "화폐전시관 건립"]),
    ("한빛전자는 폴리실리콘 제조를 위해 2027년까지 3200억원을 투자한다.", ["폴리실리콘 제조"]),
    ("세종시는 올해 자율주행 셔틀 운행 구간을 늘리는 데 48억원을 투입한다.", ["자율주행 셔틀 운행 구간"]),
    ("동해중공업은 LNG 운반선 4척을 1조1,560억원에 수주했다.", ["LNG 운반선 4척"]),  # what the money buys
    ("아오바파트너스는 한국 AI 스타트업 세 곳에 총 2700억원을 투자한다.", ["한국 AI 스타트업 세 곳"]),
    ("경기도는 1,850억원을 투입한다. 이 가운데 600억원은 태양광 설치에, 450억원은 전기버스 보급에 쓰인다.",
     [None, "태양광 설치", "전기버스 보급"]),  # the purpose after the amount it is the topic of
    ("경기도는 2025년부터 5년간 3,500억원을 투입한다.", [None]),  # years and counts name nothing
    ("거창군은 이번에 특별교부세 10억 원을 추가로 확보했다.", [None]),
    ("목포시도 산업단지를 잇는 연결도로 정비에 시비 35억원을 보탠다.", ["연결도로 정비"]),  # whose money, between
    # words for money, parts, quantities and organisations name nothing
    ("서울시는 국비 100억원, 시비 50억원을 투입한다.", [None, None]),
    ("서울시는 350억원을 확보했고 나머지 150억원을 추경 때 최대 200억원까지 편성한다.", [None, None, None]),
    ("한빛시는 삼성전자 200억원, 엘지전자 100억원의 투자를 유치했다.", [None, None]),
    # a quotation is no name, nor is one character (美에: the United States)
    ("한빛시는 “올해는 지자체 간 양극화가 더 심해지고 있다는 게 우리 판단”이라며 1조원을 편성했다.", [None]),
    ("한빛전자는 美에 500억 달러를 투자한다.", [None]),
    ("LG화학은 비슷한 시기 충북 오창공장에도 60억 원을 들여 설비를 놓았다.", ["충북 오창공장"]),
    # what the money builds, with the verb that makes it a project (을 증설, 를 설치)
    ("한빛전자는 500억원을 들여 평택공장을 증설한다.", ["평택공장 증설"]),
    ("포항시는 30억원을 들여 전기차 충전기를 설치한다.", ["전기차 충전기 설치"]),
    # nouns listed within one name (및, ~); 인 after a project word is "which is", not part of the name
    ("포항시는 데이터 수집 및 분석 플랫폼 구축에 80억원을 투입한다.", ["데이터 수집 및 분석 플랫폼 구축"]),
    ("제주도는 서귀포시 야구장 등 6개 체육시설 조성에 174억원을 투입한다.", ["서귀포시 야구장 등 6개 체육시설 조성"]),
    ("포항시는 국책사업인 포항~영덕 철도 건설에 1,200억원을 확보했다.", ["포항~영덕 철도 건설"]),
    # the budget the amount is the size of, as subject, topic or object, or right after it
    ("강원도는 내년 예산안을 발표했다. 이 가운데 문화예산이 2100억원으로 역대 최대다.", ["문화예산"]),
    ("강원도의 복지예산은 전체 예산의 30%인 2조1000억원이다.", ["복지예산"]),
    ("강원도는 청년 예산을 1500억원으로 편성했다.", ["청년 예산"]),
    ("강원도는 2019년 1조2000억원이었던 환경예산을 두 배로 늘린다.", ["환경예산"]),
    # a kind of budget alone names nothing
    ("강원도의 본예산은 5조원이다.", [None]),
    ("강원도는 올해 총예산이 5조원으로 늘었다.", [None]),
    ("강원도는 올해 예산을 5조원으로 편성했다.", [None]),
])
def test_the_initiative_is_the_name_written_with_the_amount(text, initiatives):
    assert [r.initiative for r in records(text)] == initiatives


def test_no_initiative_is_carried_into_a_sentence_about_another_organisation():
    text = ("중기부는 올해 시범사업으로 딥테크 실증 랩 10곳을 지정하고 100억원을 투입할 계획이다. "
            "한국벤처캐피탈협회에 따르면 지난해 국내 벤처투자 총액은 5조3,000억원으로 전년보다 20% 줄었다.")
    assert [r.initiative for r in records(text)] == ["시범사업", None]


def test_money_of_no_named_initiative_is_for_what_its_organisation_was_last_said_to_fund():
    text = ("경상남도는 지난해 우주항공 부품 국산화에 85억원을 지원했다. 도는 올해 120억원으로 늘린다.\n\n"
            "부산시는 올해 150억원을 편성했다.")  # another organisation's money: no name carried over
    assert [(r.org, r.initiative) for r in records(text)] == [
        ("경상남도", "우주항공 부품 국산화"), ("경상남도", "우주항공 부품 국산화"), ("부산광역시", None)]


def test_a_place_is_known_by_the_gazetteer_the_pipeline_was_built_with(tmp_path):
    from krnews.nlp.language import analyse, build_nlp
    from krnews.normalise.initiatives import find_initiative

    patterns, organisations = tmp_path / "patterns.jsonl", tmp_path / "organisations.jsonl"
    patterns.write_text('{"label": "ORG", "pattern": "누리시", "id": "누리시"}\n', encoding="utf-8")
    organisations.write_text('{"id": "누리시", "org_type": "local_gov"}\n', encoding="utf-8")
    text = "한빛전자는 누리에 200억원을 들여 공장을 짓는다."
    start = text.index("200억원")
    nlp = build_nlp()
    assert find_initiative(analyse(text, nlp=nlp), start, start + 5, 0, len(text)) == "누리"  # no place it knows
    nlp.replace_pipe("krnews_orgs", "krnews_orgs", config={"patterns": str(patterns), "organisations": str(organisations)})
    assert find_initiative(analyse(text, nlp=nlp), start, start + 5, 0, len(text)) is None  # 누리시's place


def test_shares_say_whose_money_it_is():
    text = "진천군은 2026년까지 스마트팜 단지 조성에 국비 120억원, 군비 40억원, 민자 300억원을 투입한다."
    assert [(r.org, r.amount_krw, r.funding_type, r.org_role) for r in records(text)] == [
        ("충청북도 진천군", 12_000_000_000, "grant", "recipient"),  # the state's money, which the county receives
        ("충청북도 진천군", 4_000_000_000, "budget", "funder"),
        ("민간", 30_000_000_000, "investment", "funder"),  # private money, not the county's
    ]


def test_the_amounts_of_a_list_share_its_predicate():
    text = "서울시가 청년 월세 지원에 2025년 200억원, 2026년 250억원을 각각 투입한다."
    assert [(r.amount_krw, r.funding_type, r.year) for r in records(text)] == [
        (20_000_000_000, "budget", 2025), (25_000_000_000, "budget", 2026)]


def test_research_and_development_spending_is_investment_not_a_project_cost():
    [record] = records("한빛전자는 올해 연구개발비로 5,800억원을 썼다고 밝혔다.", published="2023-08-08")
    assert (record.funding_type, record.year) == ("investment", 2023)


def test_what_the_money_is_given_as_names_the_kind_of_a_whole_list():
    text = "진천군은 올해 특별교부세로 수영장 보수 5억원, 체육관 냉난방 설치사업 3억원을 확보했다."
    assert [(r.amount_krw, r.funding_type) for r in records(text)] == [(500_000_000, "grant"), (300_000_000, "grant")]


def test_money_that_is_revenue_right_after_the_amount_is_no_record_whatever_came_before():
    assert records("정부 지원으로 한빛소재는 지난해 200억원의 매출을 올렸다.") == []


@pytest.mark.parametrize("text", [
    "누리골프협회는 우승상금 1억원을 내걸었다.",
    "대회 총상금은 3억2000만 원이며 우승자에게는 상금 5,000만 원이 주어진다.",
    "경찰은 현상금 1000만원을 걸었다.",
    "누리빌딩의 임대 조건은 보증금 60억원에 월세 2억원이다.",
    "투자자의 실투자금은 최저 6000만 원이다.",
    "배우의 회당 출연료는 1억 원이다.",
    "그는 사이닝보너스 2800만 달러를 받았다.",
    "미술품 경매의 낙찰가 총액은 532억원이었다.",
    "학생들이 내는 등록금 총액은 3000억 원이다.",
])
def test_prizes_rents_deposits_fees_and_prices_are_no_record(text):
    assert records(text) == []


@pytest.mark.parametrize("text, expected", [
    ("삼성전자와 SK하이닉스는 용인 반도체 클러스터에 각각 360조원, 120조원을 투자한다.",
     [("삼성전자", 360_000_000_000_000), ("SK하이닉스", 120_000_000_000_000)]),
    ("경기도·인천시·서울시는 각각 30억원, 20억원, 10억원을 부담한다.",
     [("경기도", 3_000_000_000), ("인천광역시", 2_000_000_000), ("서울특별시", 1_000_000_000)]),
    # one organisation, two purposes: 각각 pairs the amounts with the purposes, not with organisations
    ("서울시는 청년 주거사업과 돌봄사업에 각각 100억원, 50억원을 투입한다.",
     [("서울특별시", 10_000_000_000), ("서울특별시", 5_000_000_000)]),
])
def test_respectively_pairs_joined_organisations_with_the_amounts_in_order(text, expected):
    assert [(r.org, r.amount_krw) for r in records(text)] == expected


@pytest.mark.parametrize("valuation", ["3000억원", "20억 파운드", "3000억 루블"])  # in any currency the amounts know
def test_a_valuation_beside_the_round_does_not_make_the_round_no_record(valuation):
    text = f"한빛랩스는 누리벤처스가 참여한 200억원 규모의 시리즈B에서 {valuation}의 밸류로 투자 유치를 받았다."
    assert [(r.org, r.amount_krw, r.funding_type, r.org_role) for r in records(text)] == [
        ("한빛랩스", 20_000_000_000, "investment", "recipient")]  # the valuation stays a mention


def test_a_council_passing_its_government_s_budget_gives_the_government_s_record():
    [record] = records("울산시의회는 내년도 예산안 5조 1,234억원 가운데 32억원을 삭감해 의결했다.", published="2023-12-01")
    assert (record.org, record.amount_krw, record.funding_type, record.year) == ("울산광역시", 5_123_400_000_000, "budget", 2024)


def test_before_any_organisation_acts_one_named_in_the_sentence_beats_one_named_later():
    text = ("예산 내역을 보면, 항만 사업에 5조원을 투자하는 한국토지주택공사에 대한 지원비는 300억원으로 확정됐다. "
            "국토교통부 관련 예산은 2조원으로 편성됐다.")
    assert [r.org for r in records(text)] == ["한국토지주택공사", "한국토지주택공사", "국토교통부"]


def test_the_government_named_after_a_ministry_is_the_government_not_the_ministry():
    text = ("농림수산식품부 예산은 3366억원으로 확정됐다. "
            "수정 예산안은 당초 정부가 제출한 291조원보다 1조원 늘어난 292조원으로 편성됐다.")
    assert [r.org for r in records(text)] == ["농림수산식품부", "정부", "정부"]


def test_a_national_budget_cut_from_the_government_s_proposal_is_the_government_s_money():
    text = ("국회를 통과한 수정 예산안에서 4대강 관련 예산은 정부안보다 4250억원 삭감된 4조 8602억원으로 조정됐다. "
            "국토해양부 관련 예산은 3조 2200억원으로 줄었다.")  # not the ministry named later
    assert [(r.org, r.amount_krw) for r in records(text)] == [("정부", 4_860_200_000_000), ("국토해양부", 3_220_000_000_000)]


def test_a_party_debating_a_budget_is_not_its_funder():
    text = "행정안전부는 올해 지역화폐 예산으로 4000억원을 편성했다. 야당인 정의당이 반대했던 이 예산은 국회에서 4000억원으로 확정됐다."
    assert {r.org for r in records(text)} == {"행정안전부"}


def test_two_shares_of_one_size_in_one_sentence_are_two_records_until_the_works_are_done():
    text = ("대전 서구는 누리도서관을 새로 짓는다. 누리도서관은 국비 30억 원, 시비 20억 원, 구비 20억 원 등 총 70억 원의 "
            "사업비를 투입해 지상 3층 규모로 내년 8월 준공 예정이다.")
    found = records(text, published="2018-05-02")
    assert [(r.amount_krw, r.funding_type, r.year_end) for r in found] == [
        (3_000_000_000, "grant", 2019), (2_000_000_000, "grant", 2019), (2_000_000_000, "budget", 2019),
        (7_000_000_000, "project_cost", 2019),
    ]


def test_spending_on_works_keeps_its_year_and_a_total_cost_beside_a_yearly_amount_does_not():
    [works] = records("평택시는 올해 반도체 인재 기숙사 건립에 70억원을 투입한다.")  # this year's spending on works
    assert (works.funding_type, works.year) == ("project_cost", 2024)
    yearly, total = records("강릉시는 올해 화폐전시관 건립 30억원(총사업비 100억원)을 확보했다.")
    assert (yearly.year, total.funding_type, total.year, total.year_start, total.year_end) == (
        2024, "project_cost", None, None, None)


@pytest.mark.parametrize("text, period", [
    ("울산광역시는 수소 실증 단지 조성에 삼백억원을 투자한다고 밝혔다. 사업 기간은 2024년부터 2026년까지다.", (None, 2024, 2026)),
    ("코레일은 노후 전동차 교체에 2,300여억원을 투입한다. 교체는 2027년까지 마무리된다.", (None, None, 2027)),
    ("농식품부의 스마트팜 혁신밸리 사업(2020-2024년)에는 모두 4,200억 원이 배정됐다.", (None, 2020, 2024)),  # an aside of a year
    # the money's own year stays; a period two sentences on, or in another paragraph, dates nothing
    ("한빛시는 올해 수소 사업에 100억원을 투입한다. 사업 기간은 2024년부터 2026년까지다.", (2024, None, None)),
    ("한빛시는 수소 사업에 100억원을 투입한다. 시장은 인사했다. 사업 기간은 2025년부터 2026년까지다.", (2024, None, None)),
    ("한빛시는 수소 사업에 100억원을 투입한다.\n\n사업 기간은 2025년부터 2026년까지다.", (2024, None, None)),
])
def test_a_period_stated_beside_the_money_dates_it(text, period):
    [record] = records(text)
    assert (record.year, record.year_start, record.year_end) == period


def test_a_facility_named_with_its_place_is_paid_for_by_that_place():
    text = ("제주도는 올해 체육시설 확충에 95억원을 투입한다. 시·군 지역별로는 제주시의 경우 한빛체육관 등 2개에 30억원, "
            "북제주군 한빛문화체육센터 등 3개에 40억원, 남제주군 누리스포츠센터 등 2개에 25억원 등이다.")
    found = records(text, published="2004-05-02")
    assert [(r.org_mention, r.amount_krw) for r in found][2:] == [("북제주군", 4_000_000_000), ("남제주군", 2_500_000_000)]
    assert found[2].org == "제주특별자치도 북제주군"  # a county merged away in 2006 is still named


def test_money_in_a_subheading_is_the_body_s_money_whoever_the_body_says_spends_it():
    text = ("누리시, 첨단산단 승인…2027년 준공\n4500억원 투입해 환지 방식으로 개발\n"
            "누리시는 첨단 일반산업단지 계획이 승인됐다고 밝혔다. 사업은 누리첨단산업단지개발조합이 맡는다. "
            "조합의 추정사업비는 4500억 원이며 2027년 준공 예정이다.")
    found = records(text, published="2024-03-12")
    assert [(r.org, r.amount_krw, r.sentence.startswith("조합")) for r in found] == [
        ("누리첨단산업단지개발조합", 450_000_000_000, True)]


def test_a_clause_with_its_own_company_does_not_take_the_other_clause_s_deadline():
    text = ("조선업체들의 투자 결정이 잇따르고 있다. 한빛조선은 조립공장을 1600억원을 들여 내년까지 완공키로 했고 "
            "누리중공업도 군산 공장 신축을 위해 4000억원을 투자키로 했다.")
    found = records(text, published="2008-02-14")
    assert [(r.amount_krw, r.year, r.year_end) for r in found] == [(160_000_000_000, None, 2009), (400_000_000_000, 2008, None)]


def test_a_record_in_a_hard_wrapped_text_keeps_what_the_line_before_says():
    from test_tokenizer import WRAPPED

    [cost, design] = records(WRAPPED)
    assert (cost.org, cost.amount_krw, cost.year_start, cost.year_end) == ("충청북도 청주시", 850 * 10**8, 2025, 2029)
    assert (design.org, design.year) == ("충청북도 청주시", 2024)


@pytest.mark.parametrize("text, expected", [
    # several bodies named as one spend as one, not as the first body listed with them
    ("한빛전자·누리화학·대성바이오 등 12개 대기업이 내년까지 국내에 15조원 규모의 투자를 하겠다고 밝혔다.",
     [("12개 대기업", "company", "funder", None)]),
    ("충청북도는 올해 체육시설에 50억원을 투입한다. 한편 도내 일선 시군은 총 사업비 174억원을 들여 체육시설 6곳을 짓는다.",
     [("충청북도", "local_gov", "funder", None), ("도내 일선 시군", "local_gov", "funder", None)]),
    # a group that receives: the giver the text is about funds it
    ("교육부는 올해 1045억원을 투입한다. 선정된 30개 대학은 평균 20억원 내외로 지원받는다.",
     [("교육부", "central_gov", "funder", None), ("교육부", "central_gov", "funder", "30개 대학")]),
    # a bare 기업 refers back to one company
    ("삼성전자는 평택에 30조원을 투자한다. 이 기업은 내년에도 10조원을 투자한다.",
     [("삼성전자", "company", "funder", None), ("삼성전자", "company", "funder", None)]),
])
def test_a_group_of_bodies_named_as_one_acts_as_one(text, expected):
    assert [(r.org, r.org_type, r.org_role, r.recipient) for r in records(text)] == expected


def test_money_said_to_be_an_organisations_share_is_its_own():
    text = "강원도가 지원할 수 있는 사업비는 최대 200억 원 수준, 나머지 800억 원은 양양군의 몫입니다."
    assert [(r.org, r.org_role, r.recipient, r.funding_type) for r in records(text)][1] == (
        "강원특별자치도 양양군", "funder", None, "budget")


@pytest.mark.parametrize("text, expected", [
    # the company it supplies pays a supply contract
    ("한빛전자는 누리모터스에 2026년까지 3000억원 규모의 배터리를 공급하는 계약을 체결했다.",
     ("누리모터스", "funder", "한빛전자", "contract")),
    # a purchase contract is the buyer's own money
    ("한빛전자는 누리소재와 3000억원 규모의 원료 구매 계약을 체결했다.", ("한빛전자", "funder", None, "contract")),
])
def test_who_pays_a_companys_contract(text, expected):
    [record] = records(text)
    assert (record.org, record.org_role, record.recipient, record.funding_type) == expected


def test_money_for_an_organisation_named_with_에_대한_is_received_by_it():
    text = "댐 건설에 2조원을 투자하는 한국수자원공사에 대한 이자 지원 예산은 300억원으로 확정됐다."
    assert [(r.amount_text, r.org, r.org_role) for r in records(text)] == [
        ("2조원", "한국수자원공사", "funder"), ("300억원", "한국수자원공사", "recipient")]


@pytest.mark.parametrize("text, expected", [
    # public money named right after the amount says whose it is, as it does before it
    ("진안군은 마이산 관광지를 육성한다. 2025년부터 5년간 매년 10억원씩 도비가 투입된다.", ("recipient", "grant")),
    ("청주시는 30억원의 국비를 확보했다.", ("recipient", "grant")),
    ("청주시는 30억원의 시비를 투입한다.", ("funder", "budget")),
])
def test_public_money_named_after_the_amount(text, expected):
    [record] = records(text)
    assert (record.org_role, record.funding_type) == expected


def test_a_discourse_word_does_not_open_an_initiative():
    text = "경기도는 올해 1,000억원을 편성했다. 반면 관광 진흥 예산은 200억원으로 줄었다."
    assert [r.initiative for r in records(text)] == [None, "관광 진흥 예산"]
