"""The funding type of a record beyond its nearest cue word: whose money it is and what it builds.

- Public money named right before the amount (국비 39억원, 시비 29억원) is a grant when it comes from
  a higher level of government than the organisation's own, its budget otherwise (시비 is a 구's
  grant, a 시's budget).
- A government's money that builds a facility (건립, 신축) is a project cost, its other spending
  (투입, 들여, 쓴다) its budget.
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
_SOURCE_WINDOW = 8


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


def funding_type(role: MoneyRole, text: str, start: int, lower: int, upper: int, actor: Org | None) -> str:
    """The funding type of the record for the money at text[start:…], in its stretch [lower, upper)."""
    before = text[max(lower, start - _SOURCE_WINDOW) : start]
    source = _OWN_SOURCE.search(before)
    level = government_level(actor)
    if source is not None and level is not None:
        word = source.group().rstrip(" 으로").strip()
        return "grant" if _LEVELS.get(word, 0) < level else "budget"
    if level is None:
        return role.funding_type
    clause = text[lower:upper]
    if (role.funding_type == "investment" or role.inherited) and _FACILITY.search(clause):
        return "project_cost"
    if role.funding_type == "investment" and (role.inherited or _GOVERNMENT_SPENDS.search(clause)):
        return "budget"
    return role.funding_type
