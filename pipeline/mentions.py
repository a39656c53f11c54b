"""spaCy spans -> the typed mentions of krnews.models (character offsets into the article text)."""
from __future__ import annotations

from spacy.tokens import Doc

from krnews.nlp.found import found
from krnews.models import AmountMention, OrgMention, YearMention

from .nlp.doctext import doc_text


def mentions_of(doc: Doc, doc_id: str) -> list:
    text = doc_text(doc)
    mentions = []
    for a in found(doc, "amounts"):
        mentions.append(AmountMention(
            doc_id=doc_id, text=text[a.start:a.end], start=a.start, end=a.end,
            value=float(a.value) if a.value is not None else None, value_krw=a.value_krw,
            value_low=float(a.value_low) if a.value_low is not None else None,
            currency=a.currency, approximate=a.approximate, note=a.note,
        ))
    for y in found(doc, "years"):
        mentions.append(YearMention(
            doc_id=doc_id, text=text[y.start:y.end], start=y.start, end=y.end,
            year=y.year, year_start=y.year_start, year_end=y.year_end, relative=y.relative,
        ))
    for o in found(doc, "orgs"):
        mentions.append(OrgMention(
            doc_id=doc_id, text=text[o.start:o.end], start=o.start, end=o.end,
            canonical=o.canonical, org_type=o.org_type,
        ))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
