"""Organisations in no list, found by the words around them (rules and vocabularies: data/nlp/orgs.json).

- a word that classes the next name as a body: 업체 한빛소재, 소속사 ‘별빛엔터’, 교육출판기업 누리엔;
- a title after two names, one shaped like a person's: 박민수 한빛소재 대표, 한빛소재 박민수 대표;
- a word for a body's people after it: 한빛소재 관계자는, 누리 측은;
- an age bracket after a person: 강민수(29·피츠버그), 김 회장(56·전 누리지오텍 회장);
- a book's credits: 김민수 지음, 누리출판, 284쪽.
A candidate stays a name only when it can be one: MeCab-ko does not read it as a common word (기업 가치,
업계 관계자), it is no kind of body (협력업체) and, where a person could stand, not shaped like a person's
name. A subsidiary word (코리아) takes the name before it (하만 코리아 관계자).
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from itertools import chain
from typing import Iterator

from .tables import load_table, longest_first
from .tokenizer import load_mecab

_NAME_TAGS = ("NNP", "SL", "SH", "SN")  # MeCab-ko: proper noun, Latin, Hanja, number
_NOT_NAME_TAGS = ("V", "E", "M", "J", "IC")  # verbs, endings, adverbs and determiners, particles, interjections


class CueRules:
    """`find(text)` gives (start, end, org_type) of each name a cue marks. `word` is the character class
    of a word, `end` the pattern that ends a name (a particle or a non-word character)."""

    def __init__(self, rules: dict, word: str, end: str):
        longest = rules["max_name_chars"]
        name = rf"[{word}&]{{2,{longest}}}"
        classifiers, bound = rules["classifier_cues"], rules["classifier_cues_bound"]
        first = "".join(sorted({re.escape(cue[0]) for cue in classifiers + bound}))
        # 세운 회사 덱스터는: a bound cue after a clause that describes it (a word ending in an adnominal
        # ending, which _describes asks MeCab-ko) is no compound either
        self._classified = re.compile(
            rf"(?=[{first}])(?:(?:{longest_first(classifiers)})인?|(?<=[가-힣])(?P<glued>{longest_first(bound)})인?"
            rf"|(?:{longest_first(bound)})인|(?<=[가-힣] )(?P<described>{longest_first(bound)}))\s"
            rf"(?:[‘'“\"](?P<quoted>[^’'”\"]{{2,{longest}}}?)[’'”\"]|(?P<name>[{word}&]{{2,{longest}}}?){end})"
        )
        self._word_end = re.compile(rf"[{word}&]*")
        self._only_particles = re.compile(rf"(?:{longest_first(rules['particles'])})*")
        titles = longest_first(rules["title_cues"])
        # A name before a cue word is looked for from the cue back: cues are rare, names everywhere.
        self._window = 2 * longest + 1
        self._title = re.compile(rf" (?:{titles}){end}")
        # 박민수 한빛소재 대표, 현재현 전 동양그룹 회장 (전/현: former/current, of the title)
        self._name_pair_before = re.compile(rf"(?<![{word}])(?P<first>{name}) (?:[전현前] )?(?P<second>{name})$")
        self._members = re.compile(rf" (?:{longest_first(rules['member_cues'])})(?![{word}])")
        self._name_before = re.compile(rf"(?<![{word}])(?P<name>{name})$")
        sources = rules["source_cues"]
        self._source = re.compile(  # 한빛리서치에 따르면, …(SA)에 따르면
            rf"(?=[({''.join(sorted({cue[0] for cue in sources}))}])(?:\([A-Z][A-Za-z0-9&]{{1,9}}\))?(?:{longest_first(sources)})"
        )
        joins = longest_first(rules["list_joins"])
        self._joined_after = re.compile(rf"(?:{joins})(?P<name>[{word}&]{{2,{longest}}}?)(?:{end}|(?=[·,、]))")
        self._joined_before = re.compile(rf"(?<![{word}&])(?P<name>[{word}&]{{2,{longest}}})(?:{joins})$")
        self._affiliation = re.compile(rf"\(\d{{1,3}}·(?:[전현] )?(?P<name>{name}(?: {name})??)(?: (?:{titles}))?\)")
        # 김민수 지음, 누리출판, 284쪽 / 김민수 글, 284쪽, 누리출판, 9500원: the publisher in a book's credits
        self._publisher = re.compile(
            rf"(?:{longest_first(rules['book_role_words'])})\s?[,·]?\s?(?P<name>{name}(?: {name})?)(?:,\s?\d[\d,]*쪽|\))"
        )
        self._publisher_after_pages = re.compile(rf"\d[\d,]*쪽,\s?(?P<name>{name}(?: {name})?),\s?\d[\d,만천]*원")
        self._person = re.compile(rf"[{''.join(rules['surnames'])}][가-힣]{{2}}")
        self._not_names = frozenset(rules["not_names"])
        self._not_body_ends = tuple(rules["category_heads"] + rules["event_heads"])
        self._subsidiary_words = frozenset(rules["subsidiary_words"])
        self._word_before = re.compile(rf"(?<![{word}&])[{word}&]+ $")
        # 세아특수강은 공장 증축에 423억을 투자한다. … 세아특수강은: a proper noun opening a sentence as its subject
        self._word = word
        self._sentence_end = re.compile(r"[.!?。\n]")
        funding = load_table("funding")
        # at a word's start (투자하기로), not inside another word (카드는 is no 드는)
        self._funding_cue = re.compile(r"(?<![가-힣])(?:%s)" % longest_first([w for words in funding["types"].values() for w in words]))
        self._amount_unit = re.compile(r"\d\s?(?:%s)" % longest_first(funding["grammar"]["amount_units"]))
        # 협약에 따라 스카이오토는 …, 28일 한빛소재가 …: a few words that are no topic or subject may open it
        opener = rf"(?:[^\s.!?。]*[^\s.!?。은는이가]\s){{0,{rules['subject_opener_words']}}}"
        self._sentence_subject = re.compile(
            rf"(?:^|(?<=[.!?。]\s)|(?<=[\])]\s)){opener}(?P<name>[{word}&]{{2,{longest}}}?)(?:{longest_first(rules['acronym_particles'])})\s",
            re.M)

    def find(self, text: str) -> Iterator[tuple[int, int, str | None]]:
        for m in self._classified.finditer(text):
            if m.group("quoted"):
                if self._may_name(m.group("quoted")):
                    yield self._body(text, *m.span("quoted"), "company")
                continue
            if m.group("described") and not self._describes(text, m.start("described")):
                continue
            end = self._name_end(text, m.start("name"), m.end("name"))
            if end is not None and not (m.group("glued") and is_common_compound(text[m.start("name") : end])):
                yield self._body(text, m.start("name"), end, "company")  # not 중소기업 청년취업인턴제
        for m in self._before(self._title, self._name_pair_before, text):
            first_person, second_person = (self._person.fullmatch(m.group(g)) is not None for g in ("first", "second"))
            group = "second" if first_person else "first"
            if first_person != second_person and self._may_name(m.group(group)):
                yield self._body(text, *m.span(group), None)
        for m in self._before(self._members, self._name_before, text):
            if self._may_name(m.group("name")) and not self._person.fullmatch(m.group("name")):
                yield self._body(text, *m.span("name"), None)
        for m in self._before(self._source, self._name_before, text):  # 한빛리서치에 따르면: who the news has it from
            name = m.group("name")
            if self._may_name(name) and not self._person.fullmatch(name) and not is_common_compound(name):
                yield self._body(text, *m.span("name"), None)
        for m in chain(self._publisher.finditer(text), self._publisher_after_pages.finditer(text)):
            if self._may_name(m.group("name").split(" ")[-1]):
                yield (*m.span("name"), "company")
        for m in self._affiliation.finditer(text):
            if all(self._may_name(word) for word in m.group("name").split(" ")):
                yield self._body(text, *m.span("name"), None)
        yield from self._recurring_subjects(text)

    def _recurring_subjects(self, text: str) -> Iterator[tuple[int, int, str | None]]:
        """Each mention of a proper noun that opens a sentence committing money as its subject and comes back
        in the text (세아특수강은 … 423억을 투자한다. … 세아특수강은): what a news story about money keeps coming back
        to as the actor is a body it is about, unless MeCab-ko reads it as a common word or a place, or it is
        shaped like a person's name (not 매스티지는 … 연회비를 10만 원 수준으로: a word defined)."""
        names = {m["name"] for m in self._sentence_subject.finditer(text) if self._commits_money(text, m.end())}
        for name in sorted(names):
            if (text.count(name) < 2 or len(name) < 3 or not is_name_shaped(name) or not self._may_name(name)
                    or is_place_name(name) or self._person.fullmatch(name)):
                continue  # (two characters: 김정(은), PK — a person's name cut short, an acronym of anything)
            for m in re.finditer(rf"(?<![{self._word}&]){re.escape(name)}", text):
                yield m.start(), m.end(), None

    def coordinated(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Names listed with the company at text[start:end] (두산인프라코어·볼보건설기계, 씨티은행과
        바클레이스): a word joined to a company by ·, a comma, 과/와 or 및 names one too, unless it is a
        common word or a person."""
        after = self._joined_after.match(text, end)
        before = self._joined_before.search(text, max(0, start - self._window), start)
        for m in (after, before):
            if m and self._may_name(m["name"]) and not self._person.fullmatch(m["name"]) and is_name_shaped(m["name"]):
                yield m.span("name")

    def _commits_money(self, text: str, start: int) -> bool:
        """Whether the sentence going on at `start` names an amount and a word that commits money (투자, 예산)."""
        end = self._sentence_end.search(text, start)
        sentence = text[start : end.start() if end else len(text)]
        return bool(self._amount_unit.search(sentence) and self._funding_cue.search(sentence))

    def _describes(self, text: str, cue_start: int) -> bool:
        """Whether the word before the cue ends in an adnominal ending (세운, 설립한, 투자하던)."""
        word = self._word_before.search(text, 0, cue_start)
        return word is not None and "ETM" in _tags(word.group().strip())[-1]

    def _name_end(self, text: str, start: int, shortest_end: int) -> int | None:
        """The end of the shortest name at `start` that particles alone follow to the end of its word and
        that may name a body: 미래엔으로부터 is 미래엔, since 미래 (+ 엔으로부터) is a common word."""
        word_end = self._word_end.match(text, shortest_end).end()
        for end in range(shortest_end, word_end + 1):
            if text[end - 1] == "으" and text.startswith("로", end):
                continue  # 기부금으로: 으 belongs to the particle 으로
            if self._only_particles.fullmatch(text, end, word_end) and self._may_name(text[start:end]):
                return end
        return None

    def _before(self, cue: re.Pattern, names: re.Pattern, text: str):
        """Matches of `names` that end where a match of `cue` starts."""
        return (name for _, name in preceded(cue, names, text, self._window))

    def _body(self, text: str, start: int, end: int, org_type: str | None) -> tuple[int, int, str | None]:
        if text[start:end] in self._subsidiary_words:  # 하만 코리아: the name before it too
            before = self._word_before.search(text, 0, start)
            start = before.start() if before else start
        return start, end, org_type

    def _may_name(self, word: str) -> bool:
        return (word not in self._not_names and not word[0].isdigit() and not word.endswith(self._not_body_ends)
                and not is_common_word(word))


def preceded(cue: re.Pattern, names: re.Pattern, text: str, window: int) -> Iterator[tuple[re.Match, re.Match]]:
    """(cue, name) for each match of `cue` with a match of `names` ending where it starts, found within
    `window` characters before it: cue words are rare, so names are looked for from them back."""
    for c in cue.finditer(text):
        name = names.search(text, max(0, c.start() - window), c.start())
        if name:
            yield c, name


_NAME_PARTS = frozenset({"NNP", "NNG", "SL", "SN", "SH"})


@lru_cache(maxsize=1)
def _tagger():
    return load_mecab()


_TAGGER_LOCK = threading.Lock()  # one MeCab tagger is not safe to share between threads


def _analysis(word: str) -> str:
    """MeCab-ko's output for `word`, one morpheme a line ("surface\tTAG,semantic,…")."""
    with _TAGGER_LOCK:
        return _tagger().parse(word)


@lru_cache(maxsize=8192)
def _tags(word: str) -> tuple[str, ...]:
    """MeCab-ko's part-of-speech tags of `word`, asked once per word: only the few words a cue makes
    candidates are asked."""
    return tuple(line.partition("\t")[2].partition(",")[0] for line in _analysis(word).split("\n")[:-2])


@lru_cache(maxsize=8192)
def is_place_name(word: str) -> bool:
    """Whether MeCab-ko's dictionary knows `word` as one place name (청주, 미국, 평택: NNP,지명)."""
    lines = _analysis(word).split("\n")[:-2]
    return len(lines) == 1 and lines[0].partition("\t")[2].startswith("NNP,지명")


def is_common_word(word: str) -> bool:
    """Whether MeCab-ko reads `word` as one common word (가치, 이미지) or as ending in a verb ending, an adverb
    or a particle (있는, 새로, 판잣집으로): no name."""
    tags = _tags(word)
    return (len(tags) == 1 and tags[0] not in _NAME_TAGS) or tags[-1].startswith(_NOT_NAME_TAGS)


def holds_a_verb(word: str) -> bool:
    """Whether MeCab-ko finds a verb or an ending in `word` (드러나송학식품: a headline glued to a name)."""
    return any(tag.startswith(("V", "E")) for tag in _tags(word))


def is_name_shaped(word: str) -> bool:
    """Whether MeCab-ko reads `word` as nouns headed by a proper noun or a Latin word (볼보건설기계,
    YES24), with no ending or particle inside (개발한, 명예의전당)."""
    tags = _tags(word)
    return tags[0] in ("NNP", "SL") and all(tag in _NAME_PARTS for tag in tags)


def is_common_compound(word: str) -> bool:
    """Whether MeCab-ko reads `word` as common nouns only (설문조사, 무역통계, 외신들): a thing, not a name."""
    return all(tag in ("NNG", "NNB", "XSN") for tag in _tags(word))


def is_common_noun(word: str) -> bool:
    """Whether MeCab-ko reads `word` as one common noun (심사, 지원, 록); 아주 (an adverb) is a name's head."""
    return _tags(word) == ("NNG",)
