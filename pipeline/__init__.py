"""krnews: Korean news in, funded-initiative records out."""
__version__ = "0.1.0"

from krnews.models import Document, Initiative, InitiativeRecord, Story  # noqa: E402

from .api import (  # noqa: E402
    ExtractionError,
    consolidate,
    extract,
    extract_many,
    process,
    read_initiatives,
    read_records,
)
from .inputs import InputError  # noqa: E402

__all__ = [
    "__version__",
    "Document",
    "ExtractionError",
    "Initiative",
    "InitiativeRecord",
    "InputError",
    "Story",
    "consolidate",
    "extract",
    "extract_many",
    "process",
    "read_initiatives",
    "read_records",
]
