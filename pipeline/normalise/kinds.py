"""The funding type of a record beyond its nearest cue word: whose money it is and what it builds.

- Public money named right before or after the amount (국비 39억원, 10억원씩 도비가) is a grant when
  it comes from a higher level of government than the organisation's own, its budget otherwise (시비
  is a 구's grant, a 시's budget), unless the organisation gives it (국비 40억원을 지원한다: a grant).
- A government's money that builds a facility (건립, 신축) is a project cost, its other spending
  (투입, 들여, 쓴다) its budget.
- Another funder's share named right before the amount (민자 1조원, 지방비 120억원) is that funder's
  money, of that funder's kind.
"""
from __future__ import annotations

import re

from krnews.nlp.orgs import Org
from krnews.nlp.tables import load_table, longest_first

from .cues import MoneyRole

_TABLE = load_table("funding")
_LEVELS: dict[str, int] = _TABLE["public_money_levels"]
_OWN_SOURCE = re.compile(r"(?:%s)\s?(?:으로|로)?\s?$" % longest_first(_LEVELS))
_FACILITY = re.compile(longest_first(_TABLE["facility_verbs"]))
_GOVERNMENT = frozenset(_TABLE["government_types"])
_GOVERNMENT_SPENDS = re.compile(longest_first(_TABLE["government_spending_verbs"]))
_GIVES = re.compile(longest_first(_TABLE["giving_verbs"]))
_SOURCE_WINDOW = max(map(len, _LEVELS)) + len(" 으로 ")  # 국민체육진흥기금으로 120억원
_OWN_SOURCE_AFTER = re.compile(r"\s?(?:씩|의)?\s?(?P<word>%s)(?=[이가을를은는도로]|\s)" % longest_first(_LEVELS))
# 울산시의 국가예산은 … 2조4703억원, 국비지원 예산이 2조5380억원에: the money the clause is about
_GRAMMAR = _TABLE["grammar"]
# 주요 국비 신규 사업은 ▲A(111억 원) ▲B(105억 원), 도비사업으로 ▲C(15억 원): a list's source
_SOURCE_TOPIC = re.compile(r"(?<![가-힣])(?P<word>%s)%s(?:%s)\s" % (
    longest_first(_LEVELS), "".join(r"(?:\s?%s)?" % re.escape(w) for w in _GRAMMAR["public_money_heads"]),
    longest_first(_GRAMMAR["topic_or_subject"] + _GRAMMAR["as_forms"])))
_OTHER_FUNDERS: dict[str, dict] = _TABLE["other_funders"]
_OTHER_SOURCE = re.compile(r"(?<![가-힣])(?P<word>%s)\s?(?:으로|로)?\s?$" % longest_first(_OTHER_FUNDERS))


def government_level(org: Org | None) -> int | None:
    """0 the state, 1 a province or metropolitan city, 2 a city or county, 3 a district."""
    if org is None or org.org_type not in _GOVERNMENT:
        return None
    if org.org_type != "local_gov":
        return 0
    name = org.canonical.split()[-1]
    if " " not in org.canonical:  # 17 시·도: 서울특별시, 경기도, 세종특별자치시
        return 1
    return 3 if name.endswith("구") else 2


def public_share_level(text: str, start: int, end: int, lower: int, with_topic: bool = True) -> int | None:
    """The level of government whose money the amount at text[start:end] is said to be, named before it
    (국비 39억원: 0), right after it (39억원의 국비를, 10억원씩 도비가) or, `with_topic`, as the topic or
    subject of its stretch (국가예산은 … 2조4703억원으로)."""
    source = _OWN_SOURCE.search(text[max(lower, start - _SOURCE_WINDOW) : start])
    if source:
        return _LEVELS.get(source.group().rstrip(" 으로").strip(), 0)
    after = _OWN_SOURCE_AFTER.match(text, end)
    if after:
        return _LEVELS[after["word"]]
    topic = _SOURCE_TOPIC.search(text, lower, start) if with_topic else None
    return _LEVELS[topic["word"]] if topic else None


def public_share(text: str, start: int, end: int, lower: int, actor: Org | None, with_topic: bool = True) -> str | None:
    """Whose public money the amount at text[start:end] is said to be, seen from a government actor:
    "received" from a higher level (국비 39억원 of a 구), "own" (군비 195억원 of a 군: paid whatever the
    verb, 확보했다), "lower" (a lower level's); None when no public money is named or the actor is no
    government."""
    share, level = public_share_level(text, start, end, lower, with_topic), government_level(actor)
    if share is None or level is None:
        return None
    return "received" if share < level else "own" if share == level else "lower"


def funding_type(role: MoneyRole, text: str, start: int, lower: int, upper: int, actor: Org | None,
                 share: str | None) -> tuple[str, str]:
    """The funding type of the record for the money at text[start:…], in its stretch [lower, upper),
    and the rule that decided it; `share`: what public_share says of it."""
    if share is not None:
        gives = not role.receives and _GIVES.search(text, start, upper)
        if gives or share == "received":
            return "grant", "public money given to a lower level" if gives else "public money of a higher level"
        return "budget", "the government's own public money"
    level = government_level(actor)
    if level is None:
        return role.funding_type, _CUE_RULE[role.inherited]
    clause = text[lower:upper]
    if (role.funding_type == "investment" or role.inherited) and _FACILITY.search(clause):
        return "project_cost", "a government's money builds a facility"
    if role.funding_type == "investment" and (role.inherited or _GOVERNMENT_SPENDS.search(clause)):
        return "budget", "a government's spending"
    return role.funding_type, _CUE_RULE[role.inherited]


_CUE_RULE = {False: "cue word", True: "the paragraph's kind of money"}


def other_funder(text: str, start: int, lower: int) -> tuple[Org, str] | None:
    """(the funder, its funding type) when the money at text[start:…] is another funder's share."""
    share = _OTHER_SOURCE.search(text, max(lower, start - _SOURCE_WINDOW), start)
    if share is None:
        return None
    funder = _OTHER_FUNDERS[share["word"]]
    return Org(funder["org"], None, *share.span("word"), in_gazetteer=False), funder["funding_type"]
