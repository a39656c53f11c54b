"""The krnews spaCy pipeline: Korean on MeCab-ko, then amounts, years and organisations."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import amounts, orgs, tokenizer, years  # noqa: F401  (registers the tokenizer and components)

COMPONENTS = ("krnews_amounts", "krnews_years", "krnews_orgs")


def build_nlp(dicpath: str | None = None) -> Language:
    """A new pipeline. Only sentences that may hold money are split into morphemes (see tokenizer)."""
    config = {
        "nlp": {
            "tokenizer": {
                "@tokenizers": "krnews.MecabTokenizer.v1",
                "dicpath": dicpath,
                "morph_pattern": amounts.MORPH_TRIGGER,
            }
        }
    }
    nlp = spacy.blank("ko", config=config)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline, built on first use and reused (loading takes a fraction of a second)."""
    return build_nlp()


def warm_up(nlp: Language | None = None) -> None:
    """Build everything the pipeline builds on first use (patterns, caches), e.g. before forking
    workers that then share it instead of each building its own."""
    nlp = nlp or get_nlp()
    nlp.get_pipe("krnews_orgs").matcher.compile_all()
    analyse("한빛시는 올해 10억원을 투입한다.", nlp=nlp)


def analyse(text: str, published: dt.date | None = None, nlp: Language | None = None) -> Doc:
    """Run the pipeline on `text`; relative years resolve against `published`."""
    nlp = nlp or get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["published"] = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
