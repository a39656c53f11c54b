#!/usr/bin/env python3
"""Build the organisation gazetteer from the hand-edited source lists (stdlib only).

    python data/build_gazetteer.py [--sources DIR] [--out DIR]

Reads every `<sources>/*.tsv` (one organisation a line: canonical, org_type, aliases `a|b`, parent,
notes) except `places.tsv` (bare place names, which are never patterns), and writes
`<out>/patterns.jsonl` (spaCy EntityRuler patterns, label ORG, id = canonical name) and
`<out>/organisations.jsonl` (one line per organisation). Output is sorted, so a rebuild from the same
sources is byte-identical.

시·군·구 rows (canonical "<시·도> <name>", parent = that 시·도) get their everyday forms derived
here rather than typed 226 times: "<prefix> <name>" and "<prefix> <name>청" for every form of the
시·도 ("부산광역시 중구", "부산시 중구", "부산 중구청"), and the bare "<name>"/"<name>청" only when no
other organisation claims it ("수원시" yes; "중구", "고성군" no; "광주시" belongs to 광주광역시).
A name with a Latin head before Hangul also gets its spaced form ("SK텔레콤" -> "SK 텔레콤").

Exit 1, naming file:line, when the sources contradict themselves (one alias for two organisations,
unknown org_type or parent, a place name as canonical, malformed line); exit 2 on usage errors.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCES = HERE / "orgs" / "sources"
DEFAULT_OUT = HERE / "orgs"
PLACES_FILE = "places.tsv"
LABEL = "ORG"

ORG_TYPES = frozenset({
    "central_gov", "legislature", "judiciary", "local_gov", "local_council", "education_office",
    "public_agency", "research_institute", "university", "association", "company", "international",
    "party", "media", "sports", "foreign_gov", "armed_group", "entertainment", "hospital",
})
LOCAL_SUFFIXES = ("시", "군", "구")
LATIN_HEAD = re.compile(r"([A-Za-z][A-Za-z0-9&]*)([가-힣].*)")


class SourceError(Exception):
    """A contradiction or malformed line in the sources; the message starts with file:line."""


@dataclass(frozen=True)
class OrgRow:
    canonical: str
    org_type: str
    aliases: tuple[str, ...]
    parent: str | None
    notes: str | None
    source: str  # file stem, kept in organisations.jsonl for provenance
    where: str  # "file.tsv:12"


def _data_lines(path: Path):
    """(line number, tab-separated fields) of each non-blank, non-comment line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line.split("\t")


def _check_name(name: str, what: str, where: str) -> str:
    if not name or name != name.strip() or "  " in name:
        raise SourceError(f"{where}: {what} {name!r} is empty or has stray spaces")
    return name


def read_places(path: Path) -> dict[str, str | None]:
    """Bare place name -> the 시·도 it abbreviates (None for other places)."""
    places: dict[str, str | None] = {}
    if not path.exists():
        return places
    for number, fields in _data_lines(path):
        where = f"{path.name}:{number}"
        if len(fields) > 2:
            raise SourceError(f"{where}: expected 'place[<TAB>시·도]', got {len(fields)} columns")
        place = _check_name(fields[0], "place", where)
        sido = fields[1].strip() if len(fields) == 2 else ""
        places[place] = sido or None
    return places


def read_org_rows(path: Path) -> list[OrgRow]:
    rows = []
    for number, fields in _data_lines(path):
        where = f"{path.name}:{number}"
        if not 2 <= len(fields) <= 5:
            raise SourceError(f"{where}: expected 2-5 tab-separated columns, got {len(fields)}")
        fields += [""] * (5 - len(fields))
        canonical = _check_name(fields[0], "canonical name", where)
        org_type = fields[1].strip()
        if org_type not in ORG_TYPES:
            raise SourceError(f"{where}: unknown org_type {org_type!r} (known: {', '.join(sorted(ORG_TYPES))})")
        aliases = tuple(_check_name(a, "alias", where) for a in fields[2].split("|")) if fields[2] else ()
        rows.append(OrgRow(canonical, org_type, aliases, fields[3].strip() or None,
                           fields[4].strip() or None, path.stem, where))
    return rows


def sido_prefixes(rows: list[OrgRow], places: dict[str, str | None]) -> dict[str, list[str]]:
    """Every written form of each 시·도 that can stand before a 시·군·구 name ("부산광역시", "부산시", "부산")."""
    prefixes = {row.canonical: [row.canonical] for row in rows if row.org_type == "local_gov" and not row.parent}
    for row in rows:
        if row.canonical in prefixes:
            prefixes[row.canonical] += [a for a in row.aliases if not a.endswith("청")]
    for place, sido in places.items():
        if sido in prefixes:
            prefixes[sido].append(place)
    return prefixes


def local_name(row: OrgRow, prefixes: dict[str, list[str]]) -> str | None:
    """The bare 시·군·구 name ("수원시" for "경기도 수원시"); None for rows that are not a 시·군·구."""
    if row.org_type != "local_gov" or row.parent not in prefixes:
        return None
    name = row.canonical.removeprefix(row.parent + " ")
    return name if name != row.canonical and name.endswith(LOCAL_SUFFIXES) else None


class PatternTable:
    """pattern -> canonical id; refuses a second owner for any pattern."""

    def __init__(self) -> None:
        self.owner: dict[str, tuple[str, str]] = {}

    def claim(self, pattern: str, org_id: str, where: str) -> None:
        previous = self.owner.setdefault(pattern, (org_id, where))
        if previous[0] != org_id:
            raise SourceError(f"{where}: {pattern!r} would name both {org_id!r} and "
                              f"{previous[0]!r} (defined at {previous[1]})")


def build(sources: Path) -> tuple[dict[str, str], list[dict], list[str]]:
    """(pattern -> id, organisation records, warnings) from the TSV files under `sources`."""
    places = read_places(sources / PLACES_FILE)
    rows = [row for path in sorted(sources.glob("*.tsv")) if path.name != PLACES_FILE
            for row in read_org_rows(path)]
    by_id: dict[str, OrgRow] = {}
    for row in rows:
        if row.canonical in by_id:
            raise SourceError(f"{row.where}: {row.canonical!r} already defined at {by_id[row.canonical].where}")
        by_id[row.canonical] = row
    for row in rows:
        if row.parent and row.parent not in by_id:
            raise SourceError(f"{row.where}: parent {row.parent!r} of {row.canonical!r} is not an organisation")
        if row.parent and row.parent == row.canonical:
            raise SourceError(f"{row.where}: {row.canonical!r} is its own parent")

    for place, sido in places.items():
        if sido and (sido not in by_id or by_id[sido].parent or by_id[sido].org_type != "local_gov"):
            raise SourceError(f"{PLACES_FILE}: place {place!r} abbreviates {sido!r}, which is not a 시·도 row")
    prefixes = sido_prefixes(rows, places)
    local_names = {row.canonical: local_name(row, prefixes) for row in rows}
    # "수원" of 수원시 is a place, like the 시·도 short forms listed in places.tsv.
    not_orgs = set(places) | {name[:-1] for name in local_names.values() if name and len(name) > 2}

    warnings: list[str] = []
    table = PatternTable()
    bare_claims: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.canonical in not_orgs:
            raise SourceError(f"{row.where}: canonical name {row.canonical!r} is a bare place name")
        table.claim(row.canonical, row.canonical, row.where)
        for alias in row.aliases:
            if alias in not_orgs:
                warnings.append(f"{row.where}: dropped alias {alias!r} of {row.canonical!r}: a place, not an organisation")
            else:
                table.claim(alias, row.canonical, row.where)
        name = local_names[row.canonical]
        if name:
            for prefix in prefixes[row.parent]:
                table.claim(f"{prefix} {name}", row.canonical, row.where)
                table.claim(f"{prefix} {name}청", row.canonical, row.where)
            bare_claims[name].add(row.canonical)
            bare_claims[name + "청"].add(row.canonical)

    ambiguous = []
    for bare, claimants in sorted(bare_claims.items()):
        if len(claimants) == 1 and bare not in table.owner and bare not in not_orgs:
            table.claim(bare, next(iter(claimants)), by_id[next(iter(claimants))].where)
        elif not bare.endswith("청"):
            ambiguous.append(bare)
    if ambiguous:
        warnings.append(f"bare 시·군·구 names left out as ambiguous: {', '.join(ambiguous)}")

    # "SK텔레콤" is also written "SK 텔레콤": a Latin head before Hangul gets the spaced form, unless taken.
    for pattern, (org_id, where) in list(table.owner.items()):
        spaced = LATIN_HEAD.match(pattern)
        if spaced and f"{spaced[1]} {spaced[2]}" not in table.owner:
            table.claim(f"{spaced[1]} {spaced[2]}", org_id, where)

    patterns = {pattern: owner[0] for pattern, owner in table.owner.items()}
    aliases_of: dict[str, list[str]] = defaultdict(list)
    for pattern, org_id in patterns.items():
        if pattern != org_id:
            aliases_of[org_id].append(pattern)
    organisations = [
        {"id": row.canonical, "org_type": row.org_type, "aliases": sorted(aliases_of[row.canonical]),
         "parent": row.parent, "notes": row.notes, "source": row.source}
        for row in sorted(rows, key=lambda r: r.canonical)
    ]
    return patterns, organisations, warnings


def write_jsonl(path: Path, records) -> None:
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    path.write_text("".join(lines), encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build data/orgs/patterns.jsonl and organisations.jsonl from the TSV sources.")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="directory of *.tsv source lists")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory to write the JSONL files to")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"{args.sources}: not a directory of source lists", file=sys.stderr)
        return 2
    try:
        patterns, organisations, warnings = build(args.sources)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"note: {warning}", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "patterns.jsonl",
                ({"label": LABEL, "pattern": p, "id": patterns[p]} for p in sorted(patterns)))
    write_jsonl(args.out / "organisations.jsonl", organisations)
    print(f"wrote {len(patterns)} patterns for {len(organisations)} organisations to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
