"""Synthetic Korean news pages from the project's own sample articles (data/samples), for timing
large runs without the network.

    python benchmarks/make_corpus.py 10000 /tmp/corpus.warc.gz      # one WARC (.warc or .warc.gz)
    python benchmarks/make_corpus.py 10000 /tmp/corpus-pages/       # a directory of .html files

Page i is one of the samples (in turn) with its money amounts scaled, a reporter named in the
byline and a URL of its own, so every page is a distinct article (its own doc_id and records).
"""
from __future__ import annotations

import argparse
import html
import io
import json
import re
from pathlib import Path
from typing import Iterator

from krnews.data import DATA_DIR

SAMPLES = DATA_DIR / "samples"
SITE = "https://www.krnews-sample.kr"
REPORTERS = ["김하늘", "이서준", "박지우", "최민서", "정예린", "강도윤", "조하은", "윤시우", "장서연", "임준호"]
# A number written before a money unit: 1,214억, 480억, 3000만, 60여억 (the 여 stays after it).
_AMOUNT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+)(?=여?\s?(?:조|억|천만|백만|만)\s?원?|\s?원)")
_OG_URL = re.compile(r'<meta property="og:url" content="([^"]+)"')
_BYLINE_SLOT = re.compile(r"(</article>|</body>)", re.IGNORECASE)

PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">{published}
</head><body><nav>홈 | 경제 | 사회 | 지역</nav><article><h1>{title}</h1>
{paragraphs}
</article><footer>저작권자 © 크르뉴스 무단전재 및 재배포 금지</footer></body></html>
"""


def sample_pages() -> list[tuple[str, str]]:
    """(own URL, HTML) of every sample: the two pages, the corpus documents and the text articles."""
    pages = []
    for path in sorted(SAMPLES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        pages.append((_OG_URL.search(text).group(1), text))
    with open(SAMPLES / "samples.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc.get("html"):
                pages.append((doc["url"], doc["html"]))
            else:
                pages.append((doc["url"], _page(doc["title"], doc["text"].split("\n\n")[1:], doc["url"], doc["published"])))
    for path in sorted(SAMPLES.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        url = f"{SITE}/sample/{path.stem}"
        pages.append((url, _page(title, body.split("\n\n"), url, None)))
    return pages


def _page(title: str, paragraphs: list[str], url: str, published: str | None) -> str:
    meta = f'\n<meta property="article:published_time" content="{published}T09:00:00+09:00">' if published else ""
    body = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs if p.strip())
    return PAGE.format(title=html.escape(title), url=url, published=meta, paragraphs=body)


def _scaled(match: re.Match, factor: int) -> str:
    digits = match.group(1)
    value = max(1, int(digits.replace(",", "")) * factor // 100)
    return f"{value:,}" if "," in digits else str(value)


def vary(page: str, own_url: str, index: int) -> tuple[str, str]:
    """Page `index` of the corpus: amounts scaled by 51%..149%, a byline, a URL of its own."""
    url = f"{SITE}/article/{index:07d}"
    factor = 51 + (index * 37) % 99
    page = _AMOUNT.sub(lambda m: _scaled(m, factor), page.replace(own_url, url))
    byline = f"<p>{REPORTERS[index % len(REPORTERS)]} 기자</p>"
    return url, _BYLINE_SLOT.sub(lambda m: byline + m.group(1), page, count=1)


def synthetic_pages(count: int) -> Iterator[tuple[str, bytes]]:
    samples = sample_pages()
    for index in range(count):
        own_url, page = samples[index % len(samples)]
        url, text = vary(page, own_url, index)
        yield url, text.encode("utf-8")


def write_warc(path: Path, pages: Iterator[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def write_directory(root: Path, pages: Iterator[tuple[str, bytes]]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for url, body in pages:
        (root / f"{url.rsplit('/', 1)[-1]}.html").write_bytes(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of pages")
    parser.add_argument("out", type=Path, help="a .warc/.warc.gz file, or a directory for .html files")
    args = parser.parse_args(argv)
    pages = synthetic_pages(args.count)
    if args.out.name.endswith((".warc", ".warc.gz")):
        write_warc(args.out, pages)
    else:
        write_directory(args.out, pages)
    print(f"{args.count} pages -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
