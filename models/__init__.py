"""Typed records of krnews: the contract downstream datasets rely on.

This package imports nothing else of krnews. `schema.json` beside it is generated from these
models (`python -m krnews.models` rewrites it) and ships with the package.
"""
from .credentials import without_credentials
from .records import (
    EXTRACTOR_VERSION,
    SCHEMA_VERSION,
    AmountMention,
    Article,
    Document,
    FundingType,
    Initiative,
    InitiativeRecord,
    InitiativeVersion,
    Mention,
    OrgMention,
    OrgRole,
    Reason,
    Story,
    YearMention,
    json_schema,
)

__all__ = [
    "without_credentials",
    "EXTRACTOR_VERSION",
    "SCHEMA_VERSION",
    "AmountMention",
    "Article",
    "Document",
    "FundingType",
    "Initiative",
    "InitiativeRecord",
    "InitiativeVersion",
    "Mention",
    "OrgMention",
    "OrgRole",
    "Reason",
    "Story",
    "YearMention",
    "json_schema",
]
