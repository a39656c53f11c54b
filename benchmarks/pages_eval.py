"""Article extraction on the real pages in ../shared/data/pages: per-page body F1 (word 4-gram
overlap with the gold body), title and date correctness, and pages/s — next to trafilatura.

    python benchmarks/pages_eval.py [--pages DIR] [--repeat N]

trafilatura is a bench-only extra (`pip install trafilatura`); without it its columns are skipped.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

from krnews.scrapers import parse_html
from krnews.scrapers.dates import parse_datetime

try:
    import trafilatura
except ImportError:  # bench-only extra
    trafilatura = None

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"
# Pages whose gold has no date: the publication time as the page itself shows it (read by hand).
DATES_SHOWN_ON_PAGE = {
    "12_n.news.naver.com_htmldate_607.html": "2023-11-02 20:06",
    "13_m.daejonilbo.com_htmldate_1538026996.html": "2020-03-04 16:52",
    "14_news.chosun.com_htmldate_1694328145.html": "2020-08-27 20:27",
    "15_v.daum.net_magichtml_20240513125214547.html": "2024-05-13 12:52",
    "16_v.daum.net_magichtml_20240522083744972.html": "2024-05-22 08:37",
}


def ngram_f1(predicted: str, gold: str, n: int = 4) -> float:
    def grams(text: str) -> Counter:
        words = text.split()
        return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    p, g = grams(predicted), grams(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def load_gold(pages: Path) -> dict[str, dict]:
    """URL -> {title, date, body} from the fundus gold files and the daum ground truth."""
    gold_dir = pages / "gold"
    gold: dict[str, dict] = {}
    for gold_file in sorted(gold_dir.glob("*.json")):
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        if gold_file.name == "daum_groundtruth.json":
            for item in data.values():
                gold[item["url"]] = {"title": None, "date": None, "body": item["content"]}
            continue
        # Publisher.json pairs with meta.info entries Publisher_*; X_MBN.json with X_meta.info.
        stem = gold_file.stem
        if stem.endswith("_MBN"):
            info = json.loads((gold_dir / f"{stem[:-4]}_meta.info").read_text(encoding="utf-8"))
            urls = [info[key]["url"] for key in sorted(info)]
        else:
            info = json.loads((gold_dir / "meta.info").read_text(encoding="utf-8"))
            urls = [info[key]["url"] for key in sorted(info) if key.startswith(stem + "_")]
        versions = sorted(data, key=lambda key: int(key[1:]))  # V1, V2, ... follow the file dates
        for url, version in zip(urls, versions):
            entry = data[version]
            body = "\n".join(line for section in entry["body"]["sections"]
                             for line in section["headline"] + section["paragraphs"])
            gold[url] = {"title": entry["title"], "date": entry["publishing_date"], "body": body}
    return gold


def same_minute(found: dt.datetime | None, expected: str | None) -> bool | None:
    if not expected:
        return None
    if found is None:
        return False
    want = dt.datetime.fromisoformat(expected) if "T" in expected or "+" in expected else None
    if want is None or want.tzinfo is None:  # a wall-clock time in Korea
        want = parse_datetime(expected)
    return abs((found - want).total_seconds()) < 60 and found.replace(second=0) == \
        want.astimezone(found.tzinfo).replace(second=0)


def mark(value: bool | None) -> str:
    return "-" if value is None else ("ok" if value else "NO")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--repeat", type=int, default=5, help="timing passes over all pages")
    args = parser.parse_args()
    if not (args.pages / "INDEX.tsv").exists():
        print(f"{args.pages}: no INDEX.tsv (shared pages absent)", file=sys.stderr)
        return 2
    gold = load_gold(args.pages)
    rows = [line.split("\t") for line in (args.pages / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    pages = [(row[0], row[-1], (args.pages / row[0]).read_bytes()) for row in rows if row[-1].startswith("http")]

    print(f"{'page':48} {'F1':>5} {'traf':>5} title date  found date")
    f1s, traf_f1s, titles, dates = [], [], [], []
    for name, url, data in pages:
        article = parse_html(data, url=url)
        expected = gold.get(url)
        f1 = ngram_f1(article.text, expected["body"]) if expected else None
        traf = None
        if trafilatura is not None and expected:
            traf = ngram_f1(trafilatura.extract(data.decode("utf-8", "replace"), url=url) or "", expected["body"])
        title_ok = (" ".join(article.title.split()) == " ".join(expected["title"].split())) \
            if expected and expected["title"] else None
        date_ok = same_minute(article.published_at, (expected or {}).get("date") or DATES_SHOWN_ON_PAGE.get(name))
        for store, value in ((f1s, f1), (traf_f1s, traf), (titles, title_ok), (dates, date_ok)):
            if value is not None:
                store.append(value)
        print(f"{name[:48]:48} {'' if f1 is None else f'{f1:.3f}':>5} {'' if traf is None else f'{traf:.3f}':>5} "
              f"{mark(title_ok):>5} {mark(date_ok):>4}  {article.published_at}")
    print(f"\nbody F1 mean {sum(f1s) / len(f1s):.3f} (min {min(f1s):.3f}) over {len(f1s)} gold pages"
          + (f"; trafilatura mean {sum(traf_f1s) / len(traf_f1s):.3f} (min {min(traf_f1s):.3f})" if traf_f1s else ""))
    print(f"title exact {sum(titles)}/{len(titles)}; date to the minute {sum(dates)}/{len(dates)}")

    start = time.perf_counter()
    for _ in range(args.repeat):
        for _name, url, data in pages:
            parse_html(data, url=url)
    ours = args.repeat * len(pages) / (time.perf_counter() - start)
    line = f"speed: krnews parse_html {ours:.1f} pages/s"
    if trafilatura is not None:
        start = time.perf_counter()
        for _ in range(args.repeat):
            for _name, url, data in pages:
                trafilatura.extract(data.decode("utf-8", "replace"), url=url)
        line += f"; trafilatura.extract {args.repeat * len(pages) / (time.perf_counter() - start):.1f} pages/s"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
