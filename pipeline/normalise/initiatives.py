"""What the money is for, as the sentence names it: the purpose the amount is given to (노후 상수관망
정비에 1조2천억원), the name written with it (보육센터 122억원), what it buys, a quoted project name, or a
noun phrase ending in an initiative head word (사업, 프로젝트, 단지, 센터, 허브, 플랫폼…) of
data/nlp/funding.json, nearest to the amount, unless the amount is the size of a named budget (R&D
예산은 … 7조원이다). A head word alone (센터, 지원), a word for money (국비, 본예산), a year or a
count names nothing."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from krnews.nlp.doctext import doc_text
from krnews.nlp.found import found
from krnews.nlp.orgs import gazetteer_of
from krnews.nlp.tables import load_table, longest_first

_TABLE = load_table("funding")
_HEADS = tuple(_TABLE["initiative_heads"])
_BARE_HEADS = frozenset(_HEADS)
_RELATIVE_YEARS = "|".join(map(re.escape, load_table("years")["relative"]))  # 올해, 지난해, 내년…
_TIME = re.compile(r"^(?:%s)$|\d\s?[년월일]$|^[\d.,]+$" % _RELATIVE_YEARS)
_VERBAL_HEADS = frozenset(_TABLE["verbal_heads"])
_QUOTED = re.compile(r"['‘\"“「『<《]([^'’\"”」』>》\n]{2,60})['’\"”」』>》]")
_NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SN", "SH", "XSN", "XPN", "NR", "NNBC"})  # NNBC: 4척, 3곳
_NOT_NAME_COUNTERS = frozenset(_TABLE["not_name_counters"])  # 2025년, 4조원: of time and money
_NUMERAL_DETERMINERS = frozenset(_TABLE["numeral_determiners"])
_COUNT = re.compile(r"^[\d.,]+\s?[가-힣]{1,3}$")  # 3개, 150파운드: how many, not what
_JOINERS = frozenset(_TABLE["name_joiners"]["glued"])  # AI·빅데이터, 강릉~제진
_SPACED_JOINERS = frozenset(_TABLE["name_joiners"]["spaced"])  # 데이터 구매 및 가공
_OBJECT_PARTICLES = frozenset({"을", "를"})
# Time words open many noun runs (올해 R&D 지원 사업) but never name an initiative.
_NOT_INITIATIVE_START = frozenset(load_table("years")["relative"]) | frozenset(_TABLE["initiative_stop_words"])
_NOT_HEAD_PENALTY = 25
_YEAR_WORD = r"(?:%s|\d{4}년(?:까지|부터)?)" % _RELATIVE_YEARS
# "…에 (올해) (총) 1조원", "…를 위해 (2010년까지) 3200억원", "…을 늘리는 데 48억원": the noun phrase the
# money is given to.
_SHARE_WORD = longest_first([*_TABLE["public_money_levels"], *_TABLE["other_funders"], *_TABLE["budget_words"]])  # …정비에 시비 35억원
_PURPOSE_GAP = re.compile(
    r"(?:에|에는|에도|엔|에만|에만도|[을를]\s?위해(?:서)?[는도]?|[을를]\s?위한|[을를]\s?(?:[가-힣]+\s)?[가-힣]+는\s?데)"
    r"\s?(?:%s\s?)?(?:(?:총|약|최대|모두|각각|연간|매년)\s?)?(?:(?:%s)\s?)?$" % (_YEAR_WORD, _SHARE_WORD)
)
# "…을 1조원에 수주": what the money buys
_BOUGHT_GAP = re.compile(r"[을를]\s?(?:각각\s?)?")
_FOR_PRICE = re.compile(r"\s?에\s")
# "600억원은 … 태양광 설치에": the purpose after the amount it is the topic of
TOPIC_GAP = re.compile(r"\s?[은는]\s")
_PURPOSE_AFTER = re.compile(r"(?:에|에는|에도|엔)(?=[\s,])")
# 복지예산이 8조원으로, R&D 예산은 … 7조원이다, 2016년 예산을 … 14조원으로 편성: the budget the amount
# is the size of, named as the clause's subject, topic or object, before the amount …
_BUDGET = re.compile(r"(?:%s)$" % longest_first(_TABLE["budget_words"]))
_BUDGET_ROLE = re.compile(r"[은는이가을를]\s")
# … or right after it (2012년 5조원이었던 복지예산이)
_BUDGET_AFTER_GAP = re.compile(r"(?:이었던|였던|이던|던|인)\s")
_NOT_QUOTED_PENALTY = 3
_LONGEST_QUOTED_NAME = 6  # words
# 보육센터 122억원, 매칭 예산 16억원, 철거 비용으로 150억원: a name written right before the amount
_MONEY_WORDS = frozenset(
    [word for words in _TABLE["types"].values() for word in words]
    + list(_TABLE["public_money_levels"]) + list(_TABLE["other_funders"]) + _TABLE["money_words"]
)
_SHORTEST_NAME = 3  # syllables of a one-word name (보육센터, 기반조성)
_NAME_GAP = re.compile(r"\s?(?:\(\s?)?")  # 달 탐사(100억원)
# 본예산 3000억원, 설계비로 25억원 (which MeCab-ko reads as one noun): a compound word for money
_MONEY_COMPOUND = re.compile(r"(?:%s|[비금](?:으로|로))$" % longest_first(_TABLE["money_word_endings"]))
_MONEY_WORD_GAP = re.compile(r"(?:으로|로)?\s?")


def _noun_phrases(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of noun runs in doc.text[start:end] (nouns may be separated by one space).
    A run followed by 을/를 and a verbal noun (공공빅데이터센터를 건립) takes that noun along."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    phrases: list[tuple[int, int, str]] = []
    run: list = []
    tokens = list(span)
    for i, token in enumerate(tokens):
        nounish = _is_noun(token) or (run and not run[-1].whitespace_ and _glued_noun(tokens, i)) or (
            run and (_counts_a_noun(tokens, i) or (run[-1].whitespace_ and _joins_nouns(tokens, i))))
        if nounish and not run and not _starts_a_word(tokens, i):
            continue  # 5년간: 간 ends a word, it opens no noun phrase
        if nounish and (not run or len(run[-1].whitespace_) <= 1):
            run.append(token)
            if token.whitespace_ and i + 1 < len(tokens) and not (
                    _is_noun(tokens[i + 1]) or _counts_a_noun(tokens, i + 1) or _joins_nouns(tokens, i + 1)):
                phrases.append(_close(run, tokens, i))
                run = []
            continue
        if run:
            phrases.append(_close(run, tokens, i - 1))
            run = []
    if run:
        phrases.append(_close(run, tokens, len(tokens) - 1))
    return phrases


def _is_noun(token) -> bool:
    return token.tag_ in _NOUN_TAGS and not (token.tag_ == "NNBC" and token.text in _NOT_NAME_COUNTERS)


def _counts_a_noun(tokens: list, i: int) -> bool:
    """스타트업 세 곳: a native numeral that counts the noun after it belongs to the name."""
    token = tokens[i]
    return token.tag_ == "MM" and token.text in _NUMERAL_DETERMINERS and i + 1 < len(tokens) and _is_noun(tokens[i + 1])


def _joins_nouns(tokens: list, i: int) -> bool:
    """데이터 구매 및 가공 바우처 사업: a spaced word that lists nouns within one name."""
    return tokens[i].text in _SPACED_JOINERS and i + 1 < len(tokens) and _is_noun(tokens[i + 1])


def _glued_noun(tokens: list, i: int) -> bool:
    """A token glued to a noun that continues the noun whatever MeCab-ko tags it: a joiner (AI·빅데이터),
    a project word (의료기기 산업단지: 단지 read as the adverb), or 인 before another noun (청년 농업인
    정착 지원: 인 read as the copula), unless 인 follows a project word, when it is one (국책사업인
    철도건설: the railway, which is a national project)."""
    text = tokens[i].text
    return text in _JOINERS or text in _BARE_HEADS or (
        text == "인" and tokens[i - 1].tag_ == "NNG" and tokens[i - 1].text not in _BARE_HEADS
        and i + 1 < len(tokens) and _is_noun(tokens[i + 1]))


def _starts_a_word(tokens: list, i: int) -> bool:
    """After a space or a symbol ((가칭)스마트센터), not inside a word after a non-noun."""
    return i == 0 or bool(tokens[i - 1].whitespace_) or tokens[i - 1].tag_.startswith("S")


def _close(run: list, tokens: list, last: int) -> tuple[int, int, str]:
    while len(run) > 1 and run[0].text in _NOT_INITIATIVE_START:
        run = run[1:]
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    phrase = doc_text(run[0].doc)[start:end]
    if last + 2 < len(tokens) and tokens[last + 1].text in _OBJECT_PARTICLES and tokens[last + 2].text in _VERBAL_HEADS:
        phrase += " " + tokens[last + 2].text
    return start, end, phrase


def _names_a_place(doc: Doc, phrase: str) -> bool:
    """청주에 20조원을 들여: where the money goes, not what for."""
    return " " not in phrase and gazetteer_of(doc).names_a_place(phrase)


def _may_name(phrase: str) -> bool:
    """Whether a noun phrase can name an initiative: not one character (美에), a head word alone (센터),
    a year or a count (2025년, 3개), words for money (국비 예산) or part and time words (이번에, 나머지)."""
    return (len(phrase) > 1 and phrase not in _BARE_HEADS and not _TIME.search(phrase) and not _COUNT.match(phrase)
            and not _is_money_word(phrase) and not _NOT_INITIATIVE_START.issuperset(phrase.split()))


def _is_money_word(words: str) -> bool:
    """국비, 본예산, 국비 예산: words that say what kind of money it is, not what it is for."""
    return all(word in _MONEY_WORDS or _MONEY_COMPOUND.search(word) for word in words.split())


def _named_right_before(doc: Doc, phrase: tuple[int, int, str], amount_start: int) -> str | None:
    """The name written right before the amount, without a word for money after it; None when
    there is none, or it is an organisation's (삼성전자 200억원) or only a word for money (국비 6억원)."""
    start, end, name = phrase
    words = name.split()
    gap = _NAME_GAP
    if _is_money_word(words[-1]):
        words, gap = words[:-1], _MONEY_WORD_GAP
    if not words or not gap.fullmatch(doc_text(doc), end, amount_start) or _NOT_INITIATIVE_START.intersection(words):
        return None  # 나머지 350억원, 이 가운데 2450억원, 추경 때 최대 200억원: no name
    if len(words) == 1 and len(words[0]) < _SHORTEST_NAME:
        return None  # 우승 300만 원, 월 48만 원, 시가 200억원을 (the city, which MeCab-ko reads as a price)
    if _TIME.search(" ".join(words)):
        return None  # `21년 국비 11억원: a year's share, no name
    if any(org.start < end and start < org.end for org in found(doc, "orgs")):
        return None
    return " ".join(words).rstrip("".join(_JOINERS))


def _names_a_budget(phrase: str) -> bool:
    """R&D 예산, 2016년 예산, 복지예산: a budget named by what it is for (or whose it is, of which year),
    not a kind of budget alone (예산, 본예산, 총예산)."""
    words = phrase.split()
    budget = _BUDGET.search(words[-1])
    return budget is not None and (len(words) > 1 or budget.start() >= 2)


def _budget_named(doc: Doc, before: list, after: list, amount_end: int) -> str | None:
    """The budget the amount is the size of (see _BUDGET_ROLE, _BUDGET_AFTER_GAP), else None."""
    text = doc_text(doc)
    if after and _BUDGET_AFTER_GAP.fullmatch(text, amount_end, after[0][0]) and _names_a_budget(after[0][2]):
        return after[0][2]
    for start, end, phrase in reversed(before):
        if _names_a_budget(phrase) and _BUDGET_ROLE.match(text, end):
            return phrase
    return None


def find_initiative(doc: Doc, amount_start: int, amount_end: int, lower: int, upper: int) -> str | None:
    """The initiative funded by the amount at [amount_start, amount_end), looking in [lower, upper):
    the purpose the money is given to (…에 200억원, …를 위해), else the name written right before it
    (보육센터 122억원), else what it buys (…을 1조원에 수주), else the purpose after it when it is the
    topic (600억원은 태양광 설치에), else the budget it is the size of (복지예산이 8조원으로), else the
    nearest quoted name or noun phrase ending in a project word."""
    text = doc_text(doc)
    around = _noun_phrases(doc, lower, amount_start) + _noun_phrases(doc, amount_end, upper)  # the amount names nothing
    phrases = [p for p in around if _may_name(p[2])]
    before = [p for p in phrases if p[1] <= amount_start]
    if before and _PURPOSE_GAP.fullmatch(text, before[-1][1], amount_start) and not _names_a_place(doc, before[-1][2]):
        return before[-1][2]
    if before and (name := _named_right_before(doc, before[-1], amount_start)):
        return name
    if before and _BOUGHT_GAP.fullmatch(text, before[-1][1], amount_start) and _FOR_PRICE.match(text, amount_end):
        return before[-1][2]
    after = [p for p in phrases if p[0] >= amount_end]
    if after and TOPIC_GAP.fullmatch(text, amount_end, after[0][0]) and _PURPOSE_AFTER.match(text, after[0][1]):
        return after[0][2]
    budget = _budget_named(doc, [p for p in around if p[1] <= amount_start], [p for p in around if p[0] >= amount_end],
                           amount_end)
    if budget:
        return budget
    candidates = []  # (score, text)
    for m in _QUOTED.finditer(text, lower, upper):
        if m.start() <= amount_start < m.end():
            continue
        name = m.group(1).strip()
        if len(name.split()) > _LONGEST_QUOTED_NAME:
            continue  # “지자체 간 양극화가 더욱 심해지고 있다는 게 …”: a quotation, not a name
        distance = amount_start - m.end() if m.end() <= amount_start else m.start() - amount_end
        candidates.append((distance + (0 if name.endswith(_HEADS) else _NOT_HEAD_PENALTY), name))
    for start, end, phrase in phrases:
        if not phrase.endswith(_HEADS):
            continue
        distance = amount_start - end if end <= amount_start else start - amount_end
        candidates.append((distance + _NOT_QUOTED_PENALTY, phrase))
    if not candidates:
        return None
    return min(candidates)[1]
