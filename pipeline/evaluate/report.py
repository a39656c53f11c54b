"""Plain-text reports of evaluation results (the dicts of evaluate_records / evaluate_mentions)."""
from __future__ import annotations

EXAMPLE_LISTS = ("merging_pairs", "separation_pairs", "misses", "false_alarms", "spurious", "year_errors", "funding_type_errors", "org_role_errors")
_CONTEXT = 60  # characters of sentence shown either side of a span


def trimmed(result: dict, show: int, max_errors: int) -> dict:
    """The result without its example lists, or with the first `show` of each, and at most `max_errors`
    errors (for --json)."""
    out = {}
    for key, value in result.items():
        if isinstance(value, dict):
            out[key] = trimmed(value, show, max_errors)
        elif key == "errors":
            out[key] = value[:max_errors]
            out["error_count"] = len(value)
        elif key in EXAMPLE_LISTS:
            if show:
                out[key] = value[:show]
        else:
            out[key] = value
    return out


def records_report(result: dict, show: int = 0) -> str:
    lines = [f"records: {result['documents']} documents, {result['gold']} gold records "
             f"(+{result['optional_gold']} optional), {result['system']} system records"]
    for name, label in (("record", "record"), ("amount_only", "amount only")):
        r = result[name]
        lines.append(f"  {label:<13}{_prf(r)}   TP {r['tp']}  FP {r['fp']}  FN {r['fn']}")
    year, funding, role = result["year"], result["funding_type"], result["org_role"]
    lines.append(f"  {'year':<13}accuracy {_num(year['accuracy'])} ({year['correct']}/{year['scored']} matched records"
                 f"; {year['unscored']} with an unresolvable year word not scored)")
    lines.append(f"  {'funding type':<13}accuracy {_num(funding['accuracy'])} ({funding['correct']}/{funding['scored']})")
    lines.append(f"  {'org role':<13}accuracy {_num(role['accuracy'])} ({role['correct']}/{role['scored']} matched records"
                 f" whose organisation has a role in the gold)")
    initiative = result["initiative"]
    lines.append(f"  {'initiative':<13}word F1 {_num(initiative['word_f1'])} ({initiative['named']}/{initiative['scored']} "
                 f"matched records named, {initiative['exact']} exactly as the gold)")
    lines.append(f"  nonrecord hits: {result['nonrecord_hits']} system records on money the gold lists as not a record")
    lines.append("  matching conventions (records changed: record figures / amount only):")
    lines += _conventions(result["conventions"])
    if show:
        lines += _examples("missed gold records", result["misses"], show, _record_line)
        lines += _examples("spurious system records", result["spurious"], show, _record_line)
        lines += _examples("year errors (gold vs system: year, year_start, year_end)", result["year_errors"], show,
                           lambda e: f"  {e['doc_id']}  {e['amount_text']}  {e['gold']} vs {e['system']}"
                                     f"  ({e['year_text']})\n      {e['sentence']}")
    return "\n".join(lines)


def initiatives_report(result: dict, show: int = 0) -> str:
    merging, separation = result["merging"], result["separation"]
    lines = [f"initiatives: {result['documents']} documents consolidated together, "
             f"{result['gold_money_matched']} gold records matched",
             f"  merging     {_num(merging['ratio'])}  ({merging['hits']}/{merging['pairs']} pairs of articles whose "
             "shared money lands in one initiative)",
             f"  separation  {_num(separation['ratio'])}  ({separation['hits']}/{separation['pairs']} pairs of other money "
             "of an equal amount (within 2%) kept apart)"]
    by_story: dict = {}
    for pair in result["merging_pairs"]:
        hits, total = by_story.get(pair["story"], (0, 0))
        by_story[pair["story"]] = (hits + pair["merged"], total + 1)
    if any(story is not None for story in by_story):
        lines.append("  merging by story: " + "  ".join(
            f"{story} {hits}/{total}" for story, (hits, total) in sorted(by_story.items(), key=lambda i: str(i[0]))))
    if show:
        lines += _examples("pairs not merged", [p for p in result["merging_pairs"] if not p["merged"]], show,
                           lambda p: f"  {p['money']}: {p['a']} / {p['b']}")
        lines += _examples("other money merged", [p for p in result["separation_pairs"] if not p["kept_apart"]], show,
                           lambda p: f"  {p['a']['money']} ({p['a']['doc_id']}, {p['a']['org']} {p['a']['amount_text']}) / "
                                     f"{p['b']['money']} ({p['b']['doc_id']}, {p['b']['org']} {p['b']['amount_text']})")
    return "\n".join(lines)


def mentions_report(result: dict, show: int = 0) -> str:
    """Per kind one line: the raw figures (the corpus' spans as tagged) and the mapped ones beside them,
    then the conventions the mapped figures applied, each with the spans it changed."""
    lines = [f"mentions: {result['sentences']} sentences"]
    lines += [f"{kind}: the gold has no tag for it; not scored" for kind in result["unscored_kinds"]]
    if result["kinds"]:
        lines.append(f"{'':<8}{'raw':<{len(_SPAN_HEADER)}} | mapped")
        lines.append(f"{'kind':<8}{_SPAN_HEADER} | {_SPAN_HEADER}  not counted")
    for kind, entry in result["kinds"].items():
        raw, mapped = entry["raw"], entry["mapped"]
        lines.append(f"{kind:<8}{_spans(raw)} | {_spans(mapped)}  {mapped['ignored_system']:>6}")
        if "value" in raw:
            lines.append(f"  exact value of matched money: raw {_accuracy(raw['value'])};  "
                         f"mapped {_accuracy(mapped['value'])}")
        lines.append(f"  any overlap (mapped): {_prf(mapped['overlap'])}")
        if entry["excluded_gold"]:
            lines.append(f"  {entry['excluded_gold']} gold spans of this tag hold no {_HELD[kind]}: not gold for "
                         f"{kind} in raw or mapped ({entry['sentences']} sentences scored)")
        inside = mapped["false_alarms_in_other_tags"]
        if inside:
            lines.append(f"  false alarms inside a gold span of another tag (counted as false alarms): "
                         + ", ".join(f"{tag} {count}" for tag, count in inside.items()))
        if "money_sentences" in entry:
            money = entry["money_sentences"]
            lines.append(f"  in the {money['sentences']} sentences with money: "
                         f"raw {_prf(money['raw'])};  mapped {_prf(money['mapped'])}")
        lines.append("  mapping conventions (mapped figures only; spans changed):")
        lines += _conventions(entry["conventions"])
        if show:
            lines += _examples(f"{kind} misses (mapped)", entry["misses"], show, _span_line)
            lines += _examples(f"{kind} false alarms (mapped)", entry["false_alarms"], show, _span_line)
    return "\n".join(lines)


_SPAN_HEADER = f"{'gold':>6}{'system':>7}{'TP':>6}  {'P':<7}{'R':<7}{'F1':<7}"
_HELD = {"amount": "money", "year": "year", "org": "organisation"}


def _spans(r: dict) -> str:
    return f"{r['gold']:>6}{r['system']:>7}{r['tp']:>6}  {_prf(r, bare=True)}"


def _accuracy(r: dict) -> str:
    return f"{_num(r['accuracy'])} ({r['correct']}/{r['scored']})"


def _conventions(conventions: list[dict]) -> list[str]:
    """One line each: name, what it changed (spans; records as record / amount-only figures), rule."""
    def changed(c: dict) -> str:
        return " / ".join(map(str, c["changed"].values())) if isinstance(c["changed"], dict) else str(c["changed"])

    return [f"    {c['name']:<22}{changed(c):>9}  {c['rule']}" for c in conventions]


def _prf(r: dict, bare: bool = False) -> str:
    if bare:
        return f"{_num(r['precision']):<7}{_num(r['recall']):<7}{_num(r['f1']):<7}"
    return f"P {_num(r['precision'])}  R {_num(r['recall'])}  F1 {_num(r['f1'])}"


def _num(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _examples(title: str, items: list, show: int, line) -> list[str]:
    if not items:
        return []
    return [f"{title} (first {min(show, len(items))} of {len(items)}):"] + [line(item) for item in items[:show]]


def _record_line(item: dict) -> str:
    org = item.get("org") or item.get("org_mention")
    why = f"  [listed as not a record: {item['nonrecord']}]" if item.get("nonrecord") else ""
    return f"  {item['doc_id']}  {item['amount_text']}  {org}{why}\n      {item.get('sentence')}"


def _span_line(item: dict) -> str:
    sentence, start, end = item["sentence"], item["start"], item["end"]
    left = sentence[max(0, start - _CONTEXT):start]
    right = sentence[end:end + _CONTEXT]
    return f"  {item['source']}  {item['text']!r}\n      …{left}[[{sentence[start:end]}]]{right}…"
