"""What the components found, kept on the Doc two ways: the exact mentions (character offsets) in
`doc.user_data`, and spaCy spans in `doc.spans[kind]` with the mention as `span._.<attr>` for spaCy
users. The spans are aligned to tokens, so two mentions inside one token (이슬람국가(IS) in a
sentence without morphemes) share a span; the exact list keeps them apart."""
from __future__ import annotations

from spacy.tokens import Doc, Span

ATTRS = {"amounts": "amount", "years": "year", "orgs": "org"}
LABELS = {"amounts": "MONEY", "years": "YEAR", "orgs": "ORG"}
for _attr in ATTRS.values():
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)


def set_found(doc: Doc, kind: str, items: list) -> None:
    """Record the mentions (objects with .start/.end) a component found, in text order. Kinds that are
    no mentions (offices) are kept without spans."""
    items = sorted(items, key=lambda item: (item.start, item.end))
    doc.user_data[f"krnews.{kind}"] = items
    if kind not in ATTRS:
        return
    spans = []
    attr, label, user_data = ATTRS[kind], LABELS[kind], doc.user_data
    for item in items:
        span = doc.char_span(item.start, item.end, label=label, alignment_mode="expand")
        if span is not None:
            # What `span._.set(attr, item)` does, without building an Underscore object per span
            # (that was half of this function's time): spaCy keeps a span's extension values in
            # doc.user_data under this key (a test checks that span._.<attr> reads them back).
            user_data[("._.", attr, span.start_char, span.end_char)] = item
            spans.append(span)
    doc.spans[kind] = spans


def found(doc: Doc, kind: str) -> list:
    """What the pipeline found in the Doc of one kind: "amounts", "years", "orgs" (mentions) or "offices"."""
    return doc.user_data.get(f"krnews.{kind}", [])
