"""Title, publication date and body of real pages against hand-made gold, per outlet.

    python benchmarks/pages_gold_eval.py [--pages DIR] [--htmldate] [--page-only] [-v]

DIR (default /work/krnews-devset/pages, rebuilt by benchmarks/pages_fetch.py) holds the pages and
gold.jsonl: per page the title, the publication time a reader sees (입력 / 등록 / 송고, KST, to the
minute), the first and last body paragraph, and boilerplate lines that must not be in the body.
A body is right when both paragraphs are in it and no boilerplate line is. --htmldate adds the
date column of htmldate (`find_date(..., extensive_search=True, original_date=True)`) on the same pages;
--page-only adds the date krnews reads from the visible page alone (metadata ignored), the path taken
on pages whose metadata has no date.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from krnews.scrapers import parse_html
from krnews.scrapers.dates import KST
from krnews.scrapers.decoding import decode_html
from krnews.scrapers.pagedates import reader_dates

DEFAULT_PAGES = Path("/work/krnews-devset/pages")
_QUOTES = str.maketrans({"″": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "＂": '"'})


def norm(text: str | None) -> str:
    return " ".join((text or "").translate(_QUOTES).split())


def minute(value) -> str | None:
    return value.astimezone(KST).strftime("%Y-%m-%d %H:%M") if value else None


def score(page: dict, data: bytes) -> dict[str, bool]:
    article = parse_html(data, url=page["url"])
    body = norm(article.text)
    return {
        "title": norm(article.title) == norm(page["title"]),
        "date": minute(article.published_at) == page["published"],
        "first": norm(page["first"]) in body,
        "last": norm(page["last"]) in body,
        "clean": not any(norm(line) in body for line in page["boilerplate"]),
    }


def htmldate_right(page: dict, data: bytes) -> bool:
    from htmldate import find_date  # bench-only comparison
    found = find_date(data.decode("utf-8", "replace"), url=page["url"], extensive_search=True,
                      original_date=True, outputformat="%Y-%m-%d %H:%M")
    return found == page["published"]


def page_only_right(page: dict, data: bytes) -> bool:
    tree = LexborHTMLParser(decode_html(data).text)
    return minute(reader_dates(tree, page["url"]).published) == page["published"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--htmldate", action="store_true", help="also score htmldate's dates")
    parser.add_argument("--page-only", action="store_true", help="also score the date read from the page alone")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per page")
    args = parser.parse_args()
    gold_file = args.pages / "gold.jsonl"
    if not gold_file.exists():
        print(f"{gold_file}: missing (run benchmarks/pages_fetch.py and add the gold)", file=sys.stderr)
        return 2
    by_outlet: dict[str, list[dict[str, bool]]] = defaultdict(list)
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        data = (args.pages / page["file"]).read_bytes()
        marks = score(page, data)
        marks["body"] = marks["first"] and marks["last"] and marks["clean"]
        if args.page_only:
            marks["page-only"] = page_only_right(page, data)
        if args.htmldate:
            marks["htmldate"] = htmldate_right(page, data)
        by_outlet[page["outlet"]].append(marks)
        if args.verbose:
            print(page["file"], " ".join(f"{k}={'ok' if v else 'NO'}" for k, v in marks.items()))
    columns = ["title", "date", "body", "first", "last", "clean"] + (["page-only"] if args.page_only else []) \
        + (["htmldate"] if args.htmldate else [])
    print(f"| outlet | pages | {' | '.join(columns)} |")
    print("|---|---:|" + "---:|" * len(columns))
    everything = [marks for pages in by_outlet.values() for marks in pages]
    for outlet, pages in sorted(by_outlet.items()) + [("**all**", everything)]:
        cells = " | ".join(f"{sum(p[c] for p in pages) / len(pages):.2f}" for c in columns)
        print(f"| {outlet} | {len(pages)} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
