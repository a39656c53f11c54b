"""Mention scores against inline-tagged sentences: span precision/recall/F1 per kind, RAW (the corpus'
spans as tagged) and MAPPED (the corpus' conventions translated into ours, see `_mapped_units`)."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ..nlp.characters import clean_text
from .conventions import (
    RANGE_MARKS, conventions, convention_rules, is_money, is_year_word, money_core, org_name_offsets, parse_money,
    strip_particle, year_units,
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
    conventions: Counter = field(default_factory=Counter)  # spans each mapping convention changed
    other_class: Counter = field(default_factory=Counter)  # false alarms inside a gold span of another tag
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    def result(self, with_values: bool, with_overlap: bool) -> dict:
        gold, system = self.tp + self.fn, self.tp + self.fp
        out = prf(self.tp, self.fp, self.fn) | {"gold": gold, "system": system, "ignored_system": self.ignored,
                                                 "false_alarms_in_other_tags": dict(self.other_class.most_common())}
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
            rules = convention_rules()[k]
            entry["conventions"] = [{"name": name, "changed": tally["mapped"].conventions[name], "rule": rule}
                                    for name, rule in rules.items()]
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
    DAT without a year), the spans of every other tag, for organisations the spans of places and
    channels, for years the periods holding years."""
    conv = conventions()
    gold = {k: {"gold": [], "excluded": [], "others": [], "places": [], "periods": [], "channels": []} for k in KINDS}
    for span in spans:
        tag = aliases.get(span.tag, span.tag)
        if tag in conv.place_tags:
            gold["org"]["places"].append(span)
        if tag in conv.channel_tags:
            gold["org"]["channels"].append(span)
        if tag in conv.period_tags and year_units(span.text):
            gold["year"]["periods"].append(span)
        kind = conv.tags.get(tag)
        for k in KINDS:
            if k != kind:
                gold[k]["others"].append(span)
        if kind is not None:
            gold[kind]["gold" if _HOLDS[kind](span.text) else "excluded"].append(span)
    return gold


@dataclass
class _Units:
    gold: list[Unit]
    system: list[Unit]
    others: list[Span]  # gold spans of other tags: ours inside one and matching nothing is a false alarm
    # The mapping convention under which one of ours left unmatched is not counted against us, or None.
    excused: Callable[[Unit], str | None] = lambda unit: None
    changes: Counter = field(default_factory=Counter)  # spans each convention changed before matching


def _units(kind: str, mode: str, gold: dict, system: list[Unit], text: str) -> _Units:
    if mode == "raw":
        return _Units([Unit(s.start, s.end, s.text) for s in gold[kind]["gold"]], system, gold[kind]["others"])
    return _mapped_units(kind, gold[kind], system, text)


def _mapped_units(kind: str, gold: dict, system: list[Unit], text: str) -> _Units:
    """The corpus' conventions translated into ours (data/eval/convention_rules.json names each); every
    rule here is a difference of convention, not of quality. Ours are "excused" (neither right nor wrong)
    only when they match no gold, and never for lying inside a gold span of another tag as such: a 조 inside
    <제14조:NOH>, an amount inside a DAT span, 올해 inside <올해의 차:POH> are false alarms. The spans
    of another tag a rule translates are named exactly: a place or run of places that is ours whole, a
    channel that is ours whole, a year a period names.
    - amount: only the money itself is compared — first digit to currency word — so a gold span with
      a particle (300억원을) or a prefix (약/총 300억원) and ours without it (or the other way) agree;
      a corpus that tags the ends of a range apart has them joined (<1만달러:MNY>~<2만달러:MNY>), or,
      when the lower end is no money by itself (<35만:MNY>~<37만 원:MNY>), its upper end matched by our
      whole range (see `_same_range`); ours on a tagged MNY span without money (<19억:MNY>) are excused.
    - year: each year expression is a unit ("<2013년 3월:DAT>" -> 2013년; our "2020년부터 2024년까지"
      -> 2020년, 2024년; two digits only with a month after them: <96년 8월:DAT> -> 96년); ours are
      excused inside a DAT span that names no year (<5년:DAT>, <96년:DAT>), exactly on a year a period
      span names (<2012년부터 2016년:DUR>), and when they are year words (올해, 지난해) outside every
      gold span (KMOU leaves them untagged).
    - org: a gold span may carry a trailing particle or a leading place (see `_same_org`), and a legal-form
      mark at either end, which is cut (<㈜한빛소재:ORG> -> 한빛소재); a body and its unit tagged apart are
      one when ours spans both (see `_join_body_and_unit`); ours exactly on a span tagged as a channel
      (<MBC:POH> '무한도전', <뉴스1:POH>) are excused; countries tagged ORG (<일본:ORG>)
      are dropped, and ours on them, ours exactly on spans the corpus tags as places (<서울시:LOC>,
      <경상남도:LOC> <양산시:LOC>) and ours on words it leaves untagged by convention (정부, 검찰, 국회;
      also after a place: 한국 정부) are excused.
    """
    changes: Counter = Counter()
    no_kind = list(gold["excluded"])
    if kind == "amount":
        gold_units = _cut([Unit(s.start, s.end, s.text) for s in gold["gold"]], money_core, changes, "money_core")
        joined = _join_ranges(gold_units, text)
        changes["range_joined"] += len(gold_units) - len(joined)
        system_units = _cut(system, money_core, changes, "money_core")
        return _Units(joined, system_units, gold["others"],
                      lambda u: "no_money_span" if _inside_any(u, no_kind) else None, changes)
    if kind == "year":
        gold_units = _split_years([Unit(s.start, s.end, s.text) for s in gold["gold"]], changes)
        system_units = _split_years(system, changes)
        spans = gold["gold"] + gold["excluded"] + gold["others"]
        period_years = {(p.start + s, p.start + e) for p in gold["periods"] for s, e in year_units(p.text)}
        return _Units(gold_units, system_units, gold["others"], lambda u: (
            "no_year_span" if _inside_any(u, no_kind) else
            "period_years" if (u.start, u.end) in period_years else
            "untagged_year_words" if is_year_word(u.text) and not _inside_any(u, spans) else None), changes)
    dropped = [s for s in gold["gold"] if _is_country(s.text)]
    changes["countries"] += len(dropped)
    kept = [Unit(s.start, s.end, s.text) for s in gold["gold"] if s not in dropped]
    gold_units = _cut(kept, org_name_offsets, changes, "legal_marks")
    joined = _join_body_and_unit(gold_units, system, text)
    changes["body_and_unit"] += len(gold_units) - len(joined)
    untagged = conventions().untagged_orgs
    channels = {(s.start, s.end) for s in gold["channels"]}
    return _Units(joined, list(system), gold["others"], lambda u: (
        "countries" if _inside_any(u, no_kind + dropped) else
        "places" if _on_places(u, gold["places"], text) else
        "channels" if (u.start, u.end) in channels else
        "untagged_institutions" if _without_place(u, u.end - len(u.text.split(" ")[-1])).text in untagged
        else None), changes)


def _is_country(text: str) -> bool:
    """A country, or one followed by a particle (<일본은:ORG>); not a one-letter abbreviation with a
    particle: <한은:ORG> is the Bank of Korea."""
    countries = conventions().countries
    bare = strip_particle(text)
    return text in countries or (bare in countries and len(bare) > 1)


def _on_places(unit: Unit, places: list[Span], text: str) -> bool:
    """Whether `unit` is exactly one place span or a run of them one space apart (경상남도 양산시)."""
    inside = sorted((p for p in places if unit.overlaps(p.start, p.end)), key=lambda p: p.start)
    if not inside or (inside[0].start, inside[-1].end) != (unit.start, unit.end):
        return False
    return all(text[a.end:b.start] == " " for a, b in zip(inside, inside[1:]))


def _cut(units: list[Unit], core, changes: Counter, name: str) -> list[Unit]:
    cut = [_core(u, core) for u in units]
    changes[name] += sum((c.start, c.end) != (u.start, u.end) for c, u in zip(cut, units))
    return cut


def _split_years(units: list[Unit], changes: Counter) -> list[Unit]:
    split = []
    for unit in units:
        parts = _year_units(unit)
        changes["year_units"] += [(p.start, p.end) for p in parts] != [(unit.start, unit.end)]
        split += parts
    return split


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


def _same(kind: str, gold: Unit, system: Unit, mapped: bool) -> tuple[str, ...] | None:
    """None when the two are different spans; else the mapping conventions that made them one (none
    when they are the same span)."""
    if (gold.start, gold.end) == (system.start, system.end):
        return ()
    if not mapped:
        return None
    if kind == "org":
        return _same_org(gold, system)
    return ("range_upper_end",) if kind == "amount" and _same_range(gold, system) else None


def _same_org(a: Unit, b: Unit) -> tuple[str, ...] | None:
    """Same start, and the longer one differs by a trailing particle (<현대건설이:ORG> ~ 현대건설); a place
    and a space before one of them do not count (<일본 소프트뱅크:ORG> ~ 소프트뱅크). The conventions
    used, or None."""
    placed_a, placed_b = _without_place(a, b.start), _without_place(b, a.start)
    if placed_a.start != placed_b.start:
        return None
    place = ("place_prefix",) if (placed_a.start, placed_b.start) != (a.start, b.start) else ()
    longer, shorter = (placed_a, placed_b) if placed_a.end > placed_b.end else (placed_b, placed_a)
    if longer.end == shorter.end:
        return place
    return place + ("particle",) if longer.text[len(shorter.text):] in conventions().particles else None


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
    tally.conventions.update(units.changes)
    unmatched = list(units.system)
    for gold in units.gold:
        tally.gold_overlapped += any(s.overlaps(gold.start, gold.end) for s in units.system)
        match, used = next(((s, used) for s in unmatched if (used := _same(kind, gold, s, mapped)) is not None),
                           (None, ()))
        if match is None:
            tally.fn += 1
            tally.misses.append(_example(sentence, gold))
            continue
        unmatched.remove(match)
        tally.tp += 1
        tally.conventions.update(used)
        if kind == "amount":
            _compare_value(gold, match, tally)
    excuses = {s: units.excused(s) for s in unmatched}
    excused = [s for s in unmatched if excuses[s]]
    wrong = [s for s in unmatched if not excuses[s]]
    tally.conventions.update(excuses[s] for s in excused)
    tally.ignored += len(excused)
    tally.fp += len(wrong)
    tally.false_alarms.extend(_example(sentence, s) for s in wrong)
    tally.other_class.update(span.tag for s in wrong for span in units.others
                             if span.start <= s.start and s.end <= span.end)
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
