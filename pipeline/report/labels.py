"""Korean labels for stored codes (funding_type, org_type), from data/datasette/labels.json, read once."""
from __future__ import annotations

import json
from functools import lru_cache

from krnews.data import DATA_DIR

LABELS_PATH = DATA_DIR / "datasette" / "labels.json"


@lru_cache(maxsize=None)
def _labels() -> dict:
    with open(LABELS_PATH, encoding="utf-8") as f:
        return json.load(f)


def label(kind: str, code: str | None) -> str:
    """"예산" for ("funding_type", "budget"); "미상" for None; an unlisted code as it is."""
    if code is None:
        return _labels()["unknown"]
    return _labels()[kind].get(code, code)


def unknown() -> str:
    return _labels()["unknown"]
