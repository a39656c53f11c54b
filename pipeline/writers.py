"""Output writers for `krnews extract`: JSON Lines, CSV (stable column order) and a readable table."""
from __future__ import annotations

import csv
import json
import unicodedata
from typing import IO

from krnews.models import AmountMention, Article, InitiativeRecord, OrgMention, YearMention

from .cells import spreadsheet_safe

RECORD_COLUMNS = InitiativeRecord.columns()
ARTICLE_COLUMNS = ["doc_id", "url", "canonical_url", "title", "text", "published", "published_at", "updated", "outlet", "byline", "language",
                   "source"]
MENTION_COLUMNS = list(dict.fromkeys(
    ["doc_id", "kind", "text", "start", "end"]
    + [f for model in (AmountMention, YearMention, OrgMention) for f in model.model_fields]
))
COLUMNS = {"records": RECORD_COLUMNS, "mentions": MENTION_COLUMNS, "articles": ARTICLE_COLUMNS}
TABLE_COLUMNS = {
    "records": ["org", "amount", "year", "funding_type", "initiative"],
    "mentions": ["doc_id", "kind", "text", "start", "value"],
    "articles": ["doc_id", "published", "outlet", "title"],
}


def rows_of(document, what: str, explain: bool = False) -> list[dict]:
    """Output rows of a document; with `explain`, each record's `why` too (see explanation_lines)."""
    if what == "records":
        return [{**r.model_dump(mode="json"), **({"why": _why(r)} if explain else {})} for r in document.records]
    if what == "mentions":
        return [m.model_dump(mode="json") for m in document.mentions]
    article: Article = document.article
    return [{column: article.model_dump(mode="json").get(column) for column in ARTICLE_COLUMNS}]


def _why(record: InitiativeRecord) -> dict:
    return {field: reason.model_dump() for field, reason in (record.why or {}).items()}


def explanation_lines(why: dict) -> list[str]:
    """`org ← topic of the clause: 부산시는`: one line per explained field, for people."""
    return [f"{field} ← {reason['rule']}" + (f": {reason['words']}" if reason["words"] else "")
            for field, reason in why.items()]


def format_won(amount_krw: int | None) -> str:
    """4061억원, 1조2000억원, 8000원: amounts as Korean readers write them."""
    if amount_krw is None:
        return ""
    jo, rest = divmod(amount_krw, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, won = divmod(rest, 10**4)
    parts = [f"{n}{unit}" for n, unit in ((jo, "조"), (eok, "억"), (man, "만"), (won, "")) if n]
    return ("".join(parts) or "0") + "원"


MIN_LAST_COLUMN = 10  # display columns the last column keeps before any other column is shortened


class Writer:
    """Documents' rows to a text stream; `owns_stream`: close it (an --out file) on close. A table is
    cut to `width` display columns (when given): its last column (the initiative) is shortened with …
    first, then the widest others, none below its header."""

    def __init__(self, stream: IO[str], what: str, fmt: str, owns_stream: bool = False, explain: bool = False,
                 width: int | None = None):
        self.stream, self.what, self.fmt, self.owns_stream = stream, what, fmt, owns_stream
        self.width = width
        self.explain = explain and what == "records"
        self.columns = COLUMNS[what] + (["why"] if self.explain else [])
        self._csv = None
        self._table_rows: list[list[str]] = []

    def write(self, document) -> None:
        for row in rows_of(document, self.what, self.explain):
            if self.fmt == "jsonl":
                self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif self.fmt == "csv":
                if self._csv is None:
                    self._csv = csv.DictWriter(self.stream, fieldnames=self.columns, extrasaction="ignore")
                    self._csv.writeheader()
                if self.explain:  # one cell: the explanation as JSON
                    row = {**row, "why": json.dumps(row["why"], ensure_ascii=False)}
                self._csv.writerow({name: spreadsheet_safe(value) for name, value in row.items()})
            else:
                self._table_rows.append(self._table_cells(row))
                if self.explain:  # under its record, indented in the first column
                    self._table_rows += [["  " + line] for line in explanation_lines(row["why"])]
        self.stream.flush()

    def _table_cells(self, row: dict) -> list[str]:
        if self.what == "records":
            year = row["year"] or (f"{row['year_start'] or ''}~{row['year_end'] or ''}" if row["year_start"] or row["year_end"] else "")
            amount = format_won(row["amount_krw"]) or f"{row['amount_text']} ({row['currency']})"
            values = [row["org"] or "?", amount, str(year), row["funding_type"] or "", row["initiative"] or ""]
        elif self.what == "mentions":
            value = row.get("value_krw") or row.get("year") or row.get("canonical") or ""
            values = [row["doc_id"], row["kind"], row["text"], str(row["start"]), str(value)]
        else:
            values = [row["doc_id"], str(row["published"] or ""), row["outlet"] or "", row["title"] or ""]
        return [str(v) for v in values]

    def close(self) -> None:
        if self.fmt == "table":
            headers = TABLE_COLUMNS[self.what]
            rows = [headers] + self._table_rows
            widths = [max(_width(r[i]) for r in rows if len(r) == len(headers)) for i in range(len(headers))]
            if self.width is not None:
                widths = _fit(widths, [_width(h) for h in headers], self.width - 2 * (len(widths) - 1))
                rows = [[_shorten(cell, w) for cell, w in zip(r, widths)] if len(r) == len(headers) else r for r in rows]
            for index, row in enumerate(rows):
                if len(row) == 1 and len(headers) > 1:  # an explanation line spans the row
                    self.stream.write(row[0] + "\n")
                    continue
                self.stream.write("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() + "\n")
                if index == 0:
                    self.stream.write("  ".join("-" * w for w in widths) + "\n")
        self.stream.flush()
        if self.owns_stream:
            self.stream.close()


def _width(text: str) -> int:
    """Display width: hangul and other wide characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(widths: list[int], headers: list[int], room: int) -> list[int]:
    """Column widths that sum to at most `room`: the last column gives way first (down to
    MIN_LAST_COLUMN), then the widest of the others, one column at a time; no column goes below its
    header's width, so a terminal too narrow for the headers still gets a wider table."""
    widths = list(widths)
    widths[-1] = max(min(widths[-1], room - sum(widths[:-1])), min(widths[-1], max(MIN_LAST_COLUMN, headers[-1])))
    while sum(widths) > room:
        shrinkable = [i for i in range(len(widths)) if widths[i] > headers[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (i != len(widths) - 1, widths[i]))
        widths[widest] -= 1
    return widths


def _shorten(text: str, width: int) -> str:
    """`text` cut to `width` display columns, ending in … when cut."""
    if _width(text) <= width:
        return text
    while _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
