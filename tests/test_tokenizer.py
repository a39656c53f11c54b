"""The MeCab-ko tokenizer: the Doc's tokens give back the exact text, sentences start where they should."""
import pytest
from hypothesis import given, settings, strategies as st

from spacy.tokens import Doc

from krnews.nlp.language import get_nlp
from krnews.nlp.characters import clean_text
from krnews.nlp.found import found
from krnews.nlp.language import analyse
from krnews.nlp.tokenizer import sentence_spans


def roundtrip(text):
    doc = get_nlp().make_doc(text)
    return "".join(t.text_with_ws for t in doc)


@pytest.mark.parametrize("text", [
    "광주시는 올해 200억원을 투입한다.  이중 공백\n\n새 문단\t탭",
    "  앞 공백과 끝 공백  ",
    "했다.러시아 시장을 노린다.",
    "",
])
def test_tokens_give_back_the_text(text):
    assert roundtrip(text) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["서울시는", " ", "  ", "\n", "200억원을", "투입한다.", "AI", "(지난해", "29억원)", "\t"]), max_size=12))
def test_any_mix_of_words_and_whitespace_round_trips(pieces):
    text = "".join(pieces)
    assert roundtrip(text) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["서울시는", " ", "  ", "\n", "200억원을", "투입한다.", "AI", "(지난해", "29억원)", "\t", "\u3000", "원자력"]), max_size=12))
def test_the_doc_is_the_one_spacy_makes_from_the_same_tokens(pieces):
    doc = get_nlp().make_doc("".join(pieces))
    rebuilt = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        sent_starts=[t.is_sent_start for t in doc] or None,
    )
    assert doc.to_bytes(exclude=["user_data"]) == rebuilt.to_bytes(exclude=["user_data"])


def test_sentences_without_money_become_words_with_their_spaces():
    doc = get_nlp().make_doc("시는 새 사업을 시작한다. 두  칸\t띄움")
    assert [(t.text, t.whitespace_, t.tag_, t.is_sent_start) for t in doc] == [
        ("시는", " ", "EOJEOL", True), ("새", " ", "EOJEOL", False), ("사업을", " ", "EOJEOL", False),
        ("시작한다.", " ", "EOJEOL", False), ("두", " ", "EOJEOL", True), (" ", "", "_SP", False),
        ("칸", "", "EOJEOL", False), ("\t", "", "_SP", False), ("띄움", "", "EOJEOL", False),
    ]


def test_sentences_split_at_endings_and_line_breaks():
    text = "시는 투입한다. 또 늘린다.\n제목 줄\n했다.러시아"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["시는 투입한다.", "또 늘린다.", "제목 줄", "했다.", "러시아"]


@pytest.mark.parametrize("text, sentences", [
    ("편성했다.2021년 예산은 늘었다.", ["편성했다.", "2021년 예산은 늘었다."]),  # a year glued to the ending
    ("밝혔다.▲A 사업 3억원", ["밝혔다.", "▲A 사업 3억원"]),  # a bullet glued to the ending
    ("말했다.“이번 사업은", ["말했다.", "“이번 사업은"]),  # an opening quote
    ("“늘리겠다.”라고 말했다.", ["“늘리겠다.”라고 말했다."]),  # a closing quote ends no sentence inside one
    ("3.5억원이다. 1.5배", ["3.5억원이다.", "1.5배"]),  # decimal points are no sentence ends
])
def test_a_sentence_ending_glued_to_the_next_sentence_splits(text, sentences):
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


@pytest.mark.parametrize("separator", ["\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_line_breaking_characters_other_than_newline_keep_the_text_whole(separator):
    text = f"서울시는{separator}200억원을 투입한다."
    doc = analyse(text)
    assert doc.text == text
    assert [(a.start, a.end) for a in found(doc, "amounts")] == [(5, 10)]


# Wrapped at 60 columns (a Hangul syllable is two), as old archives and wire copy are.
WRAPPED = ("청주시는 3일 2025년부터 5개년 계획으로 오는 2029년까지 짓기\n로 한 시립 과학관의 총사업비를 850억원으로 정했다. 시는 이같\n"
           "은 내용을 시의회에 보고하고 올해 하반기 중 설계 용역비로 예\n비비에서 12억원을 쓰기로 했다.")


def test_a_hard_wrapped_text_is_split_at_its_sentence_ends_not_at_its_line_ends():
    assert [WRAPPED[a:b] for a, b in sentence_spans(WRAPPED)] == [
        "청주시는 3일 2025년부터 5개년 계획으로 오는 2029년까지 짓기\n로 한 시립 과학관의 총사업비를 850억원으로 정했다.",
        "시는 이같\n은 내용을 시의회에 보고하고 올해 하반기 중 설계 용역비로 예\n비비에서 12억원을 쓰기로 했다."]
    doc = analyse(WRAPPED)
    assert doc.text == WRAPPED and [doc.text[a.start:a.end] for a in found(doc, "amounts")] == ["850억원", "12억원"]


def test_unpunctuated_headings_of_different_widths_stay_apart():
    text = ("과학관 850억원 투입 결정\n내년 하반기에 착공해 2029년 완공을 목표로 추진\n시의회 동의 거쳐 예산 최종 확정\n"
            "청주시는 시립 과학관을 짓는다.")
    assert len(sentence_spans(text)) == 4


CLEANED = [
    # (raw text, what the NLP stage reads)
    ("１，０００억원", "1,000억원"),
    ("4백억원、 2백80억원、 50억원을 배정했다", "4백억원, 2백80억원, 50억원을 배정했다"),  # the ideographic comma of old archives
    ("40억\u200b원", "40억원"),
    ("\0서울시", "서울시"),
    # marks that are no comma stay as they are: the middle dot and the soft hyphen keep names apart
    ("정밀전자·항공", "정밀전자·항공"),
    ("김민수\u00ad이지영", "김민수\u00ad이지영"),
    ("A。B", "A。B"),
]


@pytest.mark.parametrize("raw,cleaned", CLEANED)
def test_text_is_cleaned_before_the_nlp_stage(raw, cleaned):
    assert clean_text(raw) == cleaned


LINE_BREAKS = [
    # (text, sentences): a line ending in a particle, a connective ending or a comma goes on
    ("부산시의 내년도 예산안이\n사상 처음으로 10조원을\n넘어섰습니다.", ["부산시의 내년도 예산안이\n사상 처음으로 10조원을\n넘어섰습니다."]),
    ("해남군과 진도군이 중앙부처와 전남도,\n외부기관 등에서 공모사업을 땄다.", ["해남군과 진도군이 중앙부처와 전남도,\n외부기관 등에서 공모사업을 땄다."]),
    # a headline ends in a noun or a verb stem; a list item opens with its mark; a sentence ends in 다.
    ("부산시 예산 10조 시대\n시는 예산을 편성했다.", ["부산시 예산 10조 시대", "시는 예산을 편성했다."]),
    ("주요 사업은 다음과 같다.\n▲도로 정비에\n▲하천 정비", ["주요 사업은 다음과 같다.", "▲도로 정비에", "▲하천 정비"]),
    ("군은 예산을 편성했다\n올해 예산은 300억원이다.", ["군은 예산을 편성했다", "올해 예산은 300억원이다."]),
    ("시는 예산을\n\n편성했다.", ["시는 예산을", "편성했다."]),  # a blank line is a paragraph's end
]


@pytest.mark.parametrize("text,sentences", LINE_BREAKS)
def test_a_line_break_ends_a_sentence_unless_the_line_cannot_end_one(text, sentences):
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences
