"""The real pages in ../shared/data/pages (read in place, never copied): body, title and date
against the gold files. Skipped where ../shared is absent."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from krnews.scrapers import parse_html

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "pages_eval.py"
spec = importlib.util.spec_from_file_location("pages_eval", BENCH)
pages_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pages_eval)

PAGES = pages_eval.DEFAULT_PAGES
pytestmark = pytest.mark.skipif(not (PAGES / "INDEX.tsv").exists(), reason="../shared/data/pages not present")


def index_rows() -> list[tuple[str, str]]:
    if not (PAGES / "INDEX.tsv").exists():
        return []
    rows = [line.split("\t") for line in (PAGES / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    return [(row[0], row[-1]) for row in rows if row[-1].startswith("http")]


@pytest.fixture(scope="module")
def gold():
    return pages_eval.load_gold(PAGES)


@pytest.mark.parametrize("name, url", index_rows())
def test_real_page(name, url, gold):
    article = parse_html((PAGES / name).read_bytes(), url=url)
    expected = gold.get(url)
    if expected and expected["title"]:  # fundus gold: the article text exactly as the outlet wrote it
        assert pages_eval.ngram_f1(article.text, expected["body"]) >= 0.95
        assert article.title == expected["title"]
    elif expected:  # daum gold also counts photo captions and the copyright line, which we drop
        assert pages_eval.ngram_f1(article.text, expected["body"]) >= 0.9
    else:
        assert len(article.text) > 300 and article.title
    assert pages_eval.same_minute(article.published_at,
                                  (expected or {}).get("date") or pages_eval.DATES_SHOWN_ON_PAGE[name])
    assert article.language == "ko" and article.outlet
