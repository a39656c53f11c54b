"""Shape checks of the project's own gold set and sample articles (the data, not the extractor)."""
import json
import re
from datetime import date

import pytest

from krnews.data import DATA_DIR

GOLD = DATA_DIR / "gold"
SAMPLES = DATA_DIR / "samples"
TAG = re.compile(r"<([^<>:]+):([A-Z]+)>")
TAGS = {"MNY", "ORG", "DAT"}
RECORD_TYPES = {
    "doc_id": str, "amount_text": str, "amount_krw": (int, type(None)), "currency": str, "org": str,
    "org_aliases": list, "org_role": str, "recipient": (str, type(None)), "year": (int, type(None)),
    "year_start": (int, type(None)), "year_end": (int, type(None)), "year_text": (str, type(None)),
    "funding_type": str, "initiative": str, "sentence": str, "optional": bool, "note": (str, type(None)),
}
FUNDING_TYPES = {"budget", "investment", "grant", "fund", "project_cost", "financing", "contract"}
CURRENCIES = {"KRW", "USD", "EUR", "JPY", "CNY"}


def read_jsonl(path):
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def docs():
    return {d["id"]: d for d in read_jsonl(GOLD / "docs.jsonl")}


@pytest.fixture(scope="module")
def records():
    return read_jsonl(GOLD / "gold.jsonl")


def test_doc_ids_unique_and_fields_typed():
    rows = read_jsonl(GOLD / "docs.jsonl")
    assert len(rows) >= 45
    assert len({d["id"] for d in rows}) == len(rows)
    for d in rows:
        assert set(d) == {"id", "url", "published", "title", "text"}, d["id"]
        assert d["url"] is None and d["title"] and d["text"] == d["text"].strip()
        if d["published"] is not None:
            date.fromisoformat(d["published"])


def test_records_have_exactly_the_guide_fields(records):
    assert records
    for r in records:
        assert list(r) == list(RECORD_TYPES), r
        for field, kind in RECORD_TYPES.items():
            assert isinstance(r[field], kind), (field, r)
        assert r["funding_type"] in FUNDING_TYPES and r["org_role"] in {"funder", "recipient"}
        assert r["currency"] in CURRENCIES
        assert (r["amount_krw"] is None) == (r["currency"] != "KRW"), r
        assert r["amount_krw"] is None or r["amount_krw"] > 0
        assert not (r["year"] is not None and (r["year_start"] or r["year_end"])), r


def test_record_sentence_is_in_its_doc_and_amount_in_its_sentence(docs, records):
    for r in records:
        assert r["doc_id"] in docs, r
        assert r["sentence"] in docs[r["doc_id"]]["text"], r
        assert r["amount_text"] in r["sentence"], r


def test_nonrecords_point_at_text_of_known_docs(docs):
    rows = read_jsonl(GOLD / "nonrecords.jsonl")
    assert rows
    for n in rows:
        assert set(n) == {"doc_id", "amount_text", "why"} and n["why"], n
        assert n["amount_text"] in docs[n["doc_id"]]["text"], n


def tag_problems(line):
    """What is wrong with one inline-tagged sentence ([] when nothing)."""
    problems = []
    plain = TAG.sub("", line)
    if "<" in plain or ">" in plain:
        problems.append("unbalanced tag")
    for span, tag in TAG.findall(line):
        if tag not in TAGS:
            problems.append(f"unknown tag {tag}")
        if span != span.strip():
            problems.append(f"span with outer spaces {span!r}")
        if tag == "MNY" and re.match(r"(약|총|최대|모두)\s", span):
            problems.append(f"MNY span keeps its prefix {span!r}")
    return problems


def test_mentions_tags_parse_and_follow_the_span_conventions():
    lines = [line for line in (GOLD / "mentions.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 120
    assert len(set(lines)) == len(lines)
    assert {tag for line in lines for _, tag in TAG.findall(line)} == TAGS
    for line in lines:
        assert tag_problems(line) == [], line


@pytest.mark.parametrize("line", [
    "<서울시:ORG>는 <올해:DAT> 예산 <40억원:MNY>을 <편성했다.",
    "<서울시:ORG>는 예산 <40억원:MONEY>을 편성했다.",
    "<서울시:ORG>는 <약 40억원:MNY>을 편성했다.",
    "< 서울시:ORG>는 <40억원:MNY>을 편성했다.",
])
def test_tag_checker_flags_bad_lines(line):
    assert tag_problems(line)


def test_samples_are_bundled_in_each_format():
    assert len(list(SAMPLES.glob("*.txt"))) == 2 and len(list(SAMPLES.glob("*.html"))) == 2
    rows = read_jsonl(SAMPLES / "samples.jsonl")
    assert len(rows) == 2
    assert {"text" in r for r in rows} == {True, False} and any("html" in r for r in rows)
    for r in rows:
        assert {"id", "url", "published", "title"} <= set(r)
    for page in SAMPLES.glob("*.txt"):
        title, blank, first = page.read_text(encoding="utf-8").splitlines()[:3]
        assert title.strip() and blank == "" and first.strip(), page.name
    for page in SAMPLES.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for needle in ('property="og:title"', 'property="article:published_time"', '"NewsArticle"'):
            assert needle in html, (page.name, needle)
