"""`krnews eval`: tagged-sentence and record-gold readers, matching rules, metric arithmetic, CLI exits.
Every test injects a fake extractor, so the figures depend on the scorer alone."""
import json
from pathlib import Path
from decimal import Decimal

import pytest

from krnews.cli import main
from krnews.evaluate import (
    RecordGoldError, evaluate_mentions, evaluate_records, parse_inline, parse_tag_map, read_inline_tagged,
    read_record_gold,
)
from krnews.evaluate.conventions import parse_money
from krnews.evaluate.metrics import prf
from krnews.evaluate.report import records_report
from krnews.models import AmountMention, Article, Document, InitiativeRecord, OrgMention, YearMention

# --- fake extractors -------------------------------------------------------------------------------------

_MENTION = {"amount": AmountMention, "year": YearMention, "org": OrgMention}


class FakeMentions:
    """Returns, for a sentence, the mentions listed for it: (kind, surface, fields), found by text."""

    def __init__(self, by_sentence):
        self.by_sentence = by_sentence
        self.calls = []

    def __call__(self, text, **kwargs):
        self.calls.append((text, kwargs))
        mentions = []
        for kind, surface, fields in self.by_sentence.get(text, []):
            start = text.index(surface)
            extra = {"canonical": surface} if kind == "org" else {}
            mentions.append(_MENTION[kind](doc_id="d", text=surface, start=start, end=start + len(surface),
                                           **(extra | fields)))
        return Document(article=Article(doc_id="d", text=text), mentions=mentions)


class FakeRecords:
    """Returns the records listed per doc_id; remembers what it was called with."""

    def __init__(self, by_doc):
        self.by_doc = by_doc
        self.calls = []

    def __call__(self, text, **kwargs):
        self.calls.append(kwargs)
        doc_id = kwargs["doc_id"]
        records = [_record(doc_id, n, **fields) for n, fields in enumerate(self.by_doc.get(doc_id, []))]
        return Document(article=Article(doc_id=doc_id, text=text), records=records)


def _record(doc_id, n, **fields):
    base = dict(record_id=f"r{n}", doc_id=doc_id, org=None, org_mention=None, amount_krw=None,
                amount_text="?", sentence="문장.", amount_start=n)
    return InitiativeRecord(**(base | fields))


def write_gold(tmp_path, docs, gold, nonrecords=()):
    for name, rows in (("docs.jsonl", docs), ("gold.jsonl", gold), ("nonrecords.jsonl", nonrecords)):
        (tmp_path / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def gold_record(doc_id="a", amount_text="100억원", amount_krw=10_000_000_000, org="서울특별시", **fields):
    return {"doc_id": doc_id, "amount_text": amount_text, "amount_krw": amount_krw, "currency": "KRW", "org": org,
            "org_aliases": [], "recipient": None, "year": None, "year_start": None, "year_end": None,
            "year_text": None, "funding_type": None, "optional": False} | fields


DOC = {"id": "a", "url": None, "published": "2024-03-02", "title": None, "text": "기사 본문."}

# --- the inline tag reader -------------------------------------------------------------------------------


def test_inline_tags_give_plain_text_and_offsets():
    sentence = parse_inline("<서울시:ORG>는 <2024년:DAT> <300억원:MNY>을 편성했다.")
    assert sentence.text == "서울시는 2024년 300억원을 편성했다."
    assert [(s.tag, s.text) for s in sentence.spans] == [("ORG", "서울시"), ("DAT", "2024년"), ("MNY", "300억원")]
    assert all(sentence.text[s.start:s.end] == s.text for s in sentence.spans)


@pytest.mark.parametrize("line, text, spans", [
    ("<2020~2024년:DAT> 사업", "2020~2024년 사업", [("DAT", "2020~2024년")]),
    ("영화 <<파묘:POH>>가 흥행했다", "영화 <파묘>가 흥행했다", [("POH", "파묘")]),
    ("<<2023년 5월 1일:DAT>자 <3면:NOH>>", "<2023년 5월 1일자 3면>", [("DAT", "2023년 5월 1일"), ("NOH", "3면")]),
    ("a << b 이고 <12:30:TIM>에 시작", "a << b 이고 12:30에 시작", [("TIM", "12:30")]),
    ("<7> 태그 없는 괄호", "<7> 태그 없는 괄호", []),
])
def test_odd_brackets_stay_text(line, text, spans):
    sentence = parse_inline(line)
    assert sentence.text == text
    assert [(s.tag, s.text) for s in sentence.spans] == spans
    assert all(sentence.text[s.start:s.end] == s.text for s in sentence.spans)


def test_tagged_file_skips_blank_lines_and_names_lines(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("<부산시:ORG>가 나섰다.\n\n<3억원:MNY>이다.\n", encoding="utf-8")
    sentences = read_inline_tagged(path)
    assert [s.text for s in sentences] == ["부산시가 나섰다.", "3억원이다."]
    assert sentences[1].source == f"{path}:3"


HCLT = """; 대구시는 지난해 문화재단에 예산을 줬다.
$<대구시:OG>는 <지난해:DT> <문화재단:OG>에 예산을 줬다.
1	대구시	NNP	B_OG
1	는	JX	O

; 선수는 7일 떠났다.
$선수는 <7일:DT> 떠났다.
1	선수	NNG	O
"""


def test_hclt_blocks_are_read_from_their_tagged_lines(tmp_path):
    path = tmp_path / "hclt.txt"
    path.write_text(HCLT, encoding="utf-8")
    sentences = read_inline_tagged(path)
    assert [s.text for s in sentences] == ["대구시는 지난해 문화재단에 예산을 줬다.", "선수는 7일 떠났다."]
    assert [(s.tag, s.text) for s in sentences[0].spans] == [("OG", "대구시"), ("DT", "지난해"), ("OG", "문화재단")]


def test_hclt_tags_are_scored_as_ours_and_an_untagged_kind_is_not_scored(tmp_path):
    path = tmp_path / "hclt.txt"
    path.write_text(HCLT, encoding="utf-8")
    fake = FakeMentions({"대구시는 지난해 문화재단에 예산을 줬다.": [("org", "대구시", {}), ("year", "지난해", {})]})
    result = evaluate_mentions(path, extract_fn=fake)
    assert result["unscored_kinds"] == ["amount"]
    org = result["kinds"]["org"]["raw"]
    assert (org["tp"], org["fp"], org["fn"]) == (1, 0, 1)
    year = result["kinds"]["year"]
    assert (year["raw"]["tp"], year["raw"]["fn"], year["excluded_gold"]) == (1, 0, 1)  # 7일 holds no year


# --- the scorer's own numeral parser ---------------------------------------------------------------------

@pytest.mark.parametrize("text, value, currency", [
    ("26조5041억 원", 26_504_100_000_000, "KRW"),
    ("3162만1000달러", 31_621_000, "USD"),
    ("4천만원", 40_000_000, "KRW"),
    ("2천5백만원", 25_000_000, "KRW"),
    ("197억여원", 19_700_000_000, "KRW"),
    ("1.5조원", 1_500_000_000_000, "KRW"),
    ("4,061억 원", 406_100_000_000, "KRW"),
    ("100억~200억원", 20_000_000_000, "KRW"),
    ("약 300만 유로", 3_000_000, "EUR"),
])
def test_money_parser(text, value, currency):
    assert parse_money(text) == (Decimal(value), currency)


@pytest.mark.parametrize("text", ["100조", "19억", "3년", "수백억원", "형사소송법 111조"])
def test_numbers_without_a_currency_are_not_money(text):
    assert parse_money(text) is None


# --- mention metrics -------------------------------------------------------------------------------------

def test_metric_arithmetic():
    assert prf(3, 1, 2) == {"tp": 3, "fp": 1, "fn": 2, "precision": 0.75, "recall": 0.6, "f1": 0.6667}
    assert prf(0, 0, 4)["f1"] == 0.0 and prf(0, 0, 4)["precision"] is None
    assert prf(0, 0, 0)["f1"] is None


def _sentences(tmp_path, *lines):
    path = tmp_path / "gold.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_amount_spans_raw_and_mapped_with_values(tmp_path):
    path = _sentences(tmp_path,
                      "시는 <약 300억원:MNY>을 투입한다.",
                      "도는 <50억원:MNY>과 <2억 달러:MNY>를 썼다.",
                      "구는 <19억:MNY>을 썼다.")
    fake = FakeMentions({
        "시는 약 300억원을 투입한다.": [("amount", "300억원", {"value_krw": 30_000_000_000})],
        "도는 50억원과 2억 달러를 썼다.": [("amount", "50억원", {"value_krw": 5_100_000_000}),
                                  ("amount", "2억 달러", {"value": 2e8, "currency": "USD"})],
        "구는 19억을 썼다.": [("amount", "19억", {"value_krw": 1_900_000_000})],
    })
    amount = evaluate_mentions(path, kind="amount", extract_fn=fake)["kinds"]["amount"]
    assert amount["excluded_gold"] == 1  # <19억:MNY> has no currency word
    raw, mapped = amount["raw"], amount["mapped"]
    assert (raw["tp"], raw["fp"], raw["fn"]) == (2, 2, 1)  # 약 300억원 vs 300억원; 19억 counted against us
    assert (mapped["tp"], mapped["fp"], mapped["fn"], mapped["ignored_system"]) == (3, 0, 0, 1)
    assert (mapped["value"]["correct"], mapped["value"]["scored"]) == (2, 3)  # 50억원 read as 51억
    assert raw["f1"] == round(2 * 2 / (2 * 2 + 2 + 1), 4)


def test_won_without_value_krw_is_compared_by_its_value(tmp_path):
    path = _sentences(tmp_path, "군은 <5억여원:MNY>을 <3억 엔:MNY>과 썼다.")
    fake = FakeMentions({"군은 5억여원을 3억 엔과 썼다.": [
        ("amount", "5억여원", {"value": 5e8, "value_krw": None, "approximate": True}),
        ("amount", "3억 엔", {"value": 3e8, "currency": "CNY"})]})
    value = evaluate_mentions(path, kind="amount", extract_fn=fake)["kinds"]["amount"]["raw"]["value"]
    assert (value["correct"], value["scored"]) == (1, 2)  # 엔 is JPY


def test_range_ends_tagged_apart_match_our_whole_range(tmp_path):
    path = _sentences(tmp_path, "값은 <35만:MNY>~<37만 원:MNY>대다.", "값은 <1만달러:MNY> ~ <2만달러:MNY>, <3달러:MNY> <4달러:MNY>다.")
    fake = FakeMentions({"값은 35만~37만 원대다.": [("amount", "35만~37만 원", {"value_krw": 370_000})],
                         "값은 1만달러 ~ 2만달러, 3달러 4달러다.": [
                             ("amount", "1만달러 ~ 2만달러", {"value": 20_000, "currency": "USD"}),
                             ("amount", "3달러 4달러", {"value": 4, "currency": "USD"})]})
    amount = evaluate_mentions(path, kind="amount", extract_fn=fake)["kinds"]["amount"]
    assert (amount["raw"]["tp"], amount["raw"]["fn"]) == (0, 5)
    # Joined only across a range mark: 3달러 4달러 stay two amounts, so our one span is wrong.
    assert (amount["mapped"]["tp"], amount["mapped"]["fp"], amount["mapped"]["fn"]) == (2, 1, 2)
    assert amount["mapped"]["value"]["correct"] == 2


def test_year_units_periods_and_untagged_year_words(tmp_path):
    path = _sentences(tmp_path,
                      "<2020년:DAT>부터 <2024년:DAT>까지 올해 사업을 <2013년 3월:DAT> 시작했고 <5년:DAT> 걸린다.")
    text = "2020년부터 2024년까지 올해 사업을 2013년 3월 시작했고 5년 걸린다."
    fake = FakeMentions({text: [("year", "2020년부터 2024년까지", {"year_start": 2020, "year_end": 2024}),
                                ("year", "올해", {"year": 2024, "relative": 0}),
                                ("year", "2013년", {"year": 2013}),
                                ("year", "5년", {"year": 2005})]})
    year = evaluate_mentions(path, kind="year", extract_fn=fake)["kinds"]["year"]
    assert year["excluded_gold"] == 1
    assert (year["raw"]["tp"], year["raw"]["fp"], year["raw"]["fn"]) == (0, 4, 3)
    mapped = year["mapped"]
    assert (mapped["tp"], mapped["fp"], mapped["fn"], mapped["ignored_system"]) == (3, 0, 0, 2)


def test_years_in_a_tagged_period_are_excused_but_a_decade_is_no_year(tmp_path):
    path = _sentences(tmp_path, "<2012~2016년:DUR> 동안 <1990년대:DUR>처럼 <2015:DAT> 시즌을 치렀다.")
    text = "2012~2016년 동안 1990년대처럼 2015 시즌을 치렀다."
    fake = FakeMentions({text: [("year", "2012~2016년", {"year_start": 2012, "year_end": 2016}),
                                ("year", "1990년", {"year": 1990})]})
    year = evaluate_mentions(path, kind="year", extract_fn=fake)["kinds"]["year"]
    assert year["excluded_gold"] == 1  # a bare 2015 is not "year number + 년"
    assert (year["raw"]["fp"], year["mapped"]["fp"], year["mapped"]["ignored_system"]) == (2, 1, 1)
    assert [e["text"] for e in year["false_alarms"]] == ["1990년"]


def test_org_conventions_countries_particles_places_and_money_subset(tmp_path):
    path = _sentences(tmp_path,
                      "<일본:ORG>과 <현대건설이:ORG> <서울시:LOC>에서 <10억원:MNY>을 썼다.",
                      "<카카오:ORG>는 <네이버:ORG>와 겨뤘다.")
    fake = FakeMentions({
        "일본과 현대건설이 서울시에서 10억원을 썼다.": [("org", "현대건설", {}), ("org", "서울시", {})],
        "카카오는 네이버와 겨뤘다.": [("org", "카카오", {}), ("org", "겨뤘", {})],
    })
    org = evaluate_mentions(path, kind="org", extract_fn=fake)["kinds"]["org"]
    assert (org["raw"]["tp"], org["raw"]["fp"], org["raw"]["fn"]) == (1, 3, 3)
    assert (org["mapped"]["tp"], org["mapped"]["fp"], org["mapped"]["fn"], org["mapped"]["ignored_system"]) == (2, 1, 1, 1)
    money = org["money_sentences"]
    assert money["sentences"] == 1 and (money["mapped"]["tp"], money["mapped"]["fn"]) == (1, 0)
    assert [m["text"] for m in org["misses"]] == ["네이버"]
    assert org["false_alarms"][0]["sentence"] == "카카오는 네이버와 겨뤘다."


def test_tag_map_names_other_corpora_tags(tmp_path):
    path = _sentences(tmp_path, "<한전:OGG>은 <5천억원:QT>을 <3개:QT> 썼다.")
    fake = FakeMentions({"한전은 5천억원을 3개 썼다.": [("org", "한전", {}), ("amount", "5천억원", {"value_krw": 500_000_000_000})]})
    result = evaluate_mentions(path, extract_fn=fake, tag_map="QT=MNY,OGG=ORG")
    assert result["kinds"]["amount"]["mapped"]["tp"] == 1 and result["kinds"]["amount"]["excluded_gold"] == 1
    assert result["kinds"]["org"]["mapped"]["tp"] == 1
    assert result["unscored_kinds"] == ["year"]
    assert parse_tag_map("QT=MNY, OG=ORG") == {"QT": "MNY", "OG": "ORG"}
    with pytest.raises(ValueError, match="QTMNY"):
        parse_tag_map("QTMNY")


def test_a_sentence_the_extractor_fails_on_is_reported_and_the_rest_scored(tmp_path):
    path = _sentences(tmp_path, "<1억원:MNY>이다.", "<2억원:MNY>이다.")
    good = FakeMentions({"2억원이다.": [("amount", "2억원", {"value_krw": 200_000_000})]})

    def flaky(text, **kwargs):
        if text.startswith("1억"):
            raise RuntimeError("boom")
        return good(text, **kwargs)

    result = evaluate_mentions(path, kind="amount", extract_fn=flaky)
    assert result["errors"] == [f"{path}:1: RuntimeError: boom"]
    assert result["sentences"] == 1 and result["kinds"]["amount"]["raw"]["tp"] == 1


# --- record matching -------------------------------------------------------------------------------------

def _score(tmp_path, gold, system, nonrecords=(), docs=(DOC,)):
    return evaluate_records(write_gold(tmp_path, list(docs), gold, nonrecords), extract_fn=FakeRecords(system))


def _counts(result, name="record"):
    return result[name]["tp"], result[name]["fp"], result[name]["fn"]


def test_organisation_by_alias_or_recipient_spaces_ignored(tmp_path):
    gold = [gold_record(org_aliases=["서울 시"]),
            gold_record(amount_text="5억원", amount_krw=500_000_000, org="중소벤처기업부", recipient="한국 벤처투자")]
    system = {"a": [dict(org="서울특별 시청", org_mention="서울시", amount_krw=10_000_000_000),
                    dict(org="한국벤처투자", org_mention=None, amount_krw=500_000_000)]}
    assert _counts(_score(tmp_path, gold, system)) == (2, 0, 0)


def test_wrong_organisation_misses_the_record_but_not_the_amount(tmp_path):
    result = _score(tmp_path, [gold_record()], {"a": [dict(org="경기도", org_mention="경기도", amount_krw=10_000_000_000)]})
    assert _counts(result) == (0, 1, 1)
    assert _counts(result, "amount_only") == (1, 0, 0)
    assert result["record"]["f1"] == 0.0 and result["amount_only"]["f1"] == 1.0


def test_optional_gold_neither_rewards_nor_punishes(tmp_path):
    gold = [gold_record(), gold_record(amount_text="3억원", amount_krw=300_000_000, optional=True),
            gold_record(amount_text="7억원", amount_krw=700_000_000, optional=True)]
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000), dict(org="서울특별시", amount_krw=300_000_000)]}
    result = _score(tmp_path, gold, system)
    assert _counts(result) == (1, 0, 0)
    assert result["record"]["optional_ignored"] == 1 and result["optional_gold"] == 2 and result["gold"] == 1


def test_money_told_twice_counts_once_but_equal_money_twice_in_gold_counts_twice(tmp_path):
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000) for _ in range(3)]}
    result = _score(tmp_path, [gold_record()], system)
    assert _counts(result) == (1, 0, 0) and result["record"]["duplicates_ignored"] == 2
    two_grants = [gold_record(initiative="가"), gold_record(initiative="나")]
    assert _counts(_score(tmp_path, two_grants, {"a": system["a"][:1]})) == (1, 0, 1)


def test_rounded_figure_within_two_percent_matches_when_no_exact_one_does(tmp_path):
    gold = [gold_record(amount_text="222억417만4177원", amount_krw=22_204_174_177)]
    near = {"a": [dict(org="서울특별시", amount_krw=22_200_000_000)]}
    result = _score(tmp_path, gold, near)
    assert _counts(result) == (1, 0, 0) and result["record"]["rounded"] == 1
    far = {"a": [dict(org="서울특별시", amount_krw=21_700_000_000)]}  # 2.3% off
    assert _counts(_score(tmp_path, gold, far)) == (0, 1, 1)


def test_assignment_is_one_to_one_exact_first(tmp_path):
    # 100억 is within 2% of 101억: it must take its exact gold, leaving 101억 for the other gold.
    gold = [gold_record(amount_text="101억원", amount_krw=10_100_000_000), gold_record()]
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000), dict(org="서울특별시", amount_krw=10_100_000_000)]}
    result = _score(tmp_path, gold, system)
    assert _counts(result) == (2, 0, 0) and result["record"]["rounded"] == 0
    # One rounded figure next to two gold it could stand for: one match, one miss.
    gold = [gold_record(amount_text="101억원", amount_krw=10_100_000_000),
            gold_record(amount_text="99억원", amount_krw=9_900_000_000)]
    result = _score(tmp_path, gold, {"a": system["a"][:1]})
    assert _counts(result) == (1, 0, 1)
    # The exact gold wins over a rounded one listed first, whatever the order.
    gold = [gold_record(amount_text="100.5억원", amount_krw=10_050_000_000), gold_record()]
    result = _score(tmp_path, gold, {"a": system["a"][:1]})
    assert result["record"]["rounded"] == 0 and [m["amount_text"] for m in result["misses"]] == ["100.5억원"]


def test_required_gold_is_matched_before_optional_gold(tmp_path):
    gold = [gold_record(optional=True, note="개소당 상한"), gold_record()]
    result = _score(tmp_path, gold, {"a": [dict(org="서울특별시", amount_krw=10_000_000_000)]})
    assert _counts(result) == (1, 0, 0) and result["record"]["optional_ignored"] == 0


def test_other_currencies_match_by_their_own_value(tmp_path):
    gold = [gold_record(amount_text="1억달러", amount_krw=None, currency="USD", org="KCC")]
    dollars = {"a": [dict(org="KCC", amount_krw=None, amount=1e8, currency="USD", amount_text="1억달러")]}
    assert _counts(_score(tmp_path, gold, dollars)) == (1, 0, 0)
    yen = {"a": [dict(org="KCC", amount_krw=None, amount=1e8, currency="JPY", amount_text="1억엔")]}
    assert _counts(_score(tmp_path, gold, yen)) == (0, 1, 1)


def test_year_and_funding_type_accuracy_on_matched_records(tmp_path):
    docs = [DOC, DOC | {"id": "b"}]
    gold = [gold_record(year=2024, year_text="올해", funding_type="budget"),
            gold_record(amount_text="2억원", amount_krw=200_000_000, year_start=2021, year_end=2025,
                        funding_type="grant"),
            gold_record(amount_text="3억원", amount_krw=300_000_000),  # no year at all: ours must be null
            gold_record(doc_id="b", year_text="올해")]  # undated year word: not scored
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000, year=2024, funding_type="budget"),
                    dict(org="서울특별시", amount_krw=200_000_000, year_start=2021, year_end=2024, funding_type="grant"),
                    dict(org="서울특별시", amount_krw=300_000_000, year=2024)],
              "b": [dict(org="서울특별시", amount_krw=10_000_000_000, year=2023)]}
    result = _score(tmp_path, gold, system, docs=docs)
    assert result["year"] == {"correct": 1, "scored": 3, "accuracy": 0.3333, "unscored": 1}
    assert result["funding_type"] == {"correct": 2, "scored": 2, "accuracy": 1.0}
    assert [e["amount_text"] for e in result["year_errors"]] == ["2억원", "3억원"]


def test_organisation_role_accuracy_on_matched_records(tmp_path):
    gold = [gold_record(org="국토교통부", org_role="funder", recipient="김해시"),
            gold_record(amount_text="2억원", amount_krw=200_000_000, org="국토교통부", org_role="funder", recipient="김해시"),
            gold_record(amount_text="3억원", amount_krw=300_000_000, org="한빛전자", org_role="recipient"),
            gold_record(amount_text="4억원", amount_krw=400_000_000)]  # no role in the gold: not scored
    system = {"a": [dict(org="국토교통부", amount_krw=10_000_000_000, org_role="funder"),
                    dict(org="김해시", amount_krw=200_000_000, org_role="funder"),  # the recipient, called funder
                    dict(org="한빛전자", amount_krw=300_000_000, org_role="recipient"),
                    dict(org="서울특별시", amount_krw=400_000_000, org_role="funder")]}
    result = _score(tmp_path, gold, system)
    assert result["org_role"] == {"correct": 2, "scored": 3, "accuracy": 0.6667}
    assert [(e["amount_text"], e["gold"], e["system"]) for e in result["org_role_errors"]] == [("2억원", "recipient", "funder")]
    assert "org role     accuracy 0.667 (2/3 matched records" in records_report(result)


def test_initiative_names_are_scored_by_the_words_they_share_with_the_gold(tmp_path):
    gold = [gold_record(initiative="AI 산업융합 사업"),
            gold_record(amount_text="2억원", amount_krw=200_000_000, initiative="청년 창업 지원"),
            gold_record(amount_text="3억원", amount_krw=300_000_000, initiative="도로 정비"),
            gold_record(amount_text="4억원", amount_krw=400_000_000)]  # no initiative in the gold: not scored
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000, initiative="AI산업융합 사업"),
                    dict(org="서울특별시", amount_krw=200_000_000, initiative="청년 창업 지원"),
                    dict(org="서울특별시", amount_krw=300_000_000),
                    dict(org="서울특별시", amount_krw=400_000_000, initiative="무엇")]}
    result = _score(tmp_path, gold, system)
    # words shared: 1 of 3 and 2 (F1 0.4), all 3 (1.0), none named (0)
    assert result["initiative"] == {"scored": 3, "named": 2, "exact": 2, "word_f1": round((0.4 + 1.0) / 3, 4)}
    assert "initiative   word F1 0.467 (2/3 matched records named, 2 exactly as the gold)" in records_report(result)


def test_spurious_records_on_listed_nonrecords_are_counted(tmp_path):
    nonrecords = [{"doc_id": "a", "amount_text": "5,000억 원", "why": "매출"},
                  {"doc_id": "a", "amount_text": "수백억원", "why": "approximate"}]
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000),
                    dict(org="삼성전자", amount_krw=500_000_000_000, amount_text="5000억원"),
                    dict(org="삼성전자", amount_krw=None, amount_text="수백억원"),
                    dict(org="삼성전자", amount_krw=7_000_000, amount_text="700만원")]}
    result = _score(tmp_path, [gold_record()], system, nonrecords)
    assert result["nonrecord_hits"] == 2
    assert [s["nonrecord"] for s in result["spurious"]] == ["매출", "approximate", None]


def test_documents_reach_the_extractor_with_their_metadata(tmp_path):
    fake = FakeRecords({})
    evaluate_records(write_gold(tmp_path, [DOC | {"url": "https://x.kr/1", "title": "제목"}], []), extract_fn=fake)
    assert fake.calls == [{"url": "https://x.kr/1", "doc_id": "a", "published": "2024-03-02", "title": "제목",
                           "is_html": False}]


# --- record gold readers ---------------------------------------------------------------------------------

def test_record_gold_errors_name_file_and_line(tmp_path):
    write_gold(tmp_path, [DOC], [gold_record()])
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold_record()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(RecordGoldError, match=r"gold\.jsonl:2: not JSON"):
        read_record_gold(tmp_path)
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold_record(doc_id="zz")) + "\n", encoding="utf-8")
    with pytest.raises(RecordGoldError, match="'zz' is not in docs.jsonl"):
        read_record_gold(tmp_path / "gold.jsonl")
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold_record(amount_krw="100억")) + "\n", encoding="utf-8")
    with pytest.raises(RecordGoldError, match="amount_krw must be an integer"):
        read_record_gold(tmp_path / "docs.jsonl")


def _seed(tmp_path):
    (tmp_path / "art.txt").write_text("광주시는 올해 200억원을 쓴다.", encoding="utf-8")
    (tmp_path / "art.expected.jsonl").write_text(json.dumps(
        {"org": "광주광역시", "org_mention": "광주시", "amount_krw": 20_000_000_000, "amount_text": "200억원",
         "year": 2020, "year_mention": "올해", "initiative": "AI"}, ensure_ascii=False) + "\n", encoding="utf-8")
    return tmp_path / "art.txt"


def test_seed_form_article_beside_expected_records(tmp_path):
    corpus = read_record_gold(_seed(tmp_path), published="2020-01-15")
    [document] = corpus.documents
    assert document["id"] == "art" and document["published"] == "2020-01-15"
    [record] = corpus.gold["art"]
    assert record.org_aliases == ["광주시"] and record.year == 2020 and record.year_text == "올해"
    fake = FakeRecords({"art": [dict(org="광주광역시", org_mention="광주시", amount_krw=20_000_000_000, year=2020)]})
    result = evaluate_records(tmp_path / "art.expected.jsonl", extract_fn=fake, published="2020-01-15")
    assert _counts(result) == (1, 0, 0) and result["year"]["accuracy"] == 1.0
    assert fake.calls[0]["published"] == "2020-01-15"


# --- command line ----------------------------------------------------------------------------------------

@pytest.fixture
def fake_pipeline(monkeypatch):
    """The CLI uses krnews.api.extract; replace it so exit codes depend on the scorer alone."""
    fake = FakeMentions({"시는 300억원을 쓴다.": [("amount", "300억원", {"value_krw": 30_000_000_000})],
                         "도는 5억원을 쓴다.": []})
    monkeypatch.setattr("krnews.api.extract", fake)
    return fake


def test_cli_min_f1_gates_and_json(tmp_path, fake_pipeline, capsys):
    path = _sentences(tmp_path, "시는 <300억원:MNY>을 쓴다.", "도는 <5억원:MNY>을 쓴다.")
    assert main(["eval", str(path), "--kind", "amount", "--min-f1", "0.6"]) == 0
    assert main(["eval", str(path), "--kind", "amount", "--min-f1", "0.7"]) == 1
    assert "amount span F1 (mapped) 0.6667 is below --min-f1 0.7" in capsys.readouterr().err
    assert main(["eval", str(path), "--kind", "amount", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["mentions"]["kinds"]["amount"]
    assert figures["mapped"]["recall"] == 0.5 and "misses" not in figures
    assert [c["name"] for c in figures["conventions"]] == ["money_core", "range_joined", "range_upper_end",
                                                           "no_money_span"]


def test_cli_show_errors_prints_misses_with_their_sentence(tmp_path, fake_pipeline, capsys):
    path = _sentences(tmp_path, "시는 <300억원:MNY>을 쓴다.", "도는 <5억원:MNY>을 쓴다.")
    assert main(["eval", str(path), "--kind", "amount", "--show-errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "amount misses (mapped) (first 1 of 1)" in out and "도는 [[5억원]]을 쓴다." in out


def test_cli_records_gate_and_bad_inputs(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("krnews.api.extract", FakeRecords({"a": [dict(org="서울특별시", amount_krw=10_000_000_000)]}))
    (tmp_path / "g").mkdir()
    gold_dir = write_gold(tmp_path / "g", [DOC], [gold_record()])
    assert main(["eval", str(gold_dir), "--min-f1", "1.0"]) == 0
    assert "record       P 1.000  R 1.000  F1 1.000" in capsys.readouterr().out
    assert main(["eval", str(gold_dir), "--json"]) == 0
    conventions = json.loads(capsys.readouterr().out)["records"]["conventions"]
    assert {c["name"]: c["changed"]["record"] for c in conventions}["told_again"] == 0 and len(conventions) == 7
    assert main(["eval", str(gold_dir), str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: no such file or directory" in capsys.readouterr().err
    assert main(["eval", str(gold_dir), "--kind", "amount"]) == 1
    with pytest.raises(SystemExit) as usage:
        main(["eval", str(gold_dir), "--show", "many"])
    assert usage.value.code == 2
    assert main(["eval", str(gold_dir), "--tag-map", "QT"]) == 2


# --- the shared corpora, read in place (never copied); skipped where ../shared is absent ------------------

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (SHARED / "ner").is_dir(), reason="../shared/data/ner not present")
@pytest.mark.parametrize("name, sentences", [("kmou_dev_sentences.txt", 14000), ("hclt2016_dev.txt", 501)])
def test_shared_tagged_corpora_parse_with_consistent_offsets(name, sentences):
    parsed = read_inline_tagged(SHARED / "ner" / name)
    assert len(parsed) == sentences
    assert all(s.text[span.start:span.end] == span.text for s in parsed for span in s.spans)
    assert not any("<" in span.text or ">" in span.text for s in parsed for span in s.spans)


@pytest.mark.skipif(not (SHARED / "records" / "gold.jsonl").is_file(), reason="../shared/data/records not present")
def test_shared_record_gold_reads_and_every_amount_is_comparable():
    corpus = read_record_gold(SHARED / "records")
    records = [r for rows in corpus.gold.values() for r in rows]
    assert corpus.documents and records
    assert all(r.candidate().amount is not None for r in records)


def test_a_place_kmou_writes_inside_an_organisation_span_is_a_convention(tmp_path):
    path = _sentences(tmp_path, "<일본 소프트뱅크가:ORG> <부산 해운대경찰서:ORG>와 만났다.")
    text = "일본 소프트뱅크가 부산 해운대경찰서와 만났다."
    fake = FakeMentions({text: [("org", "소프트뱅크", {}), ("org", "해운대경찰서", {})]})
    org = evaluate_mentions(path, kind="org", extract_fn=fake)["kinds"]["org"]
    assert (org["raw"]["tp"], org["mapped"]["tp"], org["mapped"]["fp"]) == (0, 2, 0)
    # a word before the name that is no place still makes a different span
    path = _sentences(tmp_path, "<한빛 소프트뱅크:ORG>는 말했다.")
    fake = FakeMentions({"한빛 소프트뱅크는 말했다.": [("org", "소프트뱅크", {})]})
    assert evaluate_mentions(path, kind="org", extract_fn=fake)["kinds"]["org"]["mapped"]["tp"] == 0


def test_legal_marks_are_cut_and_a_body_and_unit_tagged_apart_join_when_ours_spans_both(tmp_path):
    path = _sentences(tmp_path, "<㈜한빛소재:ORG>와 <수원지법:OG> <제2형사부:OG>가 <누리:OG> <재단:OG>과 만났다.")
    text = "㈜한빛소재와 수원지법 제2형사부가 누리 재단과 만났다."
    fake = FakeMentions({text: [("org", "한빛소재", {}), ("org", "수원지법 제2형사부", {}), ("org", "누리", {})]})
    org = evaluate_mentions(path, kind="org", extract_fn=fake)["kinds"]["org"]
    assert (org["raw"]["tp"], org["raw"]["fn"]) == (1, 4)
    # mapped: the mark is cut, the court and its division are one; 누리 and 재단 stay two (ours spans one)
    assert (org["mapped"]["tp"], org["mapped"]["fp"], org["mapped"]["fn"]) == (3, 0, 1)


def test_ours_exactly_on_a_channel_span_are_excused_but_not_inside_a_longer_one(tmp_path):
    path = _sentences(tmp_path, "<누리:ORG>는 <MBC:POH> ‘<무한도전:POH>’과 <BMW 5시리즈:POH>를 봤다.")
    text = "누리는 MBC ‘무한도전’과 BMW 5시리즈를 봤다."
    fake = FakeMentions({text: [("org", "누리", {}), ("org", "MBC", {}), ("org", "BMW", {})]})
    org = evaluate_mentions(path, kind="org", extract_fn=fake)["kinds"]["org"]
    assert (org["raw"]["fp"], org["mapped"]["fp"], org["mapped"]["ignored_system"]) == (2, 1, 1)
    assert [e["text"] for e in org["false_alarms"]] == ["BMW"]


def test_an_untagged_institution_after_a_place_is_excused_too(tmp_path):
    path = _sentences(tmp_path, "<누리:ORG>와 한국 정부가 만났다.")
    fake = FakeMentions({"누리와 한국 정부가 만났다.": [("org", "누리", {}), ("org", "한국 정부", {})]})
    org = evaluate_mentions(path, kind="org", extract_fn=fake)["kinds"]["org"]
    assert (org["raw"]["fp"], org["mapped"]["fp"], org["mapped"]["ignored_system"]) == (1, 0, 1)


def test_records_of_one_size_and_organisation_pair_with_gold_of_their_own_funding_type():
    from decimal import Decimal

    from krnews.evaluate.matching import Candidate, assign

    money, names = ("KRW", Decimal(2_000_000_000)), frozenset({"대전광역시서구"})
    gold = [Candidate(money, names, funding_type="grant"), Candidate(money, names, funding_type="budget")]
    system = [Candidate(money, names, funding_type="budget"), Candidate(money, names, funding_type="grant")]
    assert sorted(assign(gold, system).pairs) == [(0, 1, False), (1, 0, False)]


def test_records_of_one_size_pair_with_the_gold_whose_initiative_they_share_words_with():
    from decimal import Decimal

    from krnews.evaluate.matching import Candidate, assign

    money, names = ("KRW", Decimal(10_000_000_000)), frozenset({"강릉시"})
    gold = [Candidate(money, names, initiative_words=frozenset({"ITS", "구축사업", "총사업비"})),
            Candidate(money, names, initiative_words=frozenset({"화폐전시관", "건립", "총사업비"}))]
    system = [Candidate(money, names, initiative_words=frozenset({"화폐전시관", "건립"})),
              Candidate(money, names, initiative_words=frozenset({"ITS", "구축사업"}))]
    assert sorted(assign(gold, system).pairs) == [(0, 1, False), (1, 0, False)]


def test_two_digits_with_a_month_are_a_year_but_alone_may_be_a_duration(tmp_path):
    path = _sentences(tmp_path, "<96년 8월:DAT>에 착공해 <96년:DAT> 내내 <94년4월∼95년3월:DUR> 예산을 썼다.")
    text = "96년 8월에 착공해 96년 내내 94년4월∼95년3월 예산을 썼다."
    fake = FakeMentions({text: [("year", "96년", {"year": 1996}), ("year", "94년", {"year": 1994})]})
    year = evaluate_mentions(path, kind="year", extract_fn=fake)["kinds"]["year"]
    assert year["excluded_gold"] == 1  # <96년:DAT> alone names no year the scorer can tell
    mapped = year["mapped"]
    assert (mapped["tp"], mapped["fp"], mapped["fn"], mapped["ignored_system"]) == (1, 0, 0, 1)


# --- honest mapped figures: another tag's span excuses nothing by itself ----------------------------------

@pytest.mark.parametrize("line, kind, ours, counts, other_tags", [
    # (tp, fp, not counted) in the mapped figures; the tags of other kinds that hold our false alarms
    ("준결승 <1조:NOH>에서 이겼다.", "amount", ["1조"], (0, 1, 0), {"NOH": 1}),
    ("<제14조:NOH>에 따라 <300억원:MNY>을 썼다.", "amount", ["14조", "300억원"], (1, 1, 0), {"NOH": 1}),
    ("<10만원권 발행일:DAT>을 정했다.", "amount", ["10만원"], (0, 1, 0), {"DAT": 1}),
    ("구는 <19억:MNY>을 썼다.", "amount", ["19억"], (0, 0, 1), {}),  # same tag, no currency word: a convention
    ("<올해의 차:POH>에 뽑혔다.", "year", ["올해"], (0, 1, 0), {"POH": 1}),
    ("올해 예산을 늘렸다.", "year", ["올해"], (0, 0, 1), {}),  # untagged: KMOU tags no year word
    ("<2012년부터 2016년:DUR>까지 썼다.", "year", ["2012년", "2016년"], (0, 0, 2), {}),
    ("<1960~1970년대:DUR>에 지었다.", "year", ["1960~1970년"], (0, 1, 0), {"DUR": 1}),  # a decade names no year
    ("<이화여대 삼성홀:LOC>에서 열렸다.", "org", ["이화여대"], (0, 1, 0), {"LOC": 1}),
    ("<일본:LOC>식품이 팔렸다.", "org", ["일본식품"], (0, 1, 0), {}),  # reaches past the place
    ("<서울시:LOC>는 도왔다.", "org", ["서울시"], (0, 0, 1), {}),
    ("<경상남도:LOC> <양산시:LOC>는 도왔다.", "org", ["경상남도 양산시"], (0, 0, 1), {}),
    ("<KBS2:POH> ‘<뮤직뱅크:POH>’에 나왔다.", "org", ["KBS2"], (0, 0, 1), {}),
    ("<KBS2 '뮤직뱅크':POH>에 나왔다.", "org", ["KBS2"], (0, 1, 0), {"POH": 1}),
    ("<한은:ORG>은 금리를 묶었다.", "org", ["한은"], (1, 0, 0), {}),  # the Bank of Korea, not 한 + 은
    ("<일본은:ORG> 반대했다.", "org", ["일본"], (0, 0, 1), {}),
])
def test_ours_inside_a_gold_span_of_another_tag_is_a_false_alarm_unless_a_convention_names_it(
        tmp_path, line, kind, ours, counts, other_tags):
    text = parse_inline(line).text
    fields = {"amount": {"value_krw": 1}, "year": {"year": 2024}, "org": {}}[kind]
    fake = FakeMentions({text: [(kind, surface, fields) for surface in ours]})
    every_tag = "<누리:ORG>는 <2000년:DAT>에 <1억원:MNY>을 썼다."  # a kind is scored where its tag is used
    path = _sentences(tmp_path, line, every_tag)
    mapped = evaluate_mentions(path, kind=kind, extract_fn=fake)["kinds"][kind]["mapped"]
    assert (mapped["tp"], mapped["fp"], mapped["ignored_system"]) == counts
    assert mapped["false_alarms_in_other_tags"] == other_tags


def test_each_mapping_convention_is_listed_with_the_spans_it_changed(tmp_path):
    path = _sentences(tmp_path, "<약 300억원을:MNY> 썼고 <35만:MNY>~<37만 원:MNY>대다.", "<일본:ORG>과 <㈜한빛소재가:ORG> <서울시:LOC>에서 만났다.")
    fake = FakeMentions({"약 300억원을 썼고 35만~37만 원대다.": [("amount", "300억원", {"value_krw": 30_000_000_000}),
                                                        ("amount", "35만~37만 원", {"value_krw": 370_000})],
                         "일본과 ㈜한빛소재가 서울시에서 만났다.": [("org", "한빛소재", {}), ("org", "서울시", {})]})
    kinds = evaluate_mentions(path, extract_fn=fake)["kinds"]
    changed = {k: {c["name"]: c["changed"] for c in kinds[k]["conventions"]} for k in ("amount", "org")}
    assert changed["amount"] == {"money_core": 1, "range_joined": 0, "range_upper_end": 1, "no_money_span": 0}
    assert changed["org"] == {"countries": 1, "legal_marks": 1, "body_and_unit": 0, "particle": 1, "place_prefix": 0,
                              "places": 1, "channels": 0, "untagged_institutions": 0}
    assert all(c["rule"] for c in kinds["org"]["conventions"])
    assert (kinds["org"]["raw"]["tp"], kinds["org"]["mapped"]["tp"]) == (0, 1)


def test_the_report_puts_raw_figures_first_and_mapped_beside_them(tmp_path):
    from krnews.evaluate.report import mentions_report

    path = _sentences(tmp_path, "시는 <약 300억원:MNY>을 썼다.")
    fake = FakeMentions({"시는 약 300억원을 썼다.": [("amount", "300억원", {"value_krw": 30_000_000_000})]})
    report = mentions_report(evaluate_mentions(path, kind="amount", extract_fn=fake))
    row = next(line for line in report.splitlines() if line.startswith("amount"))
    raw, mapped = row.split(" | ")
    assert raw.split()[1:] == ["1", "1", "0", "0.000", "0.000", "0.000"]
    assert mapped.split() == ["1", "1", "1", "1.000", "1.000", "1.000", "0"]
    assert "    money_core                    1  a span is compared by its money alone" in report


def test_record_matching_conventions_are_listed_with_the_records_they_changed(tmp_path, capsys):
    gold = [gold_record(org="서울특별시"),
            gold_record(amount_text="5억원", amount_krw=500_000_000, org="중소벤처기업부", org_aliases=["중기부"]),
            gold_record(amount_text="7억원", amount_krw=700_000_000, org="한국 벤처투자"),
            gold_record(amount_text="222억417만원", amount_krw=22_204_170_000, org="대구시"),
            gold_record(amount_text="3억원", amount_krw=300_000_000, org="대구시", optional=True)]
    system = {"a": [dict(org="서울특별시", amount_krw=10_000_000_000), dict(org="서울특별시", amount_krw=10_000_000_000),
                    dict(org="중기부", amount_krw=500_000_000), dict(org="한국벤처투자", amount_krw=700_000_000),
                    dict(org="대구시", amount_krw=22_200_000_000), dict(org="대구시", amount_krw=300_000_000)]}
    result = _score(tmp_path, gold, system)
    changed = {c["name"]: c["changed"] for c in result["conventions"]}
    assert changed == {"spaces_ignored": {"record": 1}, "aliases_and_recipient": {"record": 1},
                       "bare_local_government": {"record": 0},
                       "within_2_percent": {"record": 1, "amount_only": 1}, "told_again": {"record": 1, "amount_only": 1},
                       "optional_gold": {"record": 1, "amount_only": 1}, "undated_year_word": {"record": 0}}
    report = records_report(result)
    assert "    within_2_percent          1 / 1  when no exact amount matches" in report
    assert "    aliases_and_recipient         1  a record's organisation may match" in report


@pytest.mark.parametrize("system_org, mention, org_type, gold_org, matches", [
    ("대전광역시 유성구", None, "local_gov", "유성구", True),
    ("경상남도 거창군", "거창군청", "local_gov", "거창군", True),
    ("경상남도 거창군", "경남 거창군", "local_gov", "거창군", True),
    ("대전광역시 유성구", "대전 유성구", "local_gov", "대전광역시 유성구", True),  # the whole name, as before
    ("대전광역시 유성구", None, "local_gov", "대전광역시", False),  # the parent is another body
    ("대전광역시 유성구", None, None, "유성구", False),  # only a local government sheds its parent
    ("한국전력공사 대전본부", None, "public_agency", "대전본부", False),
    ("경상남도", None, "local_gov", "거창군", False),
])
def test_a_local_government_named_with_its_parent_matches_gold_that_names_it_bare(
        tmp_path, system_org, mention, org_type, gold_org, matches):
    system = {"a": [dict(org=system_org, org_mention=mention, org_type=org_type, amount_krw=10_000_000_000)]}
    result = _score(tmp_path, [gold_record(org=gold_org)], system)
    assert _counts(result) == ((1, 0, 0) if matches else (0, 1, 1))
    bare = next(c for c in result["conventions"] if c["name"] == "bare_local_government")["changed"]["record"]
    assert bare == (matches and gold_org != system_org)
