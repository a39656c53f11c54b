"""krnews: Korean news in, funded-initiative records out.

The public API is loaded on first use, so `import krnews.store` or `krnews status` do not pay for
spaCy and MeCab (about a second) when they need no NLP.
"""
from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "Document": "krnews.models",
    "Initiative": "krnews.models",
    "InitiativeRecord": "krnews.models",
    "Story": "krnews.models",
    "ExtractionError": "krnews.api",
    "consolidate": "krnews.api",
    "extract": "krnews.api",
    "extract_many": "krnews.api",
    "process": "krnews.extraction",
    "read_initiatives": "krnews.frames",
    "read_records": "krnews.frames",
    "records_frame": "krnews.frames",
    "load": "krnews.entities",
    "totals": "krnews.frames",
    "InputError": "krnews.inputs",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'krnews' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
