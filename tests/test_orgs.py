"""Organisations: gazetteer names with canonical forms, rule-found bodies, and what is not one."""
import pytest

from krnews.nlp.found import found
from krnews.nlp.language import analyse


def orgs(text):
    doc = analyse(text)
    return [(text[o.start:o.end], o.canonical) for o in found(doc, "orgs")]


@pytest.mark.parametrize("sentence, mention, canonical", [
    ("서울시는 예산을 늘렸다.", "서울시", "서울특별시"),
    ("광주시가 사업을 맡는다.", "광주시", "광주광역시"),
    ("과기정통부와 협약했다.", "과기정통부", "과학기술정보통신부"),
    ("산업부 장관이 말했다.", "산업부", "산업통상자원부"),
    ("중기부에서 발표했다.", "중기부", "중소벤처기업부"),
    ("경기도도 투자한다.", "경기도", "경기도"),
    ("정부는 올해 예산을 짰다.", "정부", "정부"),
    # a minister or head written against the body's name: the body ends where the title starts
    ("과기정통부장관은 200억원을 배정했다.", "과기정통부", "과학기술정보통신부"),
    ("민주당대표가 기자회견을 열었다.", "민주당", "더불어민주당"),
    ("국민연금기금이 늘었다.", "국민연금", "국민연금공단"),  # what the body owns, glued to its name
    ("예산은 정부안보다 4250억원 줄었다.", "정부", "정부"),  # or what it proposes
    ("일본 재무성이 무역통계를 발표했다.", "일본 재무성", "일본 재무성"),
    ("국가통계국에 따르면 소득이 늘었다.", "국가통계국", "중국 국가통계국"),
    ("러시아는 CIS 회원국이다.", "CIS", "독립국가연합"),
    ("中 CCTV는 경기를 중계했다.", "中 CCTV", "중국중앙TV"),  # the broadcaster, qualified; a bare CCTV is a camera
])
def test_gazetteer_names_get_their_canonical_name(sentence, mention, canonical):
    assert (mention, canonical) in orgs(sentence)


@pytest.mark.parametrize("sentence, mention", [
    ("광주시는 AI산업융합사업단을 설립한다.", "AI산업융합사업단"),
    ("한국미래기술재단은 장학금을 준다.", "한국미래기술재단"),
    ("㈜한빛소재가 공장을 짓는다.", "한빛소재"),
    ("씨앤디세미㈜는 공장을 짓는다.", "씨앤디세미"),  # the mark after the name, then a particle
    ("씨앤디세미(주)가 공장을 짓는다.", "씨앤디세미"),
    ("KCC도 현대중공업과 함께 투자한다.", "KCC"),
    ("종합격투기 ROAD FC가 중국에 진출했다.", "ROAD FC"),  # a capitalised word before the acronym
])
def test_bodies_outside_the_gazetteer_are_found_by_rules(sentence, mention):
    assert mention in [m for m, _ in orgs(sentence)]


@pytest.mark.parametrize("sentence, not_an_org", [
    ("서울시장은 기자회견을 열었다.", "서울시"),
    ("서울시장이 바뀌어도 정책은 남는다.", "서울시"),
    ("올해 재무성과가 좋았다.", "재무성"),  # financial performance, not Japan's ministry  # 시장, the mayor, is no glued title: 서울 + 시장
    ("서울시민 모두가 참여했다.", "서울시"),
    ("김 선임연구원은 실험을 했다.", "선임연구원"),
    ("AI는 산업을 바꾼다.", "AI"),
    ("R&D가 늘었다.", "R&D"),
    ("서울에서 열렸다.", "서울"),
    ("메타버스 플랫폼을 만든다.", "메타"),
])
def test_not_organisations(sentence, not_an_org):
    assert not_an_org not in [m for m, _ in orgs(sentence)]


def test_two_names_in_one_unanalysed_word_stay_two_mentions():
    found_orgs = orgs("그는 삼성전자·SK하이닉스 관계자를 만났다.")
    assert ("삼성전자", "삼성전자") in found_orgs and ("SK하이닉스", "SK하이닉스") in found_orgs


def test_spacy_spans_carry_the_mentions():
    doc = analyse("서울시는 올해 200억원을 투입한다.")
    assert [s._.amount.value_krw for s in doc.spans["amounts"]] == [20_000_000_000]
    assert [s._.org.canonical for s in doc.spans["orgs"]] == ["서울특별시"]
    assert [s._.year.year for s in doc.spans["years"]] == [None]  # no publication date given


def test_the_organisation_component_takes_another_gazetteer(tmp_path):
    from krnews.nlp.language import build_nlp

    patterns, organisations = tmp_path / "patterns.jsonl", tmp_path / "organisations.jsonl"
    patterns.write_text('{"label": "ORG", "pattern": "한빛재단", "id": "한빛미래재단"}\n', encoding="utf-8")
    organisations.write_text('{"id": "한빛미래재단", "org_type": "foundation"}\n', encoding="utf-8")
    nlp = build_nlp()
    nlp.replace_pipe("krnews_orgs", "krnews_orgs", config={"patterns": str(patterns), "organisations": str(organisations)})
    doc = nlp("한빛재단은 서울시와 협약했다.")
    assert [(o.canonical, o.org_type) for o in found(doc, "orgs")] == [("한빛미래재단", "foundation")]
    assert nlp.get_pipe_meta("krnews_amounts").default_config == {}


@pytest.mark.parametrize("sentence, mention, canonical", [
    ("한편 서울중앙지검 형사3부는 수사에 나섰다.", "서울중앙지검 형사3부", "서울중앙지방검찰청 형사3부"),
    ("서울대 기계공학과 연구팀이 개발했다.", "서울대 기계공학과", "서울대학교 기계공학과"),
    ("보건복지부 감염병대책본부는 지침을 냈다.", "보건복지부 감염병대책본부", "보건복지부 감염병대책본부"),
    ("롯데 그룹은 투자를 늘린다.", "롯데 그룹", "롯데그룹"),
    # a unit that is a body of its own when glued to the name is that body (not the province)
    ("전북도 교육청은 추경을 편성했다.", "전북도 교육청", "전북특별자치도교육청"),
    ("부산시 교육청과 경남도 교육청은 예산을 짰다.", "경남도 교육청", "경상남도교육청"),
])
def test_a_body_and_its_unit_written_after_it_are_one_organisation(sentence, mention, canonical):
    assert (mention, canonical) in orgs(sentence)


@pytest.mark.parametrize("sentence, mention", [
    ("서울시가 지원하는 센터에서 열렸다.", "서울시"),  # a clause between them: no unit
    ("국세청 산하 심사위원회에 청구했다.", "국세청"),  # 산하: two bodies
    ("서울시 10개 센터가 문을 연다.", "서울시"),  # a count, not a unit's name
])
def test_words_after_a_body_that_are_not_its_unit(sentence, mention):
    assert mention in [m for m, _ in orgs(sentence)]
    assert not any(m.startswith(mention + " ") for m, _ in orgs(sentence))


@pytest.mark.parametrize("sentence, mention", [
    ("대전둔산경찰서는 수사를 시작했다.", "대전둔산경찰서"),
    ("화장품 업체 ‘루미에르랩’의 대표는 말했다.", "루미에르랩"),
    ("교육출판기업 한빛에듀로부터 후원금을 받았다.", "한빛에듀"),
    ("그가 세운 회사 덱스터는 상장했다.", "덱스터"),  # a bound cue after a clause describing it
    ("도서관은 교과서 출판기업 미래엔으로부터 책 300권을 받았다.", "미래엔"),  # not 미래 + 엔으로부터
    ("신항 공사는 대우건설컨소시엄이 맡는다.", "대우건설컨소시엄"),  # a known company before the suffix
    ("박민수 한빛소재 대표는 투자를 밝혔다.", "한빛소재"),
    ("박서준 전 누리그룹 회장(66)에게 징역을 구형했다.", "누리그룹"),  # 전 (former) of the title between
    ("누리솔루션 김지훈 대표가 말했다.", "누리솔루션"),
])
def test_bodies_named_by_their_suffix_or_the_words_around_them(sentence, mention):
    assert mention in [m for m, _ in orgs(sentence)]


@pytest.mark.parametrize("sentence, not_an_org", [
    ("청탁금지법이 시행됐다.", "청탁금지법"),  # 지법 ends a law's name too
    ("축구대표팀이 이겼다.", "축구대표팀"),
    ("기업 가치가 올랐다.", "가치"),  # 기업 before a common noun is a compound, not a class
    ("업체 관계자는 말했다.", "관계자"),
    ("그가 키운 회사 가치가 올랐다.", "가치"),  # after a describing clause too
    ("이민업체 알선으로 답사를 갔다.", "알선으"),  # 으 belongs to the particle 으로
    ("정부는 부실기업 구조조정에 나섰다.", "구조조정"),  # common nouns after a compound ending in 기업
    ("교섭단체 대표연설을 했다.", "대표연설"),
    ("김민수 이영호 대표가 만났다.", "이영호"),  # two person-shaped words: no body
])
def test_cue_words_do_not_make_common_words_organisations(sentence, not_an_org):
    assert not_an_org not in [m for m, _ in orgs(sentence)]


def test_a_headline_glued_to_a_known_name_leaves_the_name():
    assert orgs("투자 200억 원 돌파한국은행에 따르면 늘었다.") == [("한국은행", "한국은행")]


def test_a_short_form_of_a_known_name_inside_a_longer_name_is_not_that_body():
    # 환경연구원 is 한국환경연구원's short form; 보건환경연구원 is another body (a city's or province's)
    assert orgs("보건환경연구원은 올해 장비를 산다.") == [("보건환경연구원", "보건환경연구원")]
    assert orgs("환경연구원은 보고서를 냈다.") == [("환경연구원", "한국환경연구원")]


def test_hanhwa_before_an_amount_is_the_korean_won_not_the_group():
    assert orgs("기금에 2천만 홍콩달러(한화 35억원)를 냈다.") == []
    assert ("한화", "한화그룹") in orgs("한화는 500억원을 투자한다.")


@pytest.mark.parametrize("sentence, expected", [
    ("누리바이오 관계자는 투자를 밝혔다.", ["누리바이오"]),
    ("업계 관계자는 전망했다.", []),  # a common word before 관계자
    ("김민수 측은 부인했다.", []),  # a person's side
    ("협력업체 직원들이 모였다.", []),  # a kind of body, not one
])
def test_a_name_before_a_word_for_its_people(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("한빛리서치에 따르면 판매량이 늘었다.", ["한빛리서치"]),
    ("강원지방기상청에 의하면 기온이 떨어졌다.", ["강원지방기상청"]),
    ("한빛애널리틱스(HA)에 따르면 시장이 커졌다.", ["한빛애널리틱스", "HA"]),  # its acronym between
    ("설문조사에 따르면 셋 중 하나가 찬성했다.", []),  # common nouns: a survey, not a body
    ("박민수에 따르면 계약은 끝났다.", []),  # a person
    ("한빛영화제에 따르면 관객이 늘었다.", []),  # an event
])
def test_a_name_the_news_has_its_facts_from(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("씨티은행과 바클레이스·노무라 등도 환율 상승을 전망한다.", ["씨티은행", "바클레이스", "노무라"]),
    ("두산인프라코어·볼보건설기계는 매출이 줄었다.", ["두산인프라코어", "볼보건설기계"]),
    ("삼성전자와 협의를 마쳤다.", ["삼성전자"]),  # a common word listed with a company
    ("SK텔레콤이 한빛화재와 개발한 상품이 나왔다.", ["SK텔레콤"]),  # a verb after 과/와
    ("삼성전자와 박민수는 합의했다.", ["삼성전자"]),  # a person
])
def test_names_listed_with_a_company_are_companies(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


@pytest.mark.parametrize("sentence", ["종합병원 진료비가 올랐다.", "시중은행 대출이 늘었다.", "걸그룹 무대가 열렸다."])
def test_a_kind_of_body_is_no_organisation(sentence):
    assert orgs(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("중앙대 유아교육과 교수가 말했다.", [("중앙대 유아교육과", "중앙대학교 유아교육과")]),
    ("삼성전자 효과가 컸다.", [("삼성전자", "삼성전자")]),  # 과 ends a department only of a university or hospital
    ("미르·한빛스포츠재단 의혹이 커졌다.", [("한빛스포츠재단", "한빛스포츠재단")]),
    ("김 소장(52·누리환경시민센터)은 말했다.", [("누리환경시민센터", "누리환경시민센터")]),
])
def test_departments_and_names_joined_by_a_middle_dot(sentence, expected):
    assert orgs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("강민수(29·피츠버그)가 홈런을 쳤다.", ["피츠버그"]),  # an age and a body in brackets
    ("김씨(45·회사원)는 말했다.", []),  # an occupation is no body
    ("하만 코리아 관계자는 말했다.", ["하만 코리아"]),  # a subsidiary takes the name before it
    ("그는 넥슨재팬 주식을 팔았다.", ["넥슨재팬"]),  # a subsidiary word glued to a company's name
    ("예매는 인터파크티켓에서 할 수 있다.", ["인터파크티켓"]),  # a business line's word glued to a company's name
    ("고래는 부산수협 공판장에서 팔렸다.", ["부산수협"]),  # a region glued before a known body: its branch
    ("경기침체가 길어졌다.", []),  # a region before a word that names no body
    ("그는 올해 KPGA투어에 합류했다.", []),  # glued to a body that is no company: a tour, no body
    ("심사위원회가 열렸다.", []),  # one common noun before 위원회: a kind of committee
    ("운동기구 판매가 늘었다.", []),  # one common noun before 기구: equipment, not a body
    ("「국가데이터관리기구」를 신설한다.", ["국가데이터관리기구"]),
    ("지원센터를 찾았다.", []),
    ("아주그룹은 물류센터를 샀다.", ["아주그룹"]),  # 아주 is no common noun here
])
def test_affiliations_subsidiaries_and_kinds_of_committee(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


def test_an_acronym_in_brackets_after_a_body_names_it_too():
    assert orgs("한국전력(KEPCO)은 투자를 늘렸다.") == [("한국전력", "한국전력공사"), ("KEPCO", "한국전력공사")]


def test_a_former_body_and_a_title_in_an_age_bracket():
    assert ("누리지오텍", "누리지오텍") in orgs("김 회장(56·전 누리지오텍 회장)이 말했다.")


@pytest.mark.parametrize("sentence, expected", [
    ("새 책(김민수 지음, 누리출판, 284쪽, 1만6000원)이 나왔다.", ["누리출판"]),
    ("수필집(박지영 엮음·한빛책방)이 나왔다.", ["한빛책방"]),
    ("『바다 일기』 김지영 글·그림, 64쪽, 누리책방, 1만2000원.", ["누리책방"]),  # pages, publisher, price
    ("사진집(김민수 글·사진)이 나왔다.", []),  # a role, not a publisher
    ("계약을 따낸 삼성전자였다면 달랐다.", ["삼성전자"]),  # a copula after a name
])
def test_publishers_in_book_credits_and_companies_before_a_copula(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


def test_a_company_word_heading_a_subject_but_glued_to_a_verb_is_no_name():
    assert "한빛식품" in [m for m, _ in orgs("한빛식품이 사과문을 냈다.")]
    assert "드러나한빛식품" not in [m for m, _ in orgs("사과문이 거짓으로 드러나한빛식품이 다시 사과했다.")]


@pytest.mark.parametrize("sentence, expected", [
    # a loanword suffix MeCab splits into verbs (인베스트먼트: 인 VCP, 먼 VA) does not hide the name
    ("누리인베스트먼트는 펀드에 300억원을 출자했다.", ["누리인베스트먼트"]),
    ("KB인베스트먼트가 100억원을 출자받았다.", ["KB인베스트먼트"]),
    ("사과문이 드러나인베스트먼트는 없다.", []),  # the head holds the verb
])
def test_the_verb_test_of_a_company_name_reads_its_head(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("한성식품의 할랄 김치는 인증을 받았다.", ["한성식품"]),  # a proper noun heading a company word
    ("건강기능식품 시장이 커졌다.", []),  # a common noun heading it: a kind of product
])
def test_a_proper_noun_heading_a_company_word_anywhere(sentence, expected):
    assert [m for m, _ in orgs(sentence)] == expected


def test_the_gazetteer_compiled_on_use_finds_what_it_finds_compiled_all_at_once():
    from krnews.nlp.orgs import DEFAULT_ORGANISATIONS, DEFAULT_PATTERNS, OrgMatcher, load_jsonl, load_table

    def matcher():
        return OrgMatcher(list(load_jsonl(DEFAULT_PATTERNS)), list(load_jsonl(DEFAULT_ORGANISATIONS)), load_table("orgs"))

    on_use, at_once = matcher(), matcher()
    at_once.compile_all()
    texts = ["서울시는 한국전력공사, 삼성전자와 함께 AI산업융합사업단에 10억원을 투입한다.",
             "과기정통부와 광주광역시는 올해 인공지능 사업에 200억원을 들인다.", "오늘은 비가 온다."]
    for text in texts:
        assert on_use.find(text) == at_once.find(text)
    assert on_use.find(texts[0])  # the texts do name organisations


@pytest.mark.parametrize("text, expected", [
    # a proper noun that opens sentences as their subject and comes back is a body the story is about
    ("한빛특수강은 공장 증축에 423억을 투자한다. 한빛특수강은 생산능력을 늘린다.", ["한빛특수강", "한빛특수강"]),
    ("[서울=뉴스] 스카이오토는 공장 확장에 41억원을 투자한다. 스카이오토 측은 말했다.", ["스카이오토", "스카이오토"]),
    # a few words that are no topic or subject may open the sentence before it
    ("협약에 따라 스카이오토는 공장 확장에 41억원을 투자한다. 스카이오토 측은 말했다.", ["스카이오토", "스카이오토"]),
    ("거창군은 협약을 맺었다. 군은 스카이오토는 41억원을 투자한다고 밝혔다. 스카이오토는 부품을 만든다.", ["거창군"]),  # not the first topic
    ("스카이오토는 공장을 넓힌다. 스카이오토는 부품을 만든다.", []),  # sentences that commit no money
    ("한빛특수강은 공장 증축에 423억을 투자한다.", []),  # said once
    ("매스티지는 대중과 고급을 합친 말로 연회비를 10만 원 수준으로 낮춘 카드다. 매스티지 카드가 늘었다.", []),  # a word defined: no more than a word
    ("김철수는 10억원을 투자했다. 김철수는 대표다.", []),  # shaped like a person's name
    ("이번 사업은 늘었다. 이번 사업은 크다.", []),  # common words
    ("청주는 100억원을 쓴다. 청주는 좋다.", []),  # a place
])
def test_a_recurring_sentence_subject_names_a_body(text, expected):
    assert [m for m, _ in orgs(text) if m not in ("뉴스",)] == expected
