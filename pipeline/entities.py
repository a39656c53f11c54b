"""`krnews.load()`: the NLP stage as one spaCy pipeline, for notebooks and displaCy.

Its components, in order: the tokenizer `krnews.MecabTokenizer.v1` (MeCab-ko morphemes, sentence
starts), `krnews_amounts`, `krnews_years`, `krnews_orgs` (each fills `doc.spans["amounts" | "years" |
"orgs"]`, the mention on `span._.amount | _.year | _.org`), and `krnews_ents`, which lays those spans
on `doc.ents` as MONEY, DATE and ORG so that `spacy.displacy.render(doc, style="ent")` shows them.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from .nlp.language import build_nlp

# doc.spans key -> entity label (spaCy's usual names, which displaCy colours)
LABELS = {"amounts": "MONEY", "years": "DATE", "orgs": "ORG"}


@Language.component("krnews_ents")
def set_entities(doc: Doc) -> Doc:
    """doc.ents from the amount, year and organisation spans; where two overlap, the longer wins."""
    spans = [Doc.char_span(doc, span.start_char, span.end_char, label=label)
             for key, label in LABELS.items() for span in doc.spans.get(key, [])]
    doc.ents = filter_spans([span for span in spans if span is not None])
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The krnews spaCy pipeline, built once: `nlp = krnews.load(); doc = nlp(text)`.

    Relative years (올해, 지난해) need a reference date, which `nlp(text)` cannot take: set it with
    `doc = nlp.make_doc(text); doc.user_data["published"] = date` and run the components
    (`for _, pipe in nlp.pipeline: doc = pipe(doc)`), or use `krnews.extract(text, published=...)`.

        >>> nlp = krnews.load()
        >>> nlp.pipe_names
        ['krnews_amounts', 'krnews_years', 'krnews_orgs', 'krnews_ents']
        >>> [(ent.text, ent.label_) for ent in nlp("부산시는 2024년 예산 1,214억원을 편성했다.").ents]
    """
    nlp = build_nlp()
    nlp.add_pipe("krnews_ents")
    return nlp
