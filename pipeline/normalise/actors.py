"""Who spends or receives the money: the acting organisation of the clause, carried over from
earlier sentences and paragraphs when a clause names none (…시는 … . 또 … 투입한다.).

Order of preference for an amount: an organisation heading its list item (산업통상자원부 4조1444억원,
"…, 서귀포시 …에 1014억원"); the nearest topic before it (광주시는, 경기도도, 중기부 R&D 예산은, a
headline's "음성군, …"), else the nearest subject (LG가: a subject after the topic often belongs to an
embedded clause, 국회가 의결한 …), or the organisation it refers back to (시는, 군이, 부는; 정부 names
the government itself); any topic or subject of the sentence; the organisation carried over from
earlier sentences; any organisation the sentence names; the first organisation that acts anywhere in
the document; the body the article has its facts from (함평군에 따르면). Names found only by a suffix
rule (…센터) may be facilities, so they act only as topics or subjects, never as list heads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from krnews.nlp.amounts import Amount
from krnews.nlp.orgs import Org
from krnews.nlp.tables import load_region_governments, load_table, longest_first

from .context import DocContext, Sentence

_TABLE = load_table("funding")
_ORGS_TABLE = load_table("orgs")
# 담양군(군수 최형식)은, 씨앤디세미㈜(대표 김상범)는: a legal-form mark and an aside about the organisation may
# stand between it and its particle
_HEAD = r"(?:%s)?(?:\s?\([^()\n]{1,30}\))?(?:\s?(?:%s))?" % (
    longest_first(_ORGS_TABLE["company_marks"]), longest_first(_TABLE["actor_heads"]))
# The organisation heads a noun phrase of at most two more words that carries the particle; the phrase
# does not run across a conjunction (정부 및 충북도 공모사업에서: 도 ends a name, 정부 is no topic).
_NOUNS = r"(?:\s(?!(?:%s)\s)[가-힣A-Za-z0-9&·]+){0,2}?" % longest_first(_TABLE["grammar"]["spaced_conjunctions"])
_TOPIC_AFTER = re.compile(r"%s%s(?:%s)(?=[\s,])" % (_HEAD, _NOUNS, longest_first(_TABLE["topic_particles"])))
_SUBJECT_AFTER = re.compile(r"%s(?:%s)(?=[\s,])" % (_HEAD, longest_first(_TABLE["subject_particles"])))
_POSSESSIVE = re.compile(r"(?:%s)\s" % longest_first(_TABLE["grammar"]["possessive"]))
# 울산시의 2009년도 국가예산은: the organisation owns the noun phrase that is its clause's topic
_OWNS_TOPIC = re.compile(r"(?:%s)\s(?:[^\s,.]+\s){0,3}?[^\s,.]+(?:%s)\s" % (
    longest_first(_TABLE["grammar"]["possessive"]), longest_first(t for t in _TABLE["topic_particles"] if t != "도")))
# 내년도 환경부 예산 및 기금을, 환경부의 2021년 물 관련 예산은: the organisation whose budget it is, the first
# to act in an article that names its budget before any body acts (국회는 … 환경부 예산을 확정했다 … 정부가 …)
_OWNS_BUDGET = re.compile(r"(?:%s)?\s(?:[^\s,.()]+\s){0,3}?[^\s,.()]*(?:%s)" % (
    longest_first(_TABLE["grammar"]["possessive"]), longest_first(_TABLE["budget_words"])))
_FUNDER_AFTER = re.compile(r"\s?(?:%s)" % longest_first(_TABLE["funder_markers"]))
# …2930억 원 줄었고, 같은 기간 KT는 …; …감액됐다고 새만금개발청이 밝혔다: a body acting after the amount
# in the next clause, or only reporting, does not act on it
_CLAUSE_END = re.compile(longest_first(_TABLE["grammar"]["clause_endings"]))
_REPORTS = re.compile(r"(?:%s)\s(?:\d{1,2}일\s)?(?:%s)" % (
    longest_first(_TABLE["subject_particles"]), longest_first(_TABLE["reporting_verbs"])))
# 한국가스공사(036460) 1조5000억원, 기업은행(600억원): a stock code may follow the name, the amount may
# stand in brackets after it
_LIST_GAP = re.compile(r"^(?:\(\d{6}\))?\s?(?:%s)?\s?\(?$" % longest_first(_TABLE["list_gap_words"]))
# "…, 서귀포시 …에 1014억원", "▶청주시 … 35억원": the organisation opens a list item
BULLETS = re.escape("".join(_TABLE["list_bullets"]))  # the marks opening a list item (▲, △, ▶ …), for a [class]
_ITEM_MARK = r"[,，;%s]" % BULLETS
_ITEM_START = re.compile(_ITEM_MARK + r"\s?$")
# … and a later item starts between that organisation and the amount: ▲신용보증기금 지원 1조원 ▲호남선 4350억원
_NEXT_ITEM = re.compile(_ITEM_MARK)
# a headline's "음성군, …" and a section's "▽충남도〓…", "▲국토부 = …": the body heading what follows
_HEADING_SUBJECT = re.compile(r"\s?[,〓=:：]")
_HEADING_LEAD = re.compile(r"[%s]?\s?" % BULLETS)
_ACTING_PARTICLES = longest_first(_TABLE["topic_particles"] + _TABLE["subject_particles"])  # 시는, 군이
_ANAPHOR_TYPES: dict = _TABLE["anaphor_types"]
_ANAPHOR = re.compile(r"(?<![가-힣])(?P<word>%s)(?:%s)(?=\s)" % (longest_first(_ANAPHOR_TYPES), _ACTING_PARTICLES))
_NON_FUNDING = frozenset(_TABLE["non_funding_types"])
_NATIONAL_BUDGET = re.compile(longest_first(_TABLE["national_budget"]["words"]))
_NATIONAL_HOLDER = _TABLE["national_budget"]["holder"]
_PASSING_TYPES = frozenset(_TABLE["national_budget"]["passed_by"])
# 607조원 규모의 2022년도 예산안, 600조원의 예산을: the amount is the size of a budget
_BUDGET_SIZE = re.compile(r"\s?(?:%s)\s(?:[^\s,.]+\s){0,2}?[^\s,.]*(?:%s)" % (
    longest_first(_TABLE["grammar"]["size_of"]), longest_first(_TABLE["budget_words"])))
_TOPIC_LATER = re.compile(r"[가-힣](?:%s)\s" % longest_first(t for t in _TABLE["topic_particles"] if t != "도"))
# 16개 대기업이, 도내 일선 시군은: several bodies named as one, with a count or a word that makes
# them many (a bare 기업은 refers back to one company)
_GROUP_TYPES: dict = _TABLE["groups"]["heads"]
_GROUP = re.compile(
    r"(?<![가-힣])(?P<modifiers>(?:(?:%s)\s)*)(?P<count>\d+개\s?)?(?P<head>%s)(?=(?:%s)(?:\s|,))"
    % (longest_first(_TABLE["groups"]["modifiers"]), longest_first(_GROUP_TYPES), _ACTING_PARTICLES)
)
_FACILITIES = tuple(_TABLE["facility_suffixes"])
# 환경호르몬 실태조사(환경부)에 15억원: the gap from a body closing its brackets to the amount
_BRACKETED_BEFORE = re.compile(r"\)\s?(?:%s)?\s?" % longest_first(_TABLE["grammar"]["purpose_particles"]))
_BUDGET_WORD = re.compile(longest_first(_TABLE["budget_words"]))
# 한빛도는, R&D 예산은: the word a sentence opens with as its topic or subject
_OPENING_TOPIC = re.compile(r"[^\s,.]+(?:%s)(?=\s)" % _ACTING_PARTICLES)
# 29일 함평군에 따르면 …: the body a press-release article has its facts from
_SOURCE_AFTER = re.compile(r"\s?(?:%s)" % longest_first(load_table("orgs")["source_cues"]))


def can_act(org: Org) -> bool:
    """Parties, courts and parliaments debate money; they are not who spends it. A name found only
    by its suffix that names a facility (AI 실증센터도 세운다) is what is built, not who builds it."""
    if not org.in_gazetteer and org.canonical.endswith(_FACILITIES):
        return False
    return org.org_type not in _NON_FUNDING


# 울산은 3조2715억원으로: a 시·도 named by its bare name as the topic of a clause is its government
_REGIONS = load_region_governments()
_REGION_TOPIC = re.compile(r"(?<![가-힣])(?P<place>%s)(?=(?:%s)\s)" % (longest_first(_REGIONS), longest_first(_ORGS_TABLE["region_topic_particles"])))
# [담양=아시아경제 호남취재본부 김육봉 기자], (밀양=뉴스1): the dateline names the outlet, not who acts
_DATELINE = re.compile(r"(?m)^\s*[\[(【<]([^\])】>\n]{0,60})[\])】>]")
_DATELINE_MARKS = re.compile("=|" + longest_first(_ORGS_TABLE["dateline_words"]))


def named_regions(text: str, start: int, end: int) -> list[Org]:
    """Each 시·도 named by its bare name as a clause's topic between `start` and `end` (울산은, 부산은),
    as its government; like a suffix-rule name it acts only as a topic."""
    return [Org(_REGIONS[m["place"]], "local_gov", m.start(), m.end(), in_gazetteer=False)
            for m in _REGION_TOPIC.finditer(text, start, end)]


def in_dateline(text: str, org: Org) -> bool:
    """Is the organisation named in a dateline or byline bracket at the start of a line?"""
    line_start = text.rfind("\n", 0, org.start) + 1
    m = _DATELINE.match(text, line_start)
    return m is not None and m.start(1) <= org.start and org.end <= m.end(1) and bool(_DATELINE_MARKS.search(m.group(1)))


def named_groups(text: str, start: int, end: int) -> list[Org]:
    """Several bodies named as one between `start` and `end`, as organisations of their own."""
    return [Org(m.group(), _GROUP_TYPES[m["head"]], m.start(), m.end(), in_gazetteer=False, group=True)
            for m in _GROUP.finditer(text, start, end) if m["modifiers"] or m["count"]]


def is_named_funder(text: str, org: Org) -> bool:
    """국토교통부로부터 / 정부의 지원: this organisation gives the money to the clause's subject."""
    return bool(_FUNDER_AFTER.match(text, org.end))


def _is_topic(text: str, org: Org, sentence_start: int) -> bool:
    if _TOPIC_AFTER.match(text, org.end):
        return True
    return bool(_HEADING_LEAD.fullmatch(text, sentence_start, org.start)) and bool(_HEADING_SUBJECT.match(text, org.end))


def _is_subject(text: str, org: Org, sentence_start: int) -> bool:
    return bool(_SUBJECT_AFTER.match(text, org.end))


def acts(text: str, org: Org, sentence_start: int) -> bool:
    """Is the organisation the topic or subject of its clause (and not the one giving to it)?"""
    return not is_named_funder(text, org) and (_is_topic(text, org, sentence_start) or _is_subject(text, org, sentence_start))


def _fits(org: Org, anaphor: str) -> bool:
    wanted = _ANAPHOR_TYPES[anaphor]
    if "suffix" in wanted:
        return org.org_type in ("local_gov", None) and org.canonical.endswith(wanted["suffix"])
    return org.org_type == wanted["type"]


@dataclass(frozen=True)
class Choice:
    """An organisation chosen as the actor, the rule that chose it and the words that rule read."""

    org: Org | None
    rule: str
    words: str

    @classmethod
    def of(cls, org: Org, rule: str, text: str) -> "Choice":
        return cls(org, rule, text[org.start : org.end])


class ActorTracker:
    """Remembers the organisations that acted in the text so far, across sentences and paragraphs."""

    def __init__(self, context: DocContext) -> None:
        self.text = context.text
        self.history: list[Org] = []
        self.first = next((o for s in context.sentences for o in s.orgs if can_act(o)
                           and (acts(self.text, o, s.start) or _OWNS_BUDGET.match(self.text, o.end))), None)
        self.source = next((o for s in context.sentences for o in s.orgs if can_act(o) and _SOURCE_AFTER.match(self.text, o.end)), None)
        self.named_first = next((o for s in context.sentences for o in s.orgs if can_act(o)), None)

    @property
    def current(self) -> Org | None:
        return self.history[-1] if self.history else None

    def actor_for(self, sentence: Sentence, amount: Amount, groups: bool = True) -> Org | None:
        """The acting organisation for `amount`; with `groups` False, never a
        group of bodies named as one (for whoever gives to such a group)."""
        return self.choose(sentence, amount, groups).org

    def choose(self, sentence: Sentence, amount: Amount, groups: bool = True) -> "Choice":
        """actor_for's organisation with the rule that chose it and the words that rule read."""
        text = self.text
        amount_start = amount.start
        passed = self._passed_budget(sentence, amount)
        if passed is not None:
            return passed
        orgs = [o for o in sentence.orgs if can_act(o) and (groups or not o.group)]
        before = [o for o in orgs if o.end <= amount_start and not is_named_funder(text, o)]
        listed = [o for o in before if o.in_gazetteer]
        if listed and _LIST_GAP.match(text[listed[-1].end : amount_start]):
            return Choice.of(listed[-1], "names the amount's list item", text)
        bracketed = [o for o in before if _BRACKETED_BEFORE.fullmatch(text, o.end, amount_start) and text[o.start - 1 : o.start] == "("]
        if bracketed:  # 실태조사(환경부)에 15억원: the body named in brackets runs the item the money is for
            return Choice.of(bracketed[-1], "named in brackets with the amount's item", text)
        topics = [o for o in before if _is_topic(text, o, sentence.start)]
        item_heads = [o for o in listed if _ITEM_START.search(text[sentence.start : o.start])]
        if item_heads and not _NEXT_ITEM.search(text, item_heads[-1].end, amount_start) \
                and not any(o.start > item_heads[-1].end for o in topics):
            # … 세종시 사업을 주도하는 LH는 31조원을: a topic after the head is the clause's own (a subject
            # may be the head's partner: GS와 현대중공업이 각각 21조원)
            return Choice.of(item_heads[-1], "heads the amount's list item", text)
        referents = [(m.end(), r, m) for m in _ANAPHOR.finditer(text, sentence.start, amount_start) if (r := self._referent(m["word"]))]
        subjects = [o for o in before if _is_subject(text, o, sentence.start)]
        own_subjects = [o for o in subjects if topics and o.start > topics[-1].end
                        and _CLAUSE_END.search(text, topics[-1].end, o.start) and not _CLAUSE_END.search(text, o.end, amount_start)]
        if own_subjects:  # 국방부는 329억원을 들여 …짓고, 춘천교육청이 24억원을: the subject of a later clause is its own
            return Choice.of(own_subjects[-1], "subject of the clause", text)
        for found, rule in ((topics, "topic of the clause"), (subjects, "subject of the clause")):
            candidates = [(o.end, o, None) for o in found] + referents
            if candidates:
                _, org, anaphor = max(candidates, key=lambda c: c[0])
                if anaphor is not None:
                    return Choice(org, "referred back to", anaphor.group())
                return Choice.of(org, rule, text)
        acting = [o for o in orgs if acts(text, o, sentence.start) and not _REPORTS.match(text, o.end)
                  and not (o.start >= amount.end and _CLAUSE_END.search(text, amount.end, o.start))]
        if acting:
            return Choice.of(acting[0], "acts later in the sentence", text)
        owners = [o for o in before if o.start == sentence.start and _POSSESSIVE.match(text, o.end)]
        if owners:  # 농림축산식품부의 스마트팜 사업에는 4,200억 원이 배정됐다 (the sentence opens with it)
            return Choice.of(owners[0], "owns the sentence's opening noun", text)
        owners = [o for o in before if _OWNS_TOPIC.match(text, o.end)]
        if owners:  # 울산시에 따르면 … 울산시의 국가예산은 2조 4,703억원으로
            return Choice.of(owners[-1], "owns the clause's topic", text)
        current = self.current if groups else next((o for o in reversed(self.history) if not o.group), None)
        if current is not None:
            return Choice.of(current, "acted in an earlier sentence", text)
        if orgs:
            return Choice.of(orgs[0], "only named in the sentence", text)
        if self.first is not None:
            return Choice.of(self.first, "first to act in the article", text)
        if self.source is not None:  # 29일 함평군에 따르면 … 확보했다. 세부적으로 국비 749억원, …: its own money
            return Choice.of(self.source, "the body the article has its facts from", text)
        national = _NATIONAL_BUDGET.search(text)
        if national is not None:  # ▲ 전력 유지 = 10조9천913억원: a national budget no body is named for
            return Choice(Org(_NATIONAL_HOLDER, "central_gov", national.start(), national.start()),
                          "the national budget the article is about", national.group())
        if self.named_first is not None:
            return Choice.of(self.named_first, "first named in the article", text)
        budget = _BUDGET_WORD.search(text, sentence.start, sentence.end)
        opening = _OPENING_TOPIC.match(text, sentence.start)
        unnamed = opening is None or _BUDGET_WORD.search(opening.group())  # not 한빛도는: a body in no list
        if budget is not None and unnamed:  # R&D 예산은 26조원: in an article that names no body, a budget is the state's
            return Choice(Org(_NATIONAL_HOLDER, "central_gov", budget.start(), budget.start()),
                          "a budget no body is named for", budget.group())
        return Choice(None, "no organisation", "")

    def _passed_budget(self, sentence: Sentence, amount: Amount) -> "Choice | None":
        """국회가 최종 의결한 607조원 규모의 2022년도 예산안: a budget a legislature passes (its subject
        in the amount's clause, the amount the budget's size) is the state's, not the clause's topic's."""
        text = self.text
        m = _BUDGET_SIZE.match(text, amount.end)
        if m is None:
            return None
        passing = [o for o in sentence.orgs if o.org_type in _PASSING_TYPES and o.end <= amount.start
                   and _SUBJECT_AFTER.match(text, o.end) and "," not in text[o.end : amount.start]]
        if not passing:
            return None
        return Choice(Org(_NATIONAL_HOLDER, "central_gov", passing[-1].start, passing[-1].start),
                      "a budget the legislature passes is the state's", text[passing[-1].start : m.end()])

    def _referent(self, anaphor: str) -> Org | None:
        return next((o for o in reversed(self.history) if not o.group and _fits(o, anaphor)), None)  # 대학은: one

    def end_of_sentence(self, sentence: Sentence) -> None:
        """Keep in mind who the sentence is about: its last topic, else its last subject that no topic
        follows (행정안전부에서 지자체에 교부하는 지방교부세는 …: a subject before a topic acts in a clause
        that describes the topic, not in the sentence)."""
        text = self.text
        for test in (_is_topic, _is_subject):
            acting = [o for o in sentence.orgs if can_act(o) and not is_named_funder(text, o) and test(text, o, sentence.start)
                      and (test is _is_topic or not _TOPIC_LATER.search(text, o.end, sentence.end))]
            if acting:
                self.history.append(acting[-1])
                return
        owners = [o for o in sentence.orgs if can_act(o) and _OWNS_TOPIC.match(text, o.end)]
        if owners:
            self.history.append(owners[-1])
