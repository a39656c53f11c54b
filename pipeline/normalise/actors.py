"""Who spends or receives the money: the acting organisation of the clause, carried over from
earlier sentences and paragraphs when a clause names none (…시는 … . 또 … 투입한다.)."""
from __future__ import annotations

import re

from krnews.nlp.orgs import Org
from krnews.nlp.tables import load_table, longest_first

_TABLE = load_table("funding")
# 광주시는 / 경기도도 / 서울시 관계자는 / 과기정통부 측은: the organisation is the clause's subject.
_SUBJECT_AFTER = re.compile(
    r"(?:\s?(?:%s))?(?:%s)(?=[\s,])" % (longest_first(_TABLE["actor_heads"]), longest_first(_TABLE["subject_particles"]))
)
_FUNDER_AFTER = re.compile(r"\s?(?:%s)" % longest_first(_TABLE["funder_markers"]))


def is_subject(text: str, org: Org) -> bool:
    return bool(_SUBJECT_AFTER.match(text, org.end))


def is_named_funder(text: str, org: Org) -> bool:
    """국토교통부로부터 / 정부의 지원: this organisation gives the money to the clause's subject."""
    return bool(_FUNDER_AFTER.match(text, org.end))


class ActorTracker:
    """Remembers the last organisation that acted as a subject, across sentences and paragraphs."""

    def __init__(self) -> None:
        self.current: Org | None = None

    def actor_for(self, text: str, orgs: list[Org], amount_start: int) -> Org | None:
        """The organisation acting for money at `amount_start`: the nearest subject before it in the
        sentence, else any subject of the sentence, else the one carried over."""
        subjects = [o for o in orgs if is_subject(text, o) and not is_named_funder(text, o)]
        before = [o for o in subjects if o.end <= amount_start]
        if before:
            return before[-1]
        if subjects:
            return subjects[0]
        return self.current

    def end_of_sentence(self, text: str, orgs: list[Org]) -> None:
        subjects = [o for o in orgs if is_subject(text, o) and not is_named_funder(text, o)]
        if subjects:
            self.current = subjects[-1]
