"""One-to-one assignment of system records to gold records within one document.

A system record matches a gold record with the same amount (won by amount_krw, another currency by its
own value) and, unless organisations are ignored, an organisation name in common (spaces ignored).
Among equally close candidates the one of the same funding type is tried first (시비 and 구비 of one
size pair with their own gold), then the one whose initiative shares more words with the gold's (a
list that gives two projects 100억원 each pairs each project with its own gold). Exact amounts are
assigned first, then figures within 2% (222억원 for 222억417만4177원); in each round the required
gold before the optional gold, and as many pairs as possible (augmenting paths). What is left over
and still matches some gold is the same money told again: ignored, not spurious."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ROUNDING = Decimal("0.02")


@dataclass(frozen=True)
class Candidate:
    """What matching needs of a record, gold or system."""

    amount: tuple[str, Decimal] | None  # (currency, value)
    names: frozenset[str]  # organisation names without spaces
    optional: bool = False
    funding_type: str | None = None
    initiative_words: frozenset[str] = frozenset()


@dataclass
class Assignment:
    pairs: list[tuple[int, int, bool]] = field(default_factory=list)  # (gold, system, rounded) for required gold
    optional_hits: list[int] = field(default_factory=list)  # system records matched to optional gold
    duplicates: list[int] = field(default_factory=list)  # system records telling matched money again
    spurious: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)  # required gold nothing matched


def org_key(name: str | None) -> str | None:
    return "".join(name.split()) if name else None


def assign(gold: list[Candidate], system: list[Candidate], use_org: bool = True) -> Assignment:
    matched: dict[int, int] = {}  # system -> gold
    for tolerance in (Decimal(0), ROUNDING):
        for optional in (False, True):
            golds = [g for g in range(len(gold)) if gold[g].optional == optional and g not in matched.values()]
            free = [s for s in range(len(system)) if s not in matched]
            matched.update(_max_matching(golds, free, lambda g, s: _distance(gold[g], system[s], tolerance, use_org),
                                         lambda g, s: _unlikeness(gold[g], system[s])))
    result = Assignment()
    for s, g in sorted(matched.items(), key=lambda item: item[1]):
        if gold[g].optional:
            result.optional_hits.append(s)
        else:
            result.pairs.append((g, s, gold[g].amount != system[s].amount))
    for s in range(len(system)):
        if s in matched:
            continue
        told_again = any(_distance(g, system[s], ROUNDING, use_org) is not None for g in gold)
        (result.duplicates if told_again else result.spurious).append(s)
    result.missed = [g for g in range(len(gold)) if not gold[g].optional and g not in matched.values()]
    return result


def _distance(gold: Candidate, system: Candidate, tolerance: Decimal, use_org: bool) -> Decimal | None:
    """Relative amount difference when the two can match, else None."""
    if gold.amount is None or system.amount is None or gold.amount[0] != system.amount[0]:
        return None
    if use_org and not gold.names & system.names:
        return None
    expected, found = gold.amount[1], system.amount[1]
    if expected == found:
        return Decimal(0)
    if expected <= 0:
        return None
    difference = abs(found - expected) / expected
    return difference if difference <= tolerance else None


def _unlikeness(gold: Candidate, system: Candidate) -> tuple[bool, int]:
    """How a system record differs from a gold one of the same amount: other funding type, fewer shared
    initiative words (smaller is closer)."""
    return gold.funding_type != system.funding_type, -len(gold.initiative_words & system.initiative_words)


def _max_matching(golds: list[int], systems: list[int], distance, unlikeness) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn); each gold tries its closest system records first and, among
    equally close ones, the most like it."""
    options = {}
    for g in golds:
        scored = [(d, unlikeness(g, s), s) for s in systems if (d := distance(g, s)) is not None]
        options[g] = [s for _, _, s in sorted(scored)]
    owner: dict[int, int] = {}  # system -> gold

    def place(g: int, seen: set[int]) -> bool:
        for s in options[g]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or place(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in golds:
        place(g, set())
    return owner
