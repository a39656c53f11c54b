"""Record scores on every record set at hand, side by side: the figures docs/accuracy.md reports.

    python benchmarks/scoreboard.py [--json]

Sets: the project's composed gold (data/gold), the seed and the shared record articles
(../shared/data), and the dev set's tune and check splits ($KRNEWS_DEVSET, see data/devset/README.md;
run `python benchmarks/devset.py assemble` first). A set that is not here is skipped with a note.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from krnews.evaluate import evaluate_records

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import EVAL  # noqa: E402
from snapshot import ROOT, SHARED  # noqa: E402

SETS = {
    "own gold": ROOT / "data" / "gold",
    "seed": SHARED / "seed" / "metroseoul_2020_local_gov_ai_budgets.txt",
    "shared": SHARED / "records",
    "dev tune": EVAL / "tune",
    "dev check": EVAL / "check",
}
FIGURES = (("record F1", ("record", "f1")), ("P", ("record", "precision")), ("R", ("record", "recall")),
           ("amount F1", ("amount_only", "f1")), ("year", ("year", "accuracy")),
           ("type", ("funding_type", "accuracy")), ("role", ("org_role", "accuracy")))


def scores() -> dict[str, dict]:
    found = {}
    for name, path in SETS.items():
        if not path.exists():
            print(f"scoreboard: {name}: {path} is not here, skipped", file=sys.stderr)
            continue
        result = evaluate_records([path], published="2020-01-15" if name == "seed" else None)
        found[name] = {label: result[a][b] for label, (a, b) in FIGURES} | {"documents": result["documents"]}
    return found


def main() -> None:
    table = scores()
    if "--json" in sys.argv:
        print(json.dumps(table, indent=2))
        return
    print(f"{'set':<10} {'docs':>5} " + " ".join(f"{label:>9}" for label, _ in FIGURES))
    for name, row in table.items():
        cells = " ".join(f"{row[label]:>9.3f}" if row[label] is not None else f"{'-':>9}" for label, _ in FIGURES)
        print(f"{name:<10} {row['documents']:>5} {cells}")


if __name__ == "__main__":
    main()
