"""Data tables under data/nlp and data/orgs, each read once per process."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from krnews.data import DATA_DIR


@lru_cache(maxsize=None)
def load_table(name: str) -> dict:
    """A JSON table from data/nlp/, e.g. load_table("amounts")."""
    with open(DATA_DIR / "nlp" / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def load_jsonl(relative_path: str) -> tuple[dict, ...]:
    """Every object of a JSONL file under data/, or at an absolute path (blank lines skipped)."""
    with open(DATA_DIR / relative_path, encoding="utf-8") as f:  # an absolute path stays as it is
        return tuple(json.loads(line) for line in f if line.strip())


def longest_first(words) -> str:
    """A regex alternation that prefers the longest word (지난해 before 지난)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
