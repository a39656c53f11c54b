"""Precision, recall and F1 from counts, and accuracies, as plain dicts (they go to JSON as they are)."""
from __future__ import annotations


def ratio(part: int, whole: int) -> float | None:
    """part/whole rounded to 4 places; None when there is nothing to divide (not 0: no evidence)."""
    return round(part / whole, 4) if whole else None


def prf(tp: int, fp: int, fn: int) -> dict:
    """F1 is 2tp/(2tp+fp+fn): 0 when nothing was found or everything found was wrong."""
    return {"tp": tp, "fp": fp, "fn": fn, "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
            "f1": ratio(2 * tp, 2 * tp + fp + fn)}


def accuracy(correct: int, scored: int) -> dict:
    return {"correct": correct, "scored": scored, "accuracy": ratio(correct, scored)}
