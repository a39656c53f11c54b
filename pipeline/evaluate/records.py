"""Record scores against hand-annotated articles (see the annotation guide of the record gold):
precision/recall/F1 of initiative records, amount-only F1, year, funding-type and organisation-role
accuracy, and how close the initiative names come to the gold's."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .conventions import convention_rules, parse_money
from .extractor import default_extract
from .matching import Candidate, assign, org_key
from .metrics import accuracy, prf

GOLD_FILES = ("docs.jsonl", "gold.jsonl", "nonrecords.jsonl")
SEED_SUFFIX = ".expected.jsonl"


class RecordGoldError(ValueError):
    """Record gold that cannot be read; the message names the file (and line) and the reason."""


@dataclass
class GoldRecord:
    doc_id: str
    amount_text: str
    amount_krw: int | None
    currency: str
    org: str | None
    org_aliases: list[str]
    recipient: str | None
    org_role: str | None
    initiative: str | None
    year: int | None
    year_start: int | None
    year_end: int | None
    year_text: str | None
    funding_type: str | None
    sentence: str | None
    optional: bool
    source: str  # path:line
    money: str | None = None  # the same key across the articles of one story: the same money

    def candidate(self) -> Candidate:
        names = {org_key(n) for n in (self.org, *self.org_aliases, self.recipient)} - {None}
        return Candidate(_gold_amount(self), frozenset(names), self.optional, self.funding_type,
                         frozenset((self.initiative or "").split()))


@dataclass
class RecordGold:
    documents: list[dict]  # {id, url, published, title, text}
    gold: dict[str, list[GoldRecord]] = field(default_factory=dict)
    nonrecords: dict[str, list[dict]] = field(default_factory=dict)


def is_record_gold(path) -> bool:
    path = Path(path)
    if path.is_dir():
        return (path / "gold.jsonl").is_file()
    return path.name in GOLD_FILES or path.name.endswith(SEED_SUFFIX) or (
        path.suffix == ".txt" and _seed_expected(path).is_file())


def read_record_gold(path, published: str | None = None) -> RecordGold:
    """A gold directory (docs.jsonl + gold.jsonl [+ nonrecords.jsonl], or one of those files), or the
    seed form: an article `NAME.txt` beside `NAME.expected.jsonl` (`published` dates it)."""
    path = Path(path)
    if path.is_dir() or path.name in GOLD_FILES:
        return _read_directory(path if path.is_dir() else path.parent)
    if path.name.endswith(SEED_SUFFIX) or path.suffix == ".txt":
        return _read_seed(path, published)
    raise RecordGoldError(f"{path}: not record gold (expected a directory with docs.jsonl and gold.jsonl, "
                          f"or NAME.txt beside NAME{SEED_SUFFIX})")


def evaluate_records(gold_dir, extract_fn=None, published=None) -> dict:
    """Scores of `extract_fn` (default krnews.extract) on one or more record gold paths, pooled."""
    extract_fn = extract_fn or default_extract()
    paths = [gold_dir] if isinstance(gold_dir, (str, os.PathLike)) else list(gold_dir)
    score = _Score()
    for path in paths:
        try:
            corpus = read_record_gold(path, published)
        except RecordGoldError as error:
            score.errors.append(str(error))
            continue
        for document, result in extracted(path, corpus, extract_fn, published, score.errors):
            score.add(corpus.gold.get(document["id"], []), result.records, corpus.nonrecords.get(document["id"], []))
    return score.result()


def extracted(path, corpus: RecordGold, extract_fn, published, errors: list[str]):
    """(gold document, extracted Document) for each document of `corpus`, with its url, title and date; a
    document the extractor fails on is named in `errors` and left out."""
    for document in corpus.documents:
        try:
            result = extract_fn(document["text"], url=document.get("url"), doc_id=document["id"],
                                published=document.get("published") or published,
                                title=document.get("title"), is_html=False)
        except Exception as error:  # one document the extractor cannot take must not stop the run
            errors.append(f"{path}: document {document['id']}: {type(error).__name__}: {error}")
            continue
        yield document, result


@dataclass
class _Score:
    documents: int = 0
    gold: int = 0
    optional_gold: int = 0
    system: int = 0
    counts: dict = field(default_factory=lambda: {
        name: {"tp": 0, "fp": 0, "fn": 0, "rounded": 0, "duplicates_ignored": 0, "optional_ignored": 0}
        for name in ("record", "amount_only")})
    year: list = field(default_factory=lambda: [0, 0, 0])  # correct, scored, unscored
    funding: list = field(default_factory=lambda: [0, 0])  # correct, scored
    role: list = field(default_factory=lambda: [0, 0])  # correct, scored
    initiative: list = field(default_factory=lambda: [0.0, 0, 0, 0])  # word F1 sum, named, exact, scored
    nonrecord_hits: int = 0
    names: Counter = field(default_factory=Counter)  # matched records per organisation-name convention
    misses: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    year_errors: list = field(default_factory=list)
    funding_type_errors: list = field(default_factory=list)
    org_role_errors: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def add(self, gold: list[GoldRecord], system: list, nonrecords: list[dict]) -> None:
        self.documents += 1
        self.gold += sum(not g.optional for g in gold)
        self.optional_gold += sum(g.optional for g in gold)
        self.system += len(system)
        gold_candidates = [g.candidate() for g in gold]
        system_candidates = [system_candidate(r) for r in system]
        for name, use_org in (("record", True), ("amount_only", False)):
            assignment = assign(gold_candidates, system_candidates, use_org)
            counts = self.counts[name]
            counts["tp"] += len(assignment.pairs)
            counts["fp"] += len(assignment.spurious)
            counts["fn"] += len(assignment.missed)
            counts["rounded"] += sum(rounded for _, _, rounded in assignment.pairs)
            counts["duplicates_ignored"] += len(assignment.duplicates)
            counts["optional_ignored"] += len(assignment.optional_hits)
            if use_org:
                self._details(gold, system, system_candidates, nonrecords, assignment)

    def _details(self, gold, system, system_candidates, nonrecords, assignment) -> None:
        for g, s, _ in assignment.pairs:
            self.names[_name_convention(gold[g], system[s])] += 1
            self._check_year(gold[g], system[s])
            self._check_funding_type(gold[g], system[s])
            self._check_org_role(gold[g], system[s])
            self._check_initiative(gold[g], system[s])
        for g in assignment.missed:
            self.misses.append({"doc_id": gold[g].doc_id, "amount_text": gold[g].amount_text, "org": gold[g].org,
                                "sentence": gold[g].sentence})
        listed = [(_nonrecord_amount(n), org_key(n.get("amount_text")), n.get("why")) for n in nonrecords]
        for s in assignment.spurious:
            record = system[s]
            why = next((why for amount, text, why in listed
                        if (amount is not None and amount == system_candidates[s].amount)
                        or text == org_key(record.amount_text)), None)
            self.nonrecord_hits += why is not None
            self.spurious.append({"doc_id": record.doc_id, "amount_text": record.amount_text, "org": record.org,
                                  "org_mention": record.org_mention, "nonrecord": why, "sentence": record.sentence})

    def _check_year(self, gold: GoldRecord, record) -> None:
        expected = (gold.year, gold.year_start, gold.year_end)
        found = (record.year, record.year_start, record.year_end)
        if expected == (None, None, None) and gold.year_text is not None:
            self.year[2] += 1  # a year word in an undated article: nothing to check against
            return
        self.year[1] += 1
        if expected == found:
            self.year[0] += 1
        else:
            self.year_errors.append({"doc_id": gold.doc_id, "amount_text": gold.amount_text, "gold": expected,
                                     "system": found, "year_text": gold.year_text, "sentence": gold.sentence})

    def _check_funding_type(self, gold: GoldRecord, record) -> None:
        if gold.funding_type is None:
            return
        self.funding[1] += 1
        if gold.funding_type == record.funding_type:
            self.funding[0] += 1
        else:
            self.funding_type_errors.append({"doc_id": gold.doc_id, "amount_text": gold.amount_text,
                                             "gold": gold.funding_type, "system": record.funding_type})

    def _check_org_role(self, gold: GoldRecord, record) -> None:
        """Whether the organisation the record names has the gold's role for it: the gold's funder (or
        recipient) as org_role says, or the gold's recipient as recipient."""
        names = _system_names(record) | _bare_names(record)
        if gold.org_role is not None and names & {org_key(n) for n in (gold.org, *gold.org_aliases)}:
            expected = gold.org_role
        elif gold.recipient is not None and org_key(gold.recipient) in names:
            expected = "recipient"
        else:
            return
        self.role[1] += 1
        if record.org_role == expected:
            self.role[0] += 1
        else:
            self.org_role_errors.append({"doc_id": gold.doc_id, "amount_text": gold.amount_text, "org": record.org,
                                         "gold": expected, "system": record.org_role, "sentence": gold.sentence})

    def _check_initiative(self, gold: GoldRecord, record) -> None:
        """Annotators name the initiative in their own words as often as in the text's: scored by the
        words it shares with the gold's (F1 over space-separated words), and exactly (spaces ignored)."""
        if not gold.initiative:
            return
        expected, found = set(gold.initiative.split()), set((record.initiative or "").split())
        shared = len(expected & found)
        self.initiative[0] += 2 * shared / (len(expected) + len(found)) if found else 0.0
        self.initiative[1] += bool(found)
        self.initiative[2] += org_key(gold.initiative) == org_key(record.initiative)
        self.initiative[3] += 1

    def result(self) -> dict:
        out = {"documents": self.documents, "gold": self.gold, "optional_gold": self.optional_gold,
               "system": self.system}
        for name, c in self.counts.items():
            out[name] = prf(c["tp"], c["fp"], c["fn"]) | {
                k: c[k] for k in ("rounded", "duplicates_ignored", "optional_ignored")}
        out["year"] = accuracy(self.year[0], self.year[1]) | {"unscored": self.year[2]}
        out["funding_type"] = accuracy(*self.funding)
        out["org_role"] = accuracy(*self.role)
        words, named, exact, scored = self.initiative
        out["initiative"] = {"scored": scored, "named": named, "exact": exact,
                             "word_f1": round(words / scored, 4) if scored else None}
        out["nonrecord_hits"] = self.nonrecord_hits
        out["conventions"] = self._conventions()
        out |= {"misses": self.misses, "spurious": self.spurious, "year_errors": self.year_errors,
                "funding_type_errors": self.funding_type_errors, "org_role_errors": self.org_role_errors,
                "errors": self.errors}
        return out

    def _conventions(self) -> list[dict]:
        """The record-matching conventions, each with the records it changed: for the amount conventions
        in the record and the amount-only figures, for the organisation ones in the record figures."""
        record, amount = self.counts["record"], self.counts["amount_only"]
        changed = {"within_2_percent": "rounded", "told_again": "duplicates_ignored",
                   "optional_gold": "optional_ignored"}
        out = []
        for name, rule in convention_rules()["records"].items():
            if name in changed:
                counts = {"record": record[changed[name]], "amount_only": amount[changed[name]]}
            elif name == "undated_year_word":
                counts = {"record": self.year[2]}
            else:
                counts = {"record": self.names[name]}
            out.append({"name": name, "changed": counts, "rule": rule})
        return out


def system_candidate(record) -> Candidate:
    if record.amount_krw is not None:
        amount = ("KRW", Decimal(record.amount_krw))
    elif record.amount is not None:
        amount = (record.currency, Decimal(str(record.amount)))
    else:
        amount = None
    return Candidate(amount, _system_names(record) | _bare_names(record),
                     funding_type=record.funding_type, initiative_words=frozenset((record.initiative or "").split()))


def _system_names(record) -> frozenset[str]:
    return frozenset({org_key(record.org), org_key(record.org_mention)} - {None})


def _bare_names(record) -> frozenset[str]:
    """A local government named with its parent (대전광역시 유성구, 대전 유성구) also by its own name (유성구),
    as gold often names it."""
    if record.org_type != "local_gov":
        return frozenset()
    return frozenset(name.split()[-1] for name in (record.org, record.org_mention) if name and name.strip())


def _name_convention(gold: GoldRecord, record) -> str | None:
    """The organisation-name convention a matched pair needed, or None when the names are the same."""
    names = {record.org, record.org_mention} - {None}
    if gold.org in names:
        return None
    if org_key(gold.org) in _system_names(record):
        return "spaces_ignored"
    if {org_key(n) for n in (*gold.org_aliases, gold.recipient)} & _system_names(record):
        return "aliases_and_recipient"
    return "bare_local_government"


def _gold_amount(gold: GoldRecord) -> tuple[str, Decimal] | None:
    if gold.amount_krw is not None:
        return ("KRW", Decimal(gold.amount_krw))
    parsed = parse_money(gold.amount_text)
    return (gold.currency, parsed[0]) if parsed else None


def _nonrecord_amount(nonrecord: dict) -> tuple[str, Decimal] | None:
    parsed = parse_money(nonrecord.get("amount_text") or "")
    return (parsed[1], parsed[0]) if parsed else None


# --- reading ---------------------------------------------------------------------------------------------

def _read_directory(directory: Path) -> RecordGold:
    for name in ("docs.jsonl", "gold.jsonl"):
        if not (directory / name).is_file():
            raise RecordGoldError(f"{directory}: no {name}")
    documents = []
    for source, row in _jsonl(directory / "docs.jsonl"):
        if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
            raise RecordGoldError(f"{source}: a document needs a string id and text")
        documents.append(row)
    known = {d["id"] for d in documents}
    corpus = RecordGold(documents)
    for source, row in _jsonl(directory / "gold.jsonl"):
        record = _gold_record(row, source)
        if record.doc_id not in known:
            raise RecordGoldError(f"{source}: doc_id {record.doc_id!r} is not in docs.jsonl")
        corpus.gold.setdefault(record.doc_id, []).append(record)
    if (directory / "nonrecords.jsonl").is_file():
        for _, row in _jsonl(directory / "nonrecords.jsonl"):
            corpus.nonrecords.setdefault(row.get("doc_id"), []).append(row)
    return corpus


def _read_seed(path: Path, published) -> RecordGold:
    """The seed form: expected records carry org/org_mention/amount/year/year_mention only."""
    text_path = path.with_name(path.name[: -len(SEED_SUFFIX)] + ".txt") if path.name.endswith(SEED_SUFFIX) else path
    expected = _seed_expected(text_path)
    for needed in (text_path, expected):
        if not needed.is_file():
            raise RecordGoldError(f"{needed}: missing (the seed form is NAME.txt beside NAME{SEED_SUFFIX})")
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RecordGoldError(f"{text_path}: cannot read: {error}") from None
    doc_id = text_path.stem
    records = []
    for source, row in _jsonl(expected):
        row = {"doc_id": doc_id, "org_aliases": [row["org_mention"]] if row.get("org_mention") else [],
               "year_text": row.get("year_mention")} | row
        row.pop("org_mention", None)
        row.pop("year_mention", None)
        records.append(_gold_record(row, source))
    document = {"id": doc_id, "url": None, "published": published, "title": None, "text": text}
    return RecordGold([document], {doc_id: records})


def _seed_expected(text_path: Path) -> Path:
    return text_path.with_name(text_path.stem + SEED_SUFFIX)


def _gold_record(row: dict, source: str) -> GoldRecord:
    amount_text, amount_krw = row.get("amount_text"), row.get("amount_krw")
    if not isinstance(row.get("doc_id"), str) or not isinstance(amount_text, str):
        raise RecordGoldError(f"{source}: a gold record needs a string doc_id and amount_text")
    if amount_krw is not None and (not isinstance(amount_krw, int) or isinstance(amount_krw, bool)):
        raise RecordGoldError(f"{source}: amount_krw must be an integer or null, not {amount_krw!r}")
    aliases = row.get("org_aliases") or []
    if not isinstance(aliases, list):
        raise RecordGoldError(f"{source}: org_aliases must be a list")
    return GoldRecord(
        doc_id=row["doc_id"], amount_text=amount_text, amount_krw=amount_krw, currency=row.get("currency") or "KRW",
        org=row.get("org"), org_aliases=[a for a in aliases if isinstance(a, str)], recipient=row.get("recipient"),
        org_role=row.get("org_role"), initiative=row.get("initiative"),
        year=row.get("year"), year_start=row.get("year_start"), year_end=row.get("year_end"),
        year_text=row.get("year_text"), funding_type=row.get("funding_type"), sentence=row.get("sentence"),
        optional=bool(row.get("optional")), source=source, money=row.get("money"),
    )


def _jsonl(path: Path):
    """(path:line, object) for each non-blank line; RecordGoldError names the first bad one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise RecordGoldError(f"{path}: cannot read: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise RecordGoldError(f"{path}:{number}: not JSON: {error.msg}") from None
        if not isinstance(row, dict):
            raise RecordGoldError(f"{path}:{number}: expected a JSON object")
        yield f"{path}:{number}", row
