"""`krnews eval GOLD...`: extraction quality against gold — mention spans against inline-tagged sentences,
initiative records against annotated articles (the kind of gold is told by its form)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ..evaluate import KINDS, evaluate_initiatives, evaluate_mentions, evaluate_records, is_record_gold, parse_tag_map
from ..evaluate.report import initiatives_report, mentions_report, records_report, trimmed
from . import date_arg, whole_number

# A broken extractor fails on every sentence: name the first failures, count the rest.
MAX_FAILURE_LINES = 20


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "eval",
        help="score extraction against gold: tagged NER sentences, annotated initiative records, or initiatives",
        description="Score extraction against gold. GOLD is a file of inline-tagged sentences "
                    "(<300억원:MNY>, KMOU or HCLT format) or record gold: a directory with docs.jsonl + "
                    "gold.jsonl (or one of those files), or an article NAME.txt beside NAME.expected.jsonl. "
                    "--kind initiatives consolidates all the documents of record gold whose records carry a "
                    "`money` key and prints merging (articles' shared money in one initiative) and separation "
                    "(other money of an equal amount kept apart).",
    )
    parser.add_argument("gold", nargs="+", metavar="GOLD", help="tagged sentence file or record gold")
    parser.add_argument("--kind", choices=(*KINDS, "record", "initiatives"),
                        help="what to score (default: amount, year and org for tagged files; record for record gold; "
                             "initiatives: consolidation of record gold with `money` keys)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", type=date_arg,
                        help="publication date for inputs that state none (seed articles, sentences)")
    parser.add_argument("--show-errors", "--show", dest="show", metavar="N", type=whole_number(0), default=0,
                        help="print N misses and N false alarms with their sentences")
    parser.add_argument("--tag-map", metavar="TAG=OURS,...",
                        help="corpus tag names onto MNY/ORG/DAT (e.g. QT=MNY,OG=ORG,DT=DAT for KLUE)")
    parser.add_argument("--min-f1", metavar="X", type=float,
                        help="exit 1 when the record F1 (or the mapped span F1 of any kind) is below X")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    return parser


def run(args) -> int:
    # Gold sets hold undated documents on purpose: their relative years are scored, not warned about.
    years_log = logging.getLogger("krnews.years")
    level = years_log.level
    years_log.setLevel(logging.ERROR)
    try:
        return _run(args)
    finally:
        years_log.setLevel(level)


def _run(args) -> int:
    try:
        tag_map = parse_tag_map(args.tag_map)
    except ValueError as error:
        print(f"krnews eval: {error}", file=sys.stderr)
        return 2
    failures: list[str] = []
    record_paths, tagged_paths = [], []
    for path in args.gold:
        if not Path(path).exists():
            failures.append(f"{path}: no such file or directory")
        elif is_record_gold(path):
            if args.kind in (None, "record", "initiatives"):
                record_paths.append(path)
            else:
                failures.append(f"{path}: record gold cannot be scored as --kind {args.kind}")
        elif args.kind in ("record", "initiatives"):
            failures.append(f"{path}: not record gold (a directory with docs.jsonl and gold.jsonl, or NAME.txt "
                            "beside NAME.expected.jsonl)")
        else:
            tagged_paths.append(path)
    published = args.published.isoformat() if args.published else None
    results: dict[str, dict] = {}
    if record_paths and args.kind == "initiatives":
        results["initiatives"] = evaluate_initiatives(record_paths, published=published)
    elif record_paths:
        results["records"] = evaluate_records(record_paths, published=published)
    if tagged_paths:
        results["mentions"] = evaluate_mentions(tagged_paths, kind=args.kind, tag_map=tag_map, published=published)
    for result in results.values():
        failures += result["errors"]
    for failure in failures[:MAX_FAILURE_LINES]:
        print(f"krnews eval: {failure}", file=sys.stderr)
    if len(failures) > MAX_FAILURE_LINES:
        print(f"krnews eval: … and {len(failures) - MAX_FAILURE_LINES} more failures", file=sys.stderr)
    if args.json:
        print(json.dumps({name: trimmed(result, args.show, MAX_FAILURE_LINES) for name, result in results.items()},
                         ensure_ascii=False, indent=2, default=str))
    else:
        reports = {"records": records_report, "mentions": mentions_report, "initiatives": initiatives_report}
        print("\n\n".join(reports[name](result, args.show) for name, result in results.items()))
    below = _below_min_f1(results, args.min_f1, args.kind)
    for message in below:
        print(f"krnews eval: {message}", file=sys.stderr)
    return 1 if failures or below else 0


def _below_min_f1(results: dict, minimum: float | None, kind: str | None) -> list[str]:
    """The main F1 figures under the bar: record F1, and the mapped span F1 of each mention kind (a kind
    asked for by --kind that the gold does not tag fails: a gate must not pass on nothing)."""
    if minimum is None:
        return []
    figures = []
    if "records" in results:
        figures.append(("record F1", results["records"]["record"]["f1"]))
    mentions = results.get("mentions", {})
    for kind, entry in mentions.get("kinds", {}).items():
        figures.append((f"{kind} span F1 (mapped)", entry["mapped"]["f1"]))
    figures += [(f"{k} span F1", None) for k in mentions.get("unscored_kinds", []) if k == kind]
    return [f"{name} {_shown(f1)} is below --min-f1 {minimum}" for name, f1 in figures if f1 is None or f1 < minimum]


def _shown(value) -> str:
    return "undefined (nothing to score)" if value is None else f"{value:.4f}"
