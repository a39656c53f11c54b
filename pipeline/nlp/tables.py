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


@lru_cache(maxsize=None)
def load_region_governments() -> dict[str, str]:
    """Each 시·도's bare short name -> its canonical name (서울 -> 서울특별시), from
    data/orgs/sources/places.tsv (the rows with a second column)."""
    rows = (line.split("\t") for line in (DATA_DIR / "orgs" / "sources" / "places.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {fields[0].strip(): fields[1].strip() for fields in rows if len(fields) == 2 and fields[1].strip()}


def longest_first(words) -> str:
    """A regex alternation that prefers the longest word (지난해 before 지난)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
