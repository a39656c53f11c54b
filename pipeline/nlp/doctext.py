"""The text of a Doc, read once: spaCy's `Doc.text` joins every token again on each access, which
was the pipeline's largest single cost (every component and the normaliser read it)."""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "krnews.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached in `doc.user_data` (a Doc's text never changes once it is made)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """For a tokenizer whose tokens round-trip `text` exactly: the cache is filled for free."""
    doc.user_data[_KEY] = text
    return doc
