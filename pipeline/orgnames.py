"""Organisation names as people type them: any alias the gazetteer knows (부산시, 과기정통부) to the
canonical name records carry (부산광역시, 과학기술정보통신부). Reads the gazetteer's patterns file only,
so filters (`krnews export --org`, `krnews.read_records(org=)`) do not load the NLP stage."""
from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Iterable

from .nlp.tables import load_jsonl

PATTERNS = "orgs/patterns.jsonl"


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    """Alias (spaces removed) -> canonical name; a canonical name is its own alias."""
    names = {}
    for pattern in load_jsonl(PATTERNS):
        if pattern.get("label", "ORG") == "ORG" and isinstance(pattern["pattern"], str):
            names[pattern["pattern"].replace(" ", "")] = pattern["id"]
    return names


def canonical_org(name: str) -> str:
    """The canonical name of `name` when the gazetteer knows it as an alias, else `name` as given."""
    return _canonical_names().get(name.replace(" ", ""), name)


def close_names(name: str, known: Iterable[str]) -> list[str]:
    """Up to three of `known` that look like `name` (for a did-you-mean hint)."""
    return difflib.get_close_matches(name, sorted(set(known)), n=3, cutoff=0.4)
