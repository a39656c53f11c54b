"""Money amounts: value in won, currency, approximation — and what is not money."""
import datetime as dt

import pytest

from krnews.nlp.found import found
from krnews.nlp.language import analyse
from krnews.nlp.numerals import parse_number

REFERENCE = dt.date(2024, 1, 3)


def amounts(text):
    doc = analyse(text, REFERENCE)
    return [(text[a.start:a.end], a) for a in found(doc, "amounts")]


@pytest.mark.parametrize("numeral, value", [
    ("1조2천억", 1_200_000_000_000), ("4,061억", 406_100_000_000), ("삼백억", 30_000_000_000),
    ("12.5억", 1_250_000_000), ("1억6천400여만", 164_000_000), ("222억417만4177", 22_204_174_177),
    ("이천오백만", 25_000_000), ("십억", 1_000_000_000), ("1조 2천억", 1_200_000_000_000), ("8000", 8000),
    ("29억 4000천만", 2_940_000_000),  # 천 written twice: 4000만
])
def test_numerals_compose_from_the_unit_table(numeral, value):
    assert parse_number(numeral) == value


@pytest.mark.parametrize("numeral", ["", "x12", "억원", "12a"])
def test_non_numerals_have_no_value(numeral):
    assert parse_number(numeral) is None


WON_AMOUNTS = [
    ("시는 200억원을 투입한다.", "200억원", 20_000_000_000, False),
    ("총 4,061억 원이 든다.", "4,061억 원", 406_100_000_000, False),
    ("1조2000억원을 편성했다.", "1조2000억원", 1_200_000_000_000, False),
    ("1조 2천억원을 편성했다.", "1조 2천억원", 1_200_000_000_000, False),
    ("3천억 원 규모다.", "3천억 원", 300_000_000_000, False),
    ("1억6천400여만원을 받았다.", "1억6천400여만원", 164_000_000, True),
    ("삼백억원을 들였다.", "삼백억원", 30_000_000_000, False),
    ("12.5억원이 배정됐다.", "12.5억원", 1_250_000_000, False),
    ("약 200억원을 투자한다.", "200억원", 20_000_000_000, True),
    ("200여억원을 투자한다.", "200여억원", 20_000_000_000, True),
    ("1000억원대 사업이다.", "1000억원", 100_000_000_000, True),
    ("200억원 가량이 든다.", "200억원", 20_000_000_000, True),
    ("200억을 들여 짓는다.", "200억", 20_000_000_000, False),
    ("1조 투자를 발표했다.", "1조", 1_000_000_000_000, False),
    ("입장료는 8000원이다.", "8000원", 8000, False),
    ("요금은 4천9백원.", "4천9백원", 4900, False),
    ("벼룩시장서 1만 6000원 주고 샀다.", "1만 6000원", 16000, False),
    ("올해 연봉은7억 원이다.", "7억 원", 700_000_000, False),
    ("한 병에 2만9000원대다.", "2만9000원", 29000, True),
    # a small unit written apart from the rest of its group, before a large unit (broadcast and old copy)
    ("국고 보조금 3천 163억원이 반영됐다.", "3천 163억원", 316_300_000_000, False),
    ("총 19억 8천 3백만 원을 투입했다.", "19억 8천 3백만 원", 1_983_000_000, False),
    ("예산 천 400억 원을 편성했다.", "천 400억 원", 140_000_000_000, False),
    # 이 after a bare large unit is the particle or the copula, not the digit two; before 천 it is the digit
    ("교체 사업 29억이다.", "29억", 2_900_000_000, False),
    ("정비사업에 20억이 각각 투입된다.", "20억", 2_000_000_000, False),
    ("설계비 3억이 반영됐다.", "3억", 300_000_000, False),
    ("예산 2억이천만원을 편성했다.", "2억이천만원", 220_000_000, False),
]


@pytest.mark.parametrize("sentence, span, value_krw, approximate", WON_AMOUNTS)
def test_won_amounts(sentence, span, value_krw, approximate):
    found = amounts(sentence)
    assert [text for text, _ in found] == [span]
    amount = found[0][1]
    assert (amount.value_krw, amount.currency, amount.approximate) == (value_krw, "KRW", approximate)


def test_a_range_keeps_both_ends():
    for sentence in ("100억~200억원이 든다.", "100~200억원이 든다."):
        [(text, amount)] = amounts(sentence)
        assert text == sentence.split("이 든다")[0]
        assert (amount.value_low, amount.value_krw) == (10_000_000_000, 20_000_000_000)


@pytest.mark.parametrize("sentence, span", [("수백억원이 든다.", "수백억원"), ("수조원 규모다.", "수조원")])
def test_vague_amounts_are_approximate_without_value(sentence, span):
    [(text, amount)] = amounts(sentence)
    assert (text, amount.value, amount.value_krw, amount.approximate) == (span, None, None, True)


@pytest.mark.parametrize("sentence, span, currency, value", [
    ("10억 달러를 투자한다.", "10억 달러", "USD", 1_000_000_000),
    ("600유로를 냈다.", "600유로", "EUR", 600),
    ("80엔을 받았다.", "80엔", "JPY", 80),
    ("5억 위안을 들였다.", "5억 위안", "CNY", 500_000_000),
    ("2천만 홍콩달러를 냈다.", "2천만 홍콩달러", "HKD", 20_000_000),
])
def test_other_currencies_keep_their_currency_and_no_won_value(sentence, span, currency, value):
    [(text, amount)] = amounts(sentence)
    assert (text, amount.currency, amount.value, amount.value_krw) == (span, currency, value, None)


@pytest.mark.parametrize("sentence", [
    "은하에는 200억 개의 별이 있다.",
    "직원 3천 163명이 일한다.",
    "인구 3억 명이 산다.",
    "1억 년 전의 화석이다.",
    "원자력 발전소를 2024년에 짓는다.",
    "이 사업은 3년 동안 120곳에서 진행된다.",
    "구조 개편을 논의했다.",
    "사천시와 협약을 맺었다.",
    "형사소송법 제111조에 따른 것이다.",
    "리스본조약 50조를 발동했다.",
    "당규 66조를 개정하는 안건이다.",
    "당헌 25조와 배치된다는 것이다.",
    "회사 정관 12조에 따라 선임했다.",
    "형사소송법 제110·111조는 요건을 정한 것이다.",
    "헌법 10조, 11조를 보면 알 수 있다.",
    "2인 1조로 순찰한다.",
    "부평1동 주민센터에서 열렸다.",
])
def test_not_money(sentence):
    assert amounts(sentence) == []


@pytest.mark.parametrize("sentence", [sentence for sentence, *_ in WON_AMOUNTS] + ["수백억원이 든다.", "10억 달러를 투자한다."])
def test_every_sentence_with_money_is_split_into_morphemes(sentence):
    # the later stages (initiatives, clause starts) read parts of speech only where the tokenizer gave them
    assert all(token.tag_ != "EOJEOL" for token in analyse(sentence, REFERENCE))
