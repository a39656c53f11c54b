"""The consolidation rules of data/nlp/consolidation.json, read once."""
from __future__ import annotations

from functools import lru_cache

from krnews.nlp.tables import load_table


@lru_cache(maxsize=1)
def rules() -> dict:
    return load_table("consolidation")
