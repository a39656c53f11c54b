"""The normaliser's decisions for one amount, in the order they are taken (`STEPS`).

Each step reads the candidate as the earlier steps left it, decides one thing and says why: which of
its rules decided and from which words of the text (`Candidate.why`, shown by `krnews extract
--explain`). The rules themselves live in the modules named, with their vocabularies in data/nlp/:

1. `Commitment`  — is this money a commitment at all?            cues.py, requests.py (funding.json: types, not_record, not_committed)
2. `Owner`       — whose money is it?                            actors.py      (funding.json: particles, anaphors)
3. `FundingType` — budget, grant, investment, …?                 kinds.py       (funding.json: public_money_levels)
4. `Period`      — which year or period is it for?               years.py       (years.json)
5. `Parties`     — given or received, and by whom?               actors/kinds   (funding.json: funder_markers, receive)
6. `Name`        — what is it for?                               initiatives.py (initiatives.json)

The record is built once, from the candidate, after the last step (records.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from krnews.models import Reason
from krnews.nlp.amounts import Amount
from krnews.nlp.orgs import Org
from krnews.nlp.tables import load_table, longest_first

from .actors import Choice, is_named_funder
from .context import Sentence
from .cues import MoneyRole, classify, is_bracket_or_rate
from .initiatives import TOPIC_GAP, find_initiative
from .kinds import funding_type, government_level, other_funder, public_share
from .years import YearChoice, publication_year, year_after_comparison

if TYPE_CHECKING:  # the reader passes itself to every step
    from .records import Reading

_TABLE = load_table("funding")
_ACTION = re.compile(longest_first(_TABLE["action_predicates"]))
_PUBLIC_CLIENTS = frozenset(_TABLE["government_types"]) | {"public_agency"}
_SUPPLIES = re.compile(longest_first(_TABLE["supply_words"]))
_PROJECT_COST = re.compile(longest_first(_TABLE["types"]["project_cost"]))
_SUPPLEMENTARY = re.compile(longest_first(load_table("years")["current_year_budgets"]))
_WHOLE_COST = load_table("years")["whole_cost"]
_WHOLE_BEFORE = r"(?:%s)\s?" % longest_first(_WHOLE_COST["whole_before"])
_WHOLE_NOUN = re.compile(_WHOLE_BEFORE + "(?:%s)" % longest_first(_TABLE["types"]["project_cost"]))  # 총사업비, 추정사업비
_WHOLE_AMOUNT = re.compile(_WHOLE_BEFORE + "$")  # 모두 39억원의 사업비
_WHOLE_CUES = frozenset(_WHOLE_COST["whole_cues"])
_OF_THE_YEAR = frozenset(load_table("years")["kinds_of_the_year"])  # budget lines, grants: spent within a year
_DATIVE = re.compile(r"(?:에|에게)\s")
# 수자원공사에 대한 금융지원비: the organisation the money is for, not who gives it
_BENEFICIARY = re.compile(r"(?:에\s?대한|에게)\s")
# 국민은행의 특별출연금 90억원, 기업은행의 보증료지원금 7억원: a possessive, then the money's own noun (a word
# no case particle closes before it; not 울산시의 국가예산은 2008년도 …)
_OWNED_NOUN = re.compile(r"(?:%s)\s(?:[^\s,.()]*[^\s,.()%s]\s)?(?P<noun>[^\s,.()]+)\s" % (
    longest_first(_TABLE["grammar"]["possessive"]), "".join(_TABLE["grammar"]["case_endings"])))
# 국립중앙박물관의 총사업비: what a project costs, not money its owner puts in
_OWNER_OF_COST = frozenset(_TABLE["types"]["project_cost"])
_SHARE_OF = re.compile(r"의\s?(?:%s)" % longest_first(_TABLE["share_words"]))
# 교육부는 이 중 1100억원을: a part of the money just given, in that money's year
_PART_OF = re.compile(r"(?<![가-힣])(?:%s)(?![가-힣])" % longest_first(load_table("years")["part_of_before"]))

_YEAR_RULES = {
    "bound": "written right before the amount",
    "sentence": "named in the amount's sentence",
    "after_comparison": "the year after the one its sentence compares it with",
    "carried": "the year the text is about, from an earlier sentence",
    "published": "the publication year: the money is acted on now",
    "current": "the publication year: the article's money is acted on now",
    "completion": "the year the project is completed",
    "supplementary": "a supplementary budget is for the year it is published in",
}


@dataclass
class Candidate:
    """One amount on its way to a record: what is known of it so far."""

    sentence: Sentence
    amount: Amount
    lower: int  # the amount's own stretch of the sentence: [lower, upper)
    upper: int
    in_list: tuple[int, int, int] | None  # see records._lists
    sentence_year: YearChoice | None  # the year its sentence gives it (years.assign_years)
    role: MoneyRole | None = None
    owner: Org | None = None  # the organisation the money is said to be the share of (X의 몫)
    actor: Org | None = None
    share: str | None = None  # kinds.public_share
    funding_type: str | None = None
    year: YearChoice | None = None
    org: Org | None = None
    recipient: str | None = None
    org_role: str | None = None
    initiative: str | None = None
    why: dict[str, Reason] = field(default_factory=dict)


class Step:
    """One decision: `decide` fills its fields of the candidate; False means the money is no record."""

    name = ""

    def decide(self, c: Candidate, reading: "Reading") -> bool:  # pragma: no cover - interface
        raise NotImplementedError


class Commitment(Step):
    """Is someone deciding to put this money into something? Not a bracket (2000억 원대를 기록) nor a
    rate (월 40만원, ㎡ 당 100원); else the nearest cue word of its clause
    decides (투입 yes, 매출 no), else a cue elsewhere in the sentence, else the paragraph's kind; money
    of a sentence about requests (requests.py) is not, unless its own verb commits it."""

    name = "commitment"

    def decide(self, c: Candidate, reading: "Reading") -> bool:
        start = c.sentence.start
        sentence = reading.text[start : c.sentence.end]
        if is_bracket_or_rate(sentence, c.amount.start - start, c.amount.end - start, c.amount.value):
            return False
        others = tuple(o.end - start for o in c.sentence.amounts if o is not c.amount)
        c.role = classify(sentence, c.amount.start - start, c.amount.end - start, c.lower - start,
                          c.upper - start, reading.topic, None if c.in_list is None else tuple(x - start for x in c.in_list),
                          others)
        if not c.role.is_record:
            reading.no_initiative |= c.role.cue is not None
            return False
        if reading.asking and not reading.requests.committed(c.amount.end, c.upper):
            return False  # 모두 4조2천423억원의 국고예산을 정부에 신청했다: asked for, not committed
        rule = "the paragraph's kind of money" if c.role.cue is None else (
            "cue word elsewhere in the sentence" if c.role.cue_in_sentence else "cue word nearest the amount")
        c.why[self.name] = Reason(step=self.name, rule=rule, words=c.role.cue or "")
        return True


class Owner(Step):
    """Whose money: an organisation the money is said to be the share of (800억 원은 양양군의 몫), one
    given its own amount by 각각, else the acting organisation of the clause as actors.py finds it
    (topic or subject → referred back to → carried from earlier sentences → the article's lead body)."""

    name = "owner"

    def decide(self, c: Candidate, reading: "Reading") -> bool:
        text = reading.text
        share_of = _owner_after(text, c.sentence, c.amount)
        c.owner = share_of or _owner_before(text, c.sentence, c.amount, c.role.cue)
        respective = reading.respective.get(c.amount.start)
        if respective is not None:
            choice = Choice.of(respective, "given its own amount by 각각", text)
        elif c.owner is not None:
            rule = "the money is said to be its share" if share_of else "owns the money's noun (X의 출연금)"
            choice = Choice.of(c.owner, rule, text)
        else:
            choice = reading.actors.choose(c.sentence, c.amount)
        c.actor = choice.org
        c.why["org"] = Reason(step=self.name, rule=choice.rule, words=choice.words)
        return True


class FundingType(Step):
    """Budget, grant, investment…: whose public money it is (국비 of a 구 is a grant, 군비 of a 군 its
    budget), what a government's money does (builds: project cost; spends: budget), else the cue word."""

    name = "funding_type"

    def decide(self, c: Candidate, reading: "Reading") -> bool:
        text, amount = reading.text, c.amount
        if c.owner is not None and government_level(c.owner) is not None:
            c.share = "own"  # 800억 원은 양양군의 몫: the county's own money, a share of its budget
        else:
            # the topic of a list (특별교부세는 ▲A(7억원) ▲B(4억원)) names the source of each of its amounts,
            # but not of a total cost (총사업비 196억 원), which all sources pay
            lower = c.lower if c.in_list is None else min(c.lower, c.in_list[0])
            whole_cost = c.role.funding_type == "project_cost" and not (c.role.inherited or c.role.cue_in_sentence)
            c.share = public_share(text, amount.start, amount.end, lower, c.actor, with_topic=not whole_cost)
        predicate_end = c.upper if c.in_list is None else c.sentence.end  # a list's amounts share its predicate
        c.funding_type, rule = funding_type(c.role, text, amount.start, c.lower, predicate_end, c.actor, c.share)
        c.why[self.name] = Reason(step=self.name, rule=rule, words=c.role.cue or "")
        return True


class Period(Step):
    """Which year or period: a year written beside the amount or in its sentence (years.py); a total
    cost takes its period or completion year; else the year the text is about, or the publication
    year when the money is acted on now."""

    name = "year"

    def decide(self, c: Candidate, reading: "Reading") -> bool:
        text, choice = reading.text, c.sentence_year
        completion = _completion_year(c.sentence)
        compared = [y for y in c.sentence.years if y.comparison or (y.year is not None and y.year in reading.compared_years)]
        if c.role.funding_type == "project_cost" and _is_whole_cost(text, c):  # not a line of the year's budget
            choice = _project_year(choice, completion)
        else:  # 국비 39억원 … 투입해 내년 8월 준공: a share of the works is spent until they are done
            part_of = bool(_PART_OF.search(text, c.sentence.start, c.amount.start))
            # a list shares its predicate, unless it lists the shares of a project's total cost (총 사업비
            # 430억원은 기금 120억원, 도비 114억원 …으로 확보했다), which span the project's years
            if c.in_list is None:
                predicate = text[c.amount.end : c.upper]
            elif _PROJECT_COST.search(text, c.sentence.start, c.sentence.end):
                predicate = ""
            else:
                predicate = text[c.amount.end : c.sentence.end]
            # a supplementary budget is compared with the same year's budget it amends (올해 기정예산보다)
            amends = bool(_SUPPLEMENTARY.search(text, c.sentence.start, c.sentence.end))
            after_comparison = None if amends else year_after_comparison(compared, c.amount)
            of_the_year = bool(predicate) and c.funding_type in _OF_THE_YEAR  # not a share of a project's whole cost
            choice = choice or completion or reading.year_from_context(c.actor, predicate, part_of, after_comparison, of_the_year)
        # 추경예산안은 총 1조 6080억 원 규모로 (올해 기정예산 5조944억원보다 …): this fiscal year's own budget, in
        # a sentence that dates nothing else but what it is compared with (not 올해 추경 때 200억 원을 확보하면 …)
        own_years = [y for y in c.sentence.years if y not in compared]
        supplementary = (choice is None and not own_years and reading.article.published is not None
                         and bool(_SUPPLEMENTARY.search(text, c.sentence.start, c.sentence.end)))
        if supplementary:  # the year of the budget the text is about, carried to the sentences after it
            choice = publication_year(reading.article.published, "supplementary")
        c.year = choice
        if choice is None:
            c.why[self.name] = Reason(step=self.name, rule="no year stated or implied", words="")
            return True
        year = choice.year
        rule = _YEAR_RULES["completion" if choice is completion else choice.how]
        words = text[year.start : year.end] if year.end > year.start else str(reading.article.published)
        c.why[self.name] = Reason(step=self.name, rule=rule, words=words)
        return True


class Parties(Step):
    """Given or received, and by whom: a giver named as such (국토교통부로부터, 정부의 지원) pays and the
    actor receives; a company's contract is paid by its public client; receiving words (확보,
    지원받), public money of a higher level or money "for" the actor (에 대한) make it a recipient;
    another funder's share (민자 1조원) is that funder's."""

    name = "parties"

    def decide(self, c: Candidate, reading: "Reading") -> bool:
        text, sentence, actor, amount = reading.text, c.sentence, c.actor, c.amount
        funder = None if c.owner else next((o for o in sentence.orgs if is_named_funder(text, o)), None)
        funder_rule = "named as the giver"
        if funder is None and c.funding_type == "contract" and actor is not None and actor.org_type == "company":
            funder, funder_rule = _client(text, sentence, actor), "the contract's client"  # 요진건설은 LH … 1378억원에 계약
        receives, role_rule = self._receives(c, text)
        if funder is None and receives and actor is not None and actor.group:
            funder, funder_rule = reading.actors.actor_for(sentence, amount, groups=False), "gives to the group"
        c.org, c.recipient, c.org_role = actor, None, ("recipient" if receives else "funder")
        if funder is not None and actor is not None and funder.canonical != actor.canonical:
            c.org, c.recipient, c.org_role = funder, actor.canonical, "funder"
            c.why["org"] = Reason(step=self.name, rule=funder_rule, words=text[funder.start : funder.end])
            role_rule = "pays the one who receives"
        another = other_funder(text, amount.start, c.lower)
        if another is not None:  # 민자 1조원: the private sector's money in the actor's project
            (c.org, c.funding_type), c.recipient, c.org_role = another, None, "funder"
            words = text[c.org.start : c.org.end]
            c.why["org"] = c.why["funding_type"] = Reason(step=self.name, rule="another funder's share named before the amount", words=words)
            role_rule = "pays its share"
        if c.org is None:
            c.org_role = None
        else:
            c.why["org_role"] = Reason(step=self.name, rule=role_rule, words=c.role.cue or "")
        return True

    @staticmethod
    def _receives(c: Candidate, text: str) -> tuple[bool, str]:
        if c.owner:
            return False, "spends its own share"
        if c.role.receives and c.share != "own":
            return True, "a receiving word (확보, 지원받, 선정)"
        if c.share == "received":
            return True, "public money of a higher level"
        if c.actor is not None and c.actor.end <= c.amount.start and _BENEFICIARY.match(text, c.actor.end):
            return True, "money for the organisation (에 대한, 에게)"
        return False, "spends, invests or commits it"


class Name(Step):
    """What the money is for: the noun phrase it is given to in its stretch, else in its sentence."""

    name = "initiative"

    def decide(self, c: Candidate, reading: "Reading") -> bool:
        doc, amount = reading.context.doc, c.amount
        c.initiative = (find_initiative(doc, amount.start, amount.end, c.lower, c.upper)
                        or find_initiative(doc, amount.start, amount.end, c.sentence.start, c.sentence.end))
        return True


STEPS: tuple[Step, ...] = (Commitment(), Owner(), FundingType(), Period(), Parties(), Name())


def decide(c: Candidate, reading: "Reading") -> bool:
    """Take every decision in order; False as soon as one says the money is no record."""
    return all(step.decide(c, reading) for step in STEPS)


def _owner_after(text: str, sentence: Sentence, amount: Amount) -> Org | None:
    """나머지 800억 원은 양양군의 몫이다: the organisation whose share the amount is said to be."""
    for org in sentence.orgs:
        if org.start > amount.end and TOPIC_GAP.fullmatch(text, amount.end, org.start) and _SHARE_OF.match(text, org.end):
            return org
    return None


def _owner_before(text: str, sentence: Sentence, amount: Amount, cue: str | None) -> Org | None:
    """국민은행의 특별출연금 90억원: the organisation that owns the money noun written right before the amount."""
    if cue is None or cue in _OWNER_OF_COST:
        return None
    for org in sentence.orgs:
        gap = _OWNED_NOUN.fullmatch(text, org.end, amount.start)
        if gap is not None and cue in gap["noun"]:
            return org
    return None


def _completion_year(sentence: Sentence) -> YearChoice | None:
    """A project's cost runs to its completion (추정사업비는 4582억 원이며 … 2027년 준공 예정)."""
    done = [y for y in sentence.years if y.completion]
    return YearChoice(done[-1], "sentence") if done else None


def _is_whole_cost(text: str, c: Candidate) -> bool:
    """총사업비 1200억원, 모두 39억원의 사업비, 330억원이 소요되는 복지관: what a project costs in all, not
    a cost line of a year's budget (주요 사업비는 … 홍보 449억원)."""
    return (c.role.cue in _WHOLE_CUES or bool(_WHOLE_NOUN.search(text, c.sentence.start, c.sentence.end))
            or bool(_WHOLE_AMOUNT.search(text, max(c.sentence.start, c.amount.start - 6), c.amount.start)))


def _project_year(choice: YearChoice | None, completion: YearChoice | None) -> YearChoice | None:
    """A project's total cost spans its years: it takes a period or the year it is completed, not
    the single year of a yearly amount beside it (31억원(총사업비 1,043억원))."""
    if choice is not None and choice.how == "bound":
        return choice
    if completion is not None:
        return completion
    if choice is not None and choice.year.year_end is not None:
        return choice
    return None


def _client(text: str, sentence: Sentence, contractor: Org) -> Org | None:
    """Who pays a company's contract: a government or public body named in the same sentence (요진건설은
    LH … 공사를 1378억원에 계약), or the one it supplies (누리모터스에 … 배터리를 공급하는 계약)."""
    others = [o for o in sentence.orgs if o.canonical != contractor.canonical]
    public = next((o for o in others if o.org_type in _PUBLIC_CLIENTS), None)
    if public is not None or not _SUPPLIES.search(text, sentence.start, sentence.end):
        return public
    return next((o for o in others if _DATIVE.match(text, o.end)), None)


def acting_now(predicate: str) -> bool:
    """투자키로 했다, 투입한다: the money is acted on now (the publication year applies)."""
    return bool(_ACTION.search(predicate))


__all__ = ["Candidate", "Reason", "STEPS", "Step", "decide", "acting_now"]
