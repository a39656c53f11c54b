"""`krnews eval --kind initiatives`: merging and separation of consolidated records against gold `money` keys.
A fake extractor and fake groupings make the figures depend on the scorer alone."""
from __future__ import annotations

import json

import pytest

from krnews.cli import main
from krnews.consolidation import Consolidation
from krnews.evaluate import evaluate_initiatives
from krnews.models import Initiative
from test_evaluate import FakeRecords, gold_record, write_gold

DOCS = [{"id": doc_id, "url": None, "published": "2024-03-02", "title": None, "text": "기사.", "story": story}
        for doc_id, story in (("a", "s1"), ("b", "s1"), ("c", "s1"), ("x", None))]
# Story s1: 100억원 of 서울시 told by a, b and c (money m1); a and b also tell m2 (50억원). x: other money of
# 100억원 (m9), and 101억원 of m1's organisation in a (m3: within 2% of m1, another money).
GOLD = [gold_record(d, money="m1") for d in "abc"] + [
    gold_record(d, amount_text="50억원", amount_krw=5_000_000_000, money="m2") for d in "ab"] + [
    gold_record("x", money="m9", org="부산광역시"),
    gold_record("a", amount_text="101억원", amount_krw=10_100_000_000, money="m3")]
SYSTEM_AMOUNTS = {
    "a": [{"org": "서울특별시", "amount_krw": 10_000_000_000}, {"org": "서울특별시", "amount_krw": 5_000_000_000},
          {"org": "서울특별시", "amount_krw": 10_100_000_000}],
    "b": [{"org": "서울특별시", "amount_krw": 10_000_000_000}, {"org": "서울특별시", "amount_krw": 5_000_000_000}],
    "c": [{"org": "서울특별시", "amount_krw": 9_000_000_000}],  # not matched: its pairs are not counted
    "x": [{"org": "부산광역시", "amount_krw": 10_000_000_000}],
}
SYSTEM = {doc: [fields | {"record_id": f"{doc}{n}"} for n, fields in enumerate(records)]
          for doc, records in SYSTEM_AMOUNTS.items()}


def grouping(groups):
    """A fake consolidation putting the records (doc_id, n) of each group in one initiative."""
    def consolidate(documents):
        initiatives = [Initiative(initiative_id=f"i{n}", org=None, amount_text="?", n_sources=1, record_ids=[],
                                  doc_ids=[], versions=[]) for n in range(len(groups))]
        for document in documents:
            for n, record in enumerate(document.records):
                group = next(i for i, members in enumerate(groups) if (document.article.doc_id, n) in members)
                initiatives[group].record_ids.append(record.record_id)
        return Consolidation(stories=[], initiatives=initiatives)
    return consolidate


ALL = [("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1), ("c", 0), ("x", 0)]


@pytest.mark.parametrize("groups, merging, separation", [
    ([ALL], (2, 2), (0, 5)),  # everything merged: both shared moneys, no separation
    ([[m] for m in ALL], (0, 2), (5, 5)),  # nothing merged
    ([[("a", 0), ("b", 0)], [("a", 1), ("b", 1)], [("a", 2)], [("c", 0)], [("x", 0)]], (2, 2), (5, 5)),  # right
    ([[("a", 0), ("b", 0), ("x", 0)], [("a", 1)], [("b", 1)], [("a", 2)], [("c", 0)]], (1, 2), (3, 5)),
])
def test_merging_counts_article_pairs_and_separation_equal_amounts_of_other_money(tmp_path, groups, merging, separation):
    gold = write_gold(tmp_path, DOCS, GOLD)
    result = evaluate_initiatives(gold, extract_fn=FakeRecords(SYSTEM), consolidate_fn=grouping(groups))
    assert (result["merging"]["hits"], result["merging"]["pairs"]) == merging
    assert (result["separation"]["hits"], result["separation"]["pairs"]) == separation
    assert result["gold_money_matched"] == "6/7"
    assert {p["story"] for p in result["merging_pairs"]} == {"s1"}


def test_gold_without_money_keys_is_an_error_not_a_score(tmp_path):
    gold = write_gold(tmp_path, DOCS[:1], [gold_record("a")])
    result = evaluate_initiatives(gold, extract_fn=FakeRecords({}), consolidate_fn=grouping([]))
    assert result["merging"]["pairs"] == 0 and "without a `money` key" in result["errors"][0]


def test_cli_prints_merging_and_separation(tmp_path, monkeypatch, capsys):
    import krnews.evaluate.initiatives as module

    gold = write_gold(tmp_path, DOCS, GOLD)
    monkeypatch.setattr(module, "default_extract", lambda: FakeRecords(SYSTEM))
    assert main(["eval", str(gold), "--kind", "initiatives", "--show", "5"]) == 0
    out = capsys.readouterr().out
    assert "merging" in out and "separation" in out and "merging by story: s1" in out
    assert main(["eval", str(gold), "--kind", "initiatives", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["initiatives"]
    assert figures["separation"]["pairs"] == 5 and figures["merging"]["pairs"] == 2
