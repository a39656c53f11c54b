"""Mention scores against inline-tagged sentences: span precision/recall/F1 per kind, RAW (the corpus'
spans as tagged) and MAPPED (the corpus' conventions translated into ours, see `_mapped_units`)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ..nlp.characters import clean_text
from .conventions import (
    RANGE_MARKS, conventions, is_money, is_year_word, money_core, org_name_offsets, parse_money, strip_particle,
    year_units,
)
from .extractor import default_extract
from .metrics import accuracy, prf, ratio
from .tagged import Span, TaggedFileError, TaggedSentence, read_inline_tagged

KINDS = ("amount", "year", "org")
# Whether a span of the kind's tag is of that kind: MNY must be money, DAT must name a year.
_HOLDS = {"amount": is_money, "year": lambda text: bool(year_units(text)), "org": lambda text: True}


@dataclass(eq=False)
class Unit:
    """One thing to match: a span of the sentence (and the system mention it came from)."""

    start: int
    end: int
    text: str
    mention: object = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    gold_overlapped: int = 0  # gold units that some system unit overlaps
    system_overlapping: int = 0  # system units that overlap some gold unit
    value_correct: int = 0
    value_compared: int = 0
    value_unparsed: int = 0
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    def result(self, with_values: bool, with_overlap: bool) -> dict:
        gold, system = self.tp + self.fn, self.tp + self.fp
        out = prf(self.tp, self.fp, self.fn) | {"gold": gold, "system": system, "ignored_system": self.ignored}
        if with_overlap:  # lenient: any overlap counts, for telling boundary errors from misses
            p, r = ratio(self.system_overlapping, system), ratio(self.gold_overlapped, gold)
            out["overlap"] = {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4) if p and r else 0.0}
        if with_values:
            out["value"] = accuracy(self.value_correct, self.value_compared) | {"unparsed_gold": self.value_unparsed}
        return out


def evaluate_mentions(paths, kind: str | None = None, extract_fn=None, tag_map=None, published=None) -> dict:
    """Span scores of `extract_fn` (default krnews.extract) on tagged sentence files, each sentence its own
    document. `kind`: one of amount/year/org (default all); `tag_map`: {"OG": "ORG", ...} or "OG=ORG,…".
    A kind is scored only on files that use its tag at all (HCLT has no money tag)."""
    extract_fn = extract_fn or default_extract()
    kinds = [kind] if kind else list(KINDS)
    if any(k not in KINDS for k in kinds):
        raise ValueError(f"unknown mention kind {kind!r} (expected one of {', '.join(KINDS)})")
    aliases = conventions().tag_aliases | parse_tag_map(tag_map)
    tag_of = {k: tag for tag, k in conventions().tags.items()}
    score = _MentionScore(kinds)
    for path in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        try:
            tagged = read_inline_tagged(path)
        except TaggedFileError as error:
            score.errors.append(str(error))
            continue
        used = {aliases.get(span.tag, span.tag) for sentence in tagged for span in sentence.spans}
        file_kinds = [k for k in kinds if tag_of[k] in used]
        score.tagged.update(file_kinds)
        for sentence in tagged:
            try:
                system = _system_mentions(sentence.text, extract_fn, published)
            except Exception as error:  # one sentence the extractor cannot take must not stop the run
                score.errors.append(f"{sentence.source}: {type(error).__name__}: {error}")
                continue
            score.add(sentence, _gold_by_kind(sentence.spans, aliases), system, file_kinds)
    return score.result()


class _MentionScore:
    def __init__(self, kinds: list[str]):
        self.kinds = kinds
        self.tallies = {k: {mode: _Tally() for mode in ("raw", "mapped")} for k in kinds}
        self.money_tallies = {mode: _Tally() for mode in ("raw", "mapped")}  # organisations where money is
        self.sentences = {k: 0 for k in kinds}
        self.tagged: set[str] = set()  # kinds some gold file tags
        self.read = self.money_sentences = 0
        self.excluded = {k: 0 for k in kinds}
        self.errors: list[str] = []

    def add(self, sentence: TaggedSentence, gold: dict, system: dict, kinds: list[str]) -> None:
        self.read += 1
        has_money = "org" in kinds and is_money(sentence.text)
        self.money_sentences += has_money
        for k in kinds:
            self.sentences[k] += 1
            self.excluded[k] += len(gold[k]["excluded"])
            for mode in ("raw", "mapped"):
                units = _units(k, mode, gold, system.get(k, []), sentence.text)
                _score(k, units, sentence, self.tallies[k][mode], mode == "mapped")
                if k == "org" and has_money:
                    _score(k, units, sentence, self.money_tallies[mode], mode == "mapped")

    def result(self) -> dict:
        result = {"sentences": self.read, "errors": self.errors, "kinds": {},
                  "unscored_kinds": [k for k in self.kinds if k not in self.tagged]}
        for k in self.kinds:
            if k not in self.tagged:
                continue
            tally = self.tallies[k]
            entry = {"sentences": self.sentences[k]}
            entry |= {mode: tally[mode].result(k == "amount", mode == "mapped") for mode in ("raw", "mapped")}
            entry |= {"excluded_gold": self.excluded[k], "misses": tally["mapped"].misses,
                      "false_alarms": tally["mapped"].false_alarms}
            if k == "org":
                entry["money_sentences"] = {"sentences": self.money_sentences} | {
                    mode: self.money_tallies[mode].result(False, False) for mode in ("raw", "mapped")}
            result["kinds"][k] = entry
        return result


def parse_tag_map(tag_map) -> dict[str, str]:
    """{"OG": "ORG"} from "OG=ORG,DT=DAT" (or the dict itself); ValueError names a malformed pair."""
    if not tag_map:
        return {}
    if isinstance(tag_map, dict):
        return dict(tag_map)
    pairs = {}
    for item in str(tag_map).split(","):
        name, sep, target = item.partition("=")
        if not sep or not name.strip() or not target.strip():
            raise ValueError(f"bad --tag-map entry {item!r} (expected CORPUS=OURS, e.g. OG=ORG)")
        pairs[name.strip()] = target.strip()
    return pairs


def _system_mentions(text: str, extract_fn, published) -> dict[str, list]:
    document = extract_fn(text, published=published, is_html=False)
    shift = _alignment(text, document.article.text)
    found: dict[str, list] = {}
    for mention in document.mentions:
        found.setdefault(mention.kind, []).append(
            Unit(mention.start + shift, mention.end + shift, mention.text, mention))
    return found


def _alignment(sentence: str, article_text: str) -> int:
    """Offset of the extractor's text inside the sentence (it may strip the edges, and replace characters
    one for one: full-width forms, NFC)."""
    if article_text == sentence:
        return 0
    cleaned = clean_text(sentence)
    shift = sentence.find(article_text)
    if shift < 0 and len(cleaned) == len(sentence):
        shift = cleaned.find(article_text)
    if shift < 0 or not article_text:
        raise ValueError("the extractor changed the sentence text; mention offsets cannot be aligned")
    return shift


def _gold_by_kind(spans: list[Span], aliases: dict[str, str]) -> dict[str, dict[str, list[Span]]]:
    """Per kind: the gold spans, the spans of that tag which are not of that kind (MNY without money,
    DAT without a year), for organisations the spans of places and channels, for years the periods holding
    years."""
    conv = conventions()
    gold = {k: {"gold": [], "excluded": [], "places": [], "periods": [], "channels": []} for k in KINDS}
    for span in spans:
        tag = aliases.get(span.tag, span.tag)
        if tag in conv.place_tags:
            gold["org"]["places"].append(span)
        if tag in conv.channel_tags:
            gold["org"]["channels"].append(span)
        if tag in conv.period_tags and year_units(span.text):
            gold["year"]["periods"].append(span)
        kind = conv.tags.get(tag)
        if kind is None:
            continue
        gold[kind]["gold" if _HOLDS[kind](span.text) else "excluded"].append(span)
    return gold


@dataclass
class _Units:
    gold: list[Unit]
    system: list[Unit]
    excused: Callable[[Unit], bool] = lambda unit: False  # ours left unmatched but not counted against us


def _units(kind: str, mode: str, gold: dict, system: list[Unit], text: str) -> _Units:
    if mode == "raw":
        return _Units([Unit(s.start, s.end, s.text) for s in gold[kind]["gold"]], system)
    return _mapped_units(kind, gold[kind], system, text)


def _mapped_units(kind: str, gold: dict, system: list[Unit], text: str) -> _Units:
    """The corpus' conventions translated into ours; every rule here is a difference of convention, not
    of quality. Ours are "excused" (neither right nor wrong) only when they match no gold.
    - amount: only the money itself is compared — first digit to currency word — so a gold span with
      a particle (300억원을) or a prefix (약/총 300억원) and ours without it (or the other way) agree;
      a corpus that tags the ends of a range apart has them joined (<1만달러:MNY>~<2만달러:MNY>), or,
      when the lower end is no money by itself (<35만:MNY>~<37만 원:MNY>), its upper end matched by our
      whole range (see `_same_range`); ours on a tagged MNY span without money (<19억:MNY>) are excused.
    - year: each year expression is a unit ("<2013년 3월:DAT>" -> 2013년; our "2020년부터 2024년까지"
      -> 2020년, 2024년; two digits only with a month after them: <96년 8월:DAT> -> 96년); ours are
      excused inside a DAT span that names no year (<5년:DAT>, <96년:DAT>), inside a period span that
      holds years (<2012년부터 2016년:DUR>), and when they are year words (올해, 지난해) where the
      corpus tagged nothing (KMOU leaves them untagged).
    - org: a gold span may carry a trailing particle or a leading place (see `_same_org`), and a legal-form
      mark at either end, which is cut (<㈜한빛소재:ORG> -> 한빛소재); a body and its unit tagged apart are
      one when ours spans both (see `_join_body_and_unit`); ours exactly on a span tagged as a channel
      (<MBC:POH> '무한도전', <뉴스1:POH>) are excused; countries tagged ORG (<일본:ORG>)
      are dropped, and ours on spans the corpus tags as places (<서울시:LOC>) or on words it leaves
      untagged by convention (정부, 검찰, 국회; also after a place: 한국 정부) are excused.
    """
    regions = list(gold["excluded"])
    if kind == "amount":
        gold_units = _join_ranges([_core(Unit(s.start, s.end, s.text), money_core) for s in gold["gold"]], text)
        system_units = [_core(u, money_core) for u in system]
        return _Units(gold_units, system_units, lambda u: _inside_any(u, regions))
    if kind == "year":
        gold_units = [u for s in gold["gold"] for u in _year_units(Unit(s.start, s.end, s.text))]
        system_units = [u for m in system for u in _year_units(m)]
        tagged = gold["gold"] + gold["excluded"]
        regions += gold["periods"]
        return _Units(gold_units, system_units, lambda u: _inside_any(u, regions) or (
            is_year_word(u.text) and not _inside_any(u, tagged)))
    countries = conventions().countries
    dropped = [s for s in gold["gold"] if s.text in countries or strip_particle(s.text) in countries]
    gold_units = [_core(Unit(s.start, s.end, s.text), org_name_offsets) for s in gold["gold"] if s not in dropped]
    regions += dropped + gold["places"]
    untagged = conventions().untagged_orgs
    gold_units = _join_body_and_unit(gold_units, system, text)
    channels = {(s.start, s.end) for s in gold["channels"]}
    return _Units(gold_units, list(system), lambda u: _inside_any(u, regions) or (u.start, u.end) in channels
                  or _without_place(u, u.end - len(u.text.split(" ")[-1])).text in untagged)


def _join_body_and_unit(units: list[Unit], system: list[Unit], text: str) -> list[Unit]:
    """Two gold organisations one space apart that one of ours spans whole become one: HCLT tags a body and
    its unit apart (<수원지법:OG> <제3형사부:OG>) where krnews, like KMOU, names the unit by both."""
    whole = {(u.start, u.end) for u in system}
    joined: list[Unit] = []
    for unit in sorted(units, key=lambda u: u.start):
        previous = joined[-1] if joined else None
        if previous and text[previous.end:unit.start] == " " and (previous.start, unit.end) in whole:
            joined[-1] = Unit(previous.start, unit.end, text[previous.start:unit.end])
        else:
            joined.append(unit)
    return joined


def _join_ranges(units: list[Unit], text: str) -> list[Unit]:
    """Gold amounts only a range mark apart become one range, as we write them."""
    joined: list[Unit] = []
    for unit in sorted(units, key=lambda u: u.start):
        previous = joined[-1] if joined else None
        if previous and text[previous.end:unit.start].strip() in RANGE_MARKS:
            joined[-1] = Unit(previous.start, unit.end, text[previous.start:unit.end])
        else:
            joined.append(unit)
    return joined


def _inside_any(unit: Unit, spans: list[Span]) -> bool:
    return any(unit.overlaps(span.start, span.end) for span in spans)


def _core(unit: Unit, core) -> Unit:
    offsets = core(unit.text)
    if offsets is None:
        return unit
    start, end = offsets
    return Unit(unit.start + start, unit.start + end, unit.text[start:end], unit.mention)


def _year_units(unit: Unit) -> list[Unit]:
    found = [Unit(unit.start + s, unit.start + e, unit.text[s:e], unit.mention) for s, e in year_units(unit.text)]
    return found or [unit]


def _same(kind: str, gold: Unit, system: Unit, mapped: bool) -> bool:
    if (gold.start, gold.end) == (system.start, system.end):
        return True
    if not mapped:
        return False
    return _same_org(gold, system) if kind == "org" else kind == "amount" and _same_range(gold, system)


def _same_org(a: Unit, b: Unit) -> bool:
    """Same start, and the longer one differs by a trailing particle (<현대건설이:ORG> ~ 현대건설); a place
    and a space before one of them do not count (<일본 소프트뱅크:ORG> ~ 소프트뱅크)."""
    a, b = _without_place(a, b.start), _without_place(b, a.start)
    if a.start != b.start:
        return False
    longer, shorter = (a, b) if a.end > b.end else (b, a)
    return longer.end == shorter.end or longer.text[len(shorter.text):] in conventions().particles


def _without_place(unit: Unit, start: int) -> Unit:
    """`unit` from `start` on when all it holds before is a place and a space; else `unit`."""
    place = unit.text[: start - unit.start]
    if start > unit.start and place.endswith(" ") and place[:-1] in conventions().place_prefixes:
        return Unit(start, unit.end, unit.text[len(place):])
    return unit


def _same_range(a: Unit, b: Unit) -> bool:
    """Same end, and the longer one is a range whose upper end is the shorter (35만~[37만 원])."""
    if a.end != b.end:
        return False
    longer, shorter = (a, b) if a.start < b.start else (b, a)
    return longer.text[: shorter.start - longer.start].rstrip().endswith(RANGE_MARKS)


def _score(kind: str, units: _Units, sentence: TaggedSentence, tally: _Tally, mapped: bool) -> None:
    unmatched = list(units.system)
    for gold in units.gold:
        tally.gold_overlapped += any(s.overlaps(gold.start, gold.end) for s in units.system)
        match = next((s for s in unmatched if _same(kind, gold, s, mapped)), None)
        if match is None:
            tally.fn += 1
            tally.misses.append(_example(sentence, gold))
            continue
        unmatched.remove(match)
        tally.tp += 1
        if kind == "amount":
            _compare_value(gold, match, tally)
    excused = [s for s in unmatched if units.excused(s)]
    wrong = [s for s in unmatched if s not in excused]
    tally.ignored += len(excused)
    tally.fp += len(wrong)
    tally.false_alarms.extend(_example(sentence, s) for s in wrong)
    tally.system_overlapping += sum(any(s.overlaps(g.start, g.end) for g in units.gold)
                                    for s in units.system if s not in excused)


def _compare_value(gold: Unit, system: Unit, tally: _Tally) -> None:
    """Our value (won for KRW, else the value in its currency) against the scorer's own parse of the gold."""
    parsed = parse_money(gold.text)
    if parsed is None:
        tally.value_unparsed += 1
        return
    value, currency = parsed
    mention = system.mention
    tally.value_compared += 1
    if mention.currency != currency:
        ours = None
    elif currency == "KRW" and mention.value_krw is not None and value == value.to_integral_value():
        ours = mention.value_krw  # value_krw is whole won: a fractional won (환율 1175.9원) is checked by value
    else:  # another currency, or won the extractor left without value_krw (approximate): its value
        ours = mention.value
    tally.value_correct += ours is not None and Decimal(str(ours)) == value


def _example(sentence: TaggedSentence, unit: Unit) -> dict:
    return {"source": sentence.source, "text": unit.text, "start": unit.start, "end": unit.end,
            "sentence": sentence.text}
