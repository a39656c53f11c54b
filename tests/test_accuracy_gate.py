"""CI gate (as trafilatura's): extraction must not score below the committed baseline.

data/eval/baseline.json holds the figures of the last accepted change. Raise a figure there when a
change improves it; never lower one to let a change pass. The one exception is a figure averaged
over matched records (year, funding type, role accuracy; initiative word F1): a change that matches
more gold records may lower it with the records it newly matches, and only when every record matched
before keeps its value (compare the outputs of `krnews eval --show` before and after), as its commit
message must say; or a change that trades a few records of one set for many more of others, when its
commit message names each record lost and counts those gained, set by set (on the check split, which
is never read record by record, by its counts alone: matched, spurious and missed before and after). A change to the scorer that makes a figure stricter (its meaning changes, not the
extractor: docs/evaluation.md) lowers it in the same commit, whose message gives the figure before and after. The project's own gold set always runs; the shared evaluation sets run when
../shared is beside the checkout, and the dev set's tune and check splits when its texts are
(data/devset/README.md), with merging and separation of the initiatives on its stories; each is
skipped otherwise.
"""
import json
from pathlib import Path

import pytest

from krnews.data import DATA_DIR
from krnews.evaluate import devset, evaluate_initiatives, evaluate_mentions, evaluate_records

BASELINE = json.loads((DATA_DIR / "eval" / "baseline.json").read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TOLERANCE = 1e-4  # rounding of the stored figures


def record_figures(result: dict) -> dict:
    return {
        "record_f1": result["record"]["f1"],
        "amount_only_f1": result["amount_only"]["f1"],
        "year_accuracy": result["year"]["accuracy"],
        "funding_type_accuracy": result["funding_type"]["accuracy"],
        "org_role_accuracy": result["org_role"]["accuracy"],
        "initiative_word_f1": result["initiative"]["word_f1"],
    }


def mention_figures(result: dict) -> dict:
    kinds = result["kinds"]
    figures = {f"{kind}_mapped_f1": kinds[kind]["mapped"]["f1"] for kind in kinds}
    if "amount" in kinds:
        figures["amount_value_accuracy"] = kinds["amount"]["mapped"]["value"]["accuracy"]
    if "year" in kinds:
        figures["year_mapped_recall"] = kinds["year"]["mapped"]["recall"]
    if "org" in kinds:
        figures["org_money_sentences_mapped_f1"] = kinds["org"]["money_sentences"]["mapped"]["f1"]
    return figures


def assert_not_below(name: str, figures: dict) -> None:
    below = {k: (v, BASELINE[name][k]) for k, v in figures.items() if k in BASELINE[name] and v + TOLERANCE < BASELINE[name][k]}
    assert not below, f"{name}: below the baseline (now, baseline): {below}"


def test_own_gold_records():
    assert_not_below("own_gold_records", record_figures(evaluate_records(DATA_DIR / "gold")))


def test_own_gold_mentions():
    assert_not_below("own_gold_mentions", mention_figures(evaluate_mentions([DATA_DIR / "gold" / "mentions.txt"])))


@pytest.mark.skipif(not (SHARED / "records").exists(), reason="../shared/data/records is not beside the checkout")
def test_shared_records():
    assert_not_below("shared_records", record_figures(evaluate_records(SHARED / "records")))


@pytest.mark.skipif(not (SHARED / "ner").exists(), reason="../shared/data/ner is not beside the checkout")
def test_kmou_mentions():
    assert_not_below("kmou_mentions", mention_figures(evaluate_mentions([SHARED / "ner" / "kmou_dev_sentences.txt"])))


@pytest.mark.skipif(not (SHARED / "ner").exists(), reason="../shared/data/ner is not beside the checkout")
def test_hclt_mentions():
    assert_not_below("hclt_mentions", mention_figures(evaluate_mentions([SHARED / "ner" / "hclt2016_dev.txt"])))


@pytest.fixture(scope="module")
def dev_splits(tmp_path_factory):
    if not devset.texts_path().is_file():
        pytest.skip(f"the dev set's texts are not at {devset.texts_path()} (data/devset/README.md)")
    written, missing = devset.assemble(tmp_path_factory.mktemp("devset"))
    assert missing == 0, f"{missing} dev set articles have no text in {devset.texts_path()}"
    return written


@pytest.mark.parametrize("split", ["tune", "check"])
def test_dev_records(dev_splits, split):
    assert_not_below(f"dev_{split}_records", record_figures(evaluate_records(dev_splits[split])))


def test_dev_story_initiatives(dev_splits):
    result = evaluate_initiatives(dev_splits["stories"])
    figures = {"merging": result["merging"]["ratio"], "separation": result["separation"]["ratio"]}
    assert_not_below("dev_story_initiatives", figures)
