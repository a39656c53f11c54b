"""The relation whose connected components are the initiatives: two records are the same money
(evidence.same_money), or one is a changed figure of the other (matching.revision_of).

Every link is decided by two records (and their two articles' story similarity) alone, never by a group,
so the initiatives do not depend on the order the records arrive in.
"""
from __future__ import annotations

from .evidence import same_money
from .matching import RecordKey, revision_of


def linked(a: RecordKey, b: RecordKey, similarity: float | None = None) -> bool:
    return same_money(a, b, similarity) or revision_of(a, b)
