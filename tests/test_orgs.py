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
])
def test_gazetteer_names_get_their_canonical_name(sentence, mention, canonical):
    assert (mention, canonical) in orgs(sentence)


@pytest.mark.parametrize("sentence, mention", [
    ("광주시는 AI산업융합사업단을 설립한다.", "AI산업융합사업단"),
    ("한국미래기술재단은 장학금을 준다.", "한국미래기술재단"),
    ("㈜한빛소재가 공장을 짓는다.", "한빛소재"),
    ("KCC도 현대중공업과 함께 투자한다.", "KCC"),
])
def test_bodies_outside_the_gazetteer_are_found_by_rules(sentence, mention):
    assert mention in [m for m, _ in orgs(sentence)]


@pytest.mark.parametrize("sentence, not_an_org", [
    ("서울시장은 기자회견을 열었다.", "서울시"),
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
