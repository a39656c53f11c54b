"""Is this money an initiative, and what kind? Decided by the cue words of data/nlp/funding.json
nearest to the amount in its clause."""
from __future__ import annotations

import re
from dataclasses import dataclass

from krnews.nlp.tables import load_table, longest_first

_TABLE = load_table("funding")
_TYPE_OF = {word: kind for kind, words in _TABLE["types"].items() for word in words}
_POSITIVE = re.compile(longest_first(_TYPE_OF))
_NEGATIVE = re.compile(longest_first(_TABLE["not_record"] + _TABLE["not_committed"]))
# 도 재정건의사업으로 5억 원을 확보: a request word inside the name the money is given as says nothing of it
_UNCOMMITTED = frozenset(_TABLE["not_committed"])
# 200억원이 늘어난 / 200억원(3.4%) 증가한: a difference. Not 6075억원으로 늘었다: that is the result.
# 6조 원을 넘어섰다, 2백조원에 육박: a mark passed, not money (45억 원 등이 줄었다, 66억 원이 각각 늘었다).
_APPROXIMATE = longest_first(_TABLE["grammar"]["approximators"])
_CHANGE_AFTER = re.compile(
    r"^\)?\s*(?:\([^)]*\))?\s*(?:%s)?\s*(?:등|씩)?\s*(?:%s)?\s*(?:(?:%s)\s*)?(?:%s)"
    % (_APPROXIMATE, longest_first(_TABLE["grammar"]["change_particles"]), longest_first(_TABLE["grammar"]["change_adverbs"]),
       longest_first(_TABLE["change_after"] + _TABLE["milestone_after"]))
)
# 전년 대비 863억원(8%), 정부안보다 2천620억원의 예산을 증액: right after what it is compared with, a figure is
# the difference (but 128억원보다 126억원으로 감소: the result, said with 으로)
_COMPARED_BEFORE = re.compile(r"(?:%s)\s?$" % longest_first(_TABLE["grammar"]["compared_with"]))
# 증액 529억 원, 감액 250억 원으로 확정: a change named right before its figure, whatever follows (not 증액된 1조원)
_CHANGE_BEFORE = re.compile(r"(?<![가-힣])(?:%s)\s?$" % longest_first(_TABLE["grammar"]["changes_before"]))
_RESULT_AFTER = re.compile(r"\s?(?:으로|로)(?![가-힣])")
# 1조원이 넘는 1조466억원: a bound of the figure that follows, not money of its own
_BOUND_OF_NEXT = re.compile(r"^\s?(?:%s)?\s?(?:%s)\s?\d" % (
    longest_first(_TABLE["grammar"]["change_particles"]), longest_first(_TABLE["bound_of_next_figure"])))
# 434억 원 증가한 6,085억 원: a figure a change word leads to is the result, not a difference
_RESULT_OF_CHANGE = re.compile(r"(?:%s)[가-힣]*\s?$" % longest_first(_TABLE["change_after"]))
# 540억원 가량의 매출: an approximation between the amount and its own noun
_APPROXIMATION = re.compile(r"\s?(?:%s)" % _APPROXIMATE)
# 5조원에서 … 3조원 늘어나: the starting point of a change, unless a year of its own is written right
# before it (올해 6조3천29억원에서 11조5천3백억원으로: this year's budget, a record of that year)
_CHANGE_FROM = re.compile(r"^에서\s")
_OWN_YEAR = re.compile(r"(?:\d{2,4}(?:%s)|%s)\s?(?:%s)?\s?$" % (
    longest_first(_TABLE["grammar"]["year_units"]), longest_first(load_table("years")["relative"]),
    longest_first(_TABLE["grammar"]["with_a_year"])))
_ANY_CHANGE = re.compile(longest_first(_TABLE["change_after"]))
# 2000억 원대를 기록: a bracket a round figure names, not an amount (1000억원대 사업비: the noun sizes it)
_RANGE = re.compile(r"(?:%s)(?:%s|[,.…)]|$)" % (longest_first(_TABLE["range_after"]), longest_first(_TABLE["range_particles"])))
# 100억원 이상 공사는, 20억원이상 들어가는 사업: a bound that classes what the noun after it names, no money
# of its own (but 100억원 이상 투입, 200억원 이상 규모: the money itself)
_THRESHOLD = re.compile(r"\s?(?:%s)\s(?P<noun>[가-힣]+)" % longest_first(_TABLE["grammar"]["bounds"]))
_SIZE_WORDS = tuple(_TABLE["grammar"]["size_of"])
_TICKER = re.compile(r"\s?[▲▼△▽↑↓]\s?[\d,.]+\s?[+-]?[\d.]+%")
_RANGE_MAX_DIGITS = 2  # 3조5000억원대 is a bracket, 1조 574억 원대 the figure itself
# 월 40만∼50만원을 받고: a monthly rate (not 3월 40억원: a month is written with its number)
_RATE = re.compile(r"(?:^|[\s(])(?:%s)\s?$" % longest_first(_TABLE["rate_before"]))
_RATE_REACH = 5  # characters before the amount: 매월 and a space, after a space or a bracket
# ㎡ 당 100원, ㏊(3천평)당 52만4천원: a rate per unit, also spaced or with an aside between
_PER_UNIT = re.compile(r"(?:%s)\s?(?:\([^()]{0,12}\))?\s?당\s?$" % longest_first(_TABLE["per_units"]))
_PER_UNIT_REACH = 20
_RECEIVE = re.compile(longest_first(_TABLE["receive"]))
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_WINDOW = 40
# 2조 5000억원의 밸류: a negative word right after another amount says what that amount is, not this one
_OWN_NOUN_GAP = re.compile(r"의?\s?")
# 소득 증대, 주민편익 증진, 피해 복구: a word of not_record that an aim noun follows names what the money is for
_AIM_AFTER = re.compile(r"\s?(?:%s)" % longest_first(_TABLE["grammar"]["aims_after"]))
_PURPOSE = re.compile(r"[가-힣]{0,3}?에\s")  # 지원에, 지원사업에: what the money is for
_AS = re.compile(r"[가-힣]{0,3}?(?:으로|로)\s")  # 지원사업으로, 예산으로: what the money is given as
# 요구돼 7천만원의 사업비가: a cue word with a connective ending is the verb of the clause before
_CLOSES_CLAUSE = re.compile(r"(?:%s)\s" % longest_first(_TABLE["grammar"]["connective_endings"]))
# A cue before the amount is often part of a name (R&D 지원 사업에 40억원이 배정): the predicate after it
# counts more, unless the cue is the amount's own noun (사업비 98억 원, 기금으로 420억 원).
_BEFORE_PENALTY = 8
_OWN_NOUN_DISTANCE = 3
_OTHERS_NOUN_PENALTY = 1000  # another amount's own noun: any other cue wins


@dataclass(frozen=True)
class MoneyRole:
    is_record: bool
    funding_type: str | None = None
    receives: bool = False
    inherited: bool = False  # no cue of its own: the type the paragraph is about
    cue: str | None = None  # the word that decided; None for the paragraph's kind, or for no record no word made
    cue_in_sentence: bool = False  # the cue stands elsewhere in the sentence, not near the amount


def _masked(text: str) -> str:
    """Parenthetical asides replaced by spaces, so offsets stay valid but their words do not count."""
    return _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text)


def classify(sentence: str, start: int, end: int, before_limit: int, after_limit: int, topic: str | None = None,
             in_list: tuple[int, int, int] | None = None, amount_ends: tuple[int, ...] = ()) -> MoneyRole:
    """The role of the money at sentence[start:end].

    before_limit/after_limit bound the amount's own stretch of the sentence (the previous and next
    amounts), so that one amount's cue words do not decide for its neighbour. in_list: (the start of
    the stretch before the list's first amount, that amount's start, the list's end) when the amount
    is one of a list (특별교부세로 A 8억 원, B 5억 원 … 9억 8천만 원을 확보했다): the words before the
    list and its predicate after it speak for each of its amounts. amount_ends: where the sentence's
    other amounts end, so that the word right after one of them is not taken for this one.
    """
    after_raw = sentence[end:after_limit]
    if _CHANGE_AFTER.match(after_raw) or _BOUND_OF_NEXT.match(sentence[end:]) or _list_of_differences(sentence, start, in_list):
        return MoneyRole(False)
    if _CHANGE_FROM.match(after_raw) and _ANY_CHANGE.search(sentence, end) and not _OWN_YEAR.search(sentence, 0, start):
        return MoneyRole(False)
    if _COMPARED_BEFORE.search(sentence, 0, start) and not _RESULT_AFTER.match(after_raw):
        return MoneyRole(False)
    if _CHANGE_BEFORE.search(sentence, 0, start):
        return MoneyRole(False)
    before = _masked(sentence[max(before_limit, start - _WINDOW) : start])
    after = _masked(after_raw)[:_WINDOW]
    own_negative = next((word for distance, positive, word in _cues_after(after, aims_named=False)
                         if not positive and distance <= _OWN_NOUN_DISTANCE), None)
    if own_negative is not None:
        return MoneyRole(False, cue=own_negative)  # 200억원의 매출, 300억원의 소득 증대: what the money is, whatever came before it
    cues = [*_cues_before(before), *_cues_after(after)]  # (distance, positive, word)
    said = [before, after]  # where a receiving word (확보, 지원받) would speak for this amount
    if in_list is not None:
        head_limit, head_start, list_end = in_list
        if head_start != start:
            head_before = _masked(sentence[max(head_limit, head_start - _WINDOW) : head_start])
            cues += [(d + 1, p, w) for d, p, w in _cues_before(head_before, heads_list=True)]
            said.append(head_before)
        list_after = _masked(sentence[list_end:])[:_WINDOW]
        cues += [(d + 1, p, w) for d, p, w in _cues_after(list_after)]
        said.append(list_after)
    if not cues:
        return _from_whole_sentence(sentence, start, end, topic, amount_ends)
    _, positive, word = min(cues)  # the nearest wins, a negative one on a tie
    if not positive:
        return MoneyRole(False, cue=word)
    return MoneyRole(True, _TYPE_OF[word], _receives(" ".join(said)), cue=word)


def is_bracket_or_rate(sentence: str, start: int, end: int, value: float) -> bool:
    """Is the amount at sentence[start:end] a bracket (2000억 원대, 100억원 이상 공사는) or a rate (월 40만원,
    ㎡ 당 100원), no money?"""
    if (_RATE.search(sentence, max(0, start - _RATE_REACH), start)
            or _PER_UNIT.search(sentence, max(0, start - _PER_UNIT_REACH), start)):
        return True
    if _TICKER.match(sentence, end):  # 이엔플러스 (3,340원 ▼80 -2.34%): a share price and its move
        return True
    threshold = _THRESHOLD.match(sentence, end)
    if threshold and not _POSITIVE.match(threshold["noun"]) and not threshold["noun"].startswith(_SIZE_WORDS):
        return True
    digits = str(int(value)).rstrip("0")
    return len(digits) <= _RANGE_MAX_DIGITS and bool(_RANGE.match(sentence, end))


def _list_of_differences(sentence: str, start: int, in_list: tuple[int, int, int] | None) -> bool:
    """A list whose last amount is a difference (기계연구원 48억, 원자력연구소 45억 원 등이 줄었다; 정부안 대비
    940억, 지난해 대비 611억 증가한 …): each of its amounts is one, unless a change word leads to it (434억 원
    증가한 6,085억 원, 특별회계는 51억 원이 증가한 845억 원: 6,085억 원 is a result)."""
    if in_list is None or _RESULT_OF_CHANGE.search(_masked(sentence[max(0, start - _WINDOW) : start])):
        return False
    return bool(_CHANGE_AFTER.match(sentence[in_list[2] :]))


def _cues_before(before: str, heads_list: bool = False) -> list[tuple[float, bool, str]]:
    """The cues before an amount; with `heads_list`, before the first amount of a list, as they speak for
    the list's other amounts: the first amount's own noun last of all (▲A 건립(총 사업비 196억 원) ▲B(111억
    원): 196억 원 is a project cost, 111억 원 is one only if nothing else in the sentence says what it is)."""
    cues = []
    for m, positive in _cue_words(before):
        distance = len(before) - m.end()
        if _AS.match(before, m.end()) and m.group() not in _UNCOMMITTED:  # 특별교부세로 8억 원: given as, whatever the verb
            cues.append((-0.5, positive, m.group()))
            continue
        # the amount's own noun wins a tie with the verb after it (중진기금 11조원 편성 is a fund);
        # a purpose (제작 지원에 12억원을 배정) is no noun of the amount's
        own_noun = (distance <= _OWN_NOUN_DISTANCE and not _PURPOSE.match(before, m.end())
                    and not _CLOSES_CLAUSE.match(before, m.end()))
        penalty = _OTHERS_NOUN_PENALTY if own_noun and heads_list else -0.5 if own_noun else _BEFORE_PENALTY
        cues.append((distance + penalty, positive, m.group()))
    return cues


def _cues_after(after: str, aims_named: bool = True) -> list[tuple[float, bool, str]]:
    approximation = _APPROXIMATION.match(after)
    skipped = approximation.end() if approximation else 0
    return [(max(0, m.start() - skipped), positive, m.group()) for m, positive in _cue_words(after, aims_named)]


def _cue_words(text: str, aims_named: bool = True) -> list[tuple[re.Match, bool]]:
    """The cue words of `text` with whether each says record; a word inside a longer cue word of the
    other kind is part of that word (연금 in 출연금, 보증 in 보증금), not a cue of its own, and, with
    `aims_named`, a word that names an aim (소득 증대를 위한, 피해 복구에) says nothing of what the money is."""
    found = [(m, positive) for pattern, positive in ((_POSITIVE, True), (_NEGATIVE, False)) for m in pattern.finditer(text)
             if positive or not (aims_named and _AIM_AFTER.match(text, m.end()))]
    return [(m, positive) for m, positive in found if not any(_inside(m, other) for other, _ in found)]


def _inside(word: re.Match, other: re.Match) -> bool:
    """Is `word` part of the longer cue word `other`?"""
    return other.start() <= word.start() and word.end() <= other.end() and other.end() - other.start() > word.end() - word.start()


def _from_whole_sentence(sentence: str, start: int, end: int, topic: str | None, amount_ends: tuple[int, ...]) -> MoneyRole:
    """No cue near the amount: a list like 'A 사업(140억원), B 사업(37억원) 등이다' takes the
    sentence's cue, or the funding type the paragraph is about (`topic`), unless the sentence
    speaks of revenue, prices or the like."""
    rest = _masked(sentence[:start] + " " * (end - start) + sentence[end:])
    words = _cue_words(rest)
    negative = next((m.group() for m, is_positive in words if not is_positive and not _names_other_amount(rest, m.start(), amount_ends)), None)
    if negative is not None:
        return MoneyRole(False, cue=negative)
    positive = min((m for m, is_positive in words if is_positive), key=lambda m: m.start(), default=None)
    if positive is not None:
        return MoneyRole(True, _TYPE_OF[positive.group()], _receives(rest), cue=positive.group(), cue_in_sentence=True)
    if topic is not None:
        return MoneyRole(True, topic, False, inherited=True)
    return MoneyRole(False)


def _names_other_amount(text: str, word_start: int, amount_ends: tuple[int, ...]) -> bool:
    return any(_OWN_NOUN_GAP.fullmatch(text, end, word_start) for end in amount_ends if end <= word_start)


def _receives(text: str) -> bool:
    return bool(_RECEIVE.search(text))
