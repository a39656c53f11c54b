"""Lines that are page furniture, not article text (rules in data/scrapers/boilerplate.json)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from krnews.data import DATA_DIR

RULES_FILE = DATA_DIR / "scrapers" / "boilerplate.json"


@dataclass(frozen=True)
class LineRule:
    why: str
    max_chars: int
    pattern: re.Pattern


@dataclass(frozen=True)
class BoilerplateRules:
    drop_lines: tuple[LineRule, ...]
    body_selectors: tuple[str, ...]
    strip_selectors: tuple[str, ...]


@cache
def rules() -> BoilerplateRules:
    raw = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return BoilerplateRules(
        drop_lines=tuple(LineRule(r["why"], r["max_chars"], re.compile(r["pattern"])) for r in raw["drop_lines"]),
        body_selectors=tuple(raw["body_selectors"]),
        strip_selectors=tuple(raw["strip_selectors"]),
    )


def is_boilerplate(line: str) -> bool:
    return any(len(line) <= rule.max_chars and rule.pattern.search(line) for rule in rules().drop_lines)


def clean_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not is_boilerplate(line)]
