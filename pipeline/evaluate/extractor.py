"""The extractor under evaluation: krnews.extract unless a caller (a test, a benchmark) passes its own."""
from __future__ import annotations


def default_extract():
    # Imported when first needed: the scorer and its readers work without the NLP stack loaded.
    from krnews.api import extract

    return extract
