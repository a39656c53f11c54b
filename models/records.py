"""Article, mentions and initiative records (pydantic v2)."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"
# Bump when extraction rules change what records come out of the same text.
EXTRACTOR_VERSION = "0.1.0"

FundingType = Literal["budget", "investment", "grant", "fund", "project_cost", "financing", "contract"]
OrgRole = Literal["funder", "recipient"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Model):
    """One news article: the plain `text` is what every mention offset refers to."""

    doc_id: str
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    text: str
    published: dt.date | None = Field(None, description="publication date (the reference for 올해/지난해)")
    published_at: dt.datetime | None = Field(None, description="publication time with time zone, when known")
    updated: dt.datetime | None = None
    outlet: str | None = None
    byline: str | None = None
    language: str = "ko"

    @staticmethod
    def make_id(url: str | None = None, text: str | None = None) -> str:
        """Stable id: from the URL when there is one, else from the text."""
        basis = url if url else (text or "")
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


class Mention(_Model):
    doc_id: str
    kind: str
    text: str
    start: int
    end: int


class AmountMention(Mention):
    kind: Literal["amount"] = "amount"
    value: float | None = Field(None, description="amount in its own currency (upper end of a range)")
    value_krw: int | None = Field(None, description="integer won, null when not in won or not exact")
    value_low: float | None = Field(None, description="lower end when the text gives a range")
    currency: str = "KRW"
    approximate: bool = False


class YearMention(Mention):
    kind: Literal["year"] = "year"
    year: int | None = None
    year_start: int | None = None
    year_end: int | None = None
    relative: int | None = Field(None, description="offset from the publication year (올해 0, 지난해 -1…)")


class OrgMention(Mention):
    kind: Literal["org"] = "org"
    canonical: str
    org_type: str | None = None


AnyMention = Annotated[Union[AmountMention, YearMention, OrgMention], Field(discriminator="kind")]


class InitiativeRecord(_Model):
    """Money an organisation commits to, spends on, raises for or receives for an initiative."""

    record_id: str
    doc_id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    org: str | None
    org_mention: str | None
    org_type: str | None = None
    amount_krw: int | None
    amount_text: str
    amount: float | None = Field(None, description="amount in `currency` units")
    currency: str = "KRW"
    funding_type: FundingType | None = None
    org_role: OrgRole | None = None
    recipient: str | None = None
    year: int | None = None
    year_start: int | None = None
    year_end: int | None = None
    year_mention: str | None = None
    initiative: str | None = None
    sentence: str
    amount_start: int = Field(description="offset of the amount in the document text")
    extractor_version: str = EXTRACTOR_VERSION
    schema_version: str = SCHEMA_VERSION

    @staticmethod
    def make_id(doc_id: str, amount_start: int, amount_text: str) -> str:
        """Stable across reruns: the same money in the same document keeps its id."""
        key = f"{doc_id}\x1f{amount_start}\x1f{amount_text}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class Document(_Model):
    """What extraction returns for one input: the article, its mentions and its records."""

    article: Article
    mentions: list[AnyMention] = Field(default_factory=list)
    records: list[InitiativeRecord] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of every record type, keyed by name."""
    return {
        "schema_version": SCHEMA_VERSION,
        "Article": Article.model_json_schema(),
        "InitiativeRecord": InitiativeRecord.model_json_schema(),
        "Mention": {
            "oneOf": [m.model_json_schema() for m in (AmountMention, YearMention, OrgMention)],
        },
    }
