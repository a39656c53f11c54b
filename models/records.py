"""Article, mentions and initiative records (pydantic v2)."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .credentials import without_credentials

SCHEMA_VERSION = "1.1"  # 1.1: source
# Bump when extraction rules change what records come out of the same text.
EXTRACTOR_VERSION = "0.1.0"

FundingType = Literal["budget", "investment", "grant", "fund", "project_cost", "financing", "contract"]
OrgRole = Literal["funder", "recipient"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def columns(cls) -> list[str]:
        """The fields a dump holds, in order: the columns of a table of these (not `exclude`d ones)."""
        return [name for name, info in cls.model_fields.items() if not info.exclude]


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
    source: str | None = Field(None, description="the input as given: a file path, a URL (the default), or corpus.jsonl:LINE")

    _no_credentials = field_validator("url", "canonical_url", "source")(lambda url: url and without_credentials(url))

    @model_validator(mode="after")
    def _source_is_the_url_by_default(self) -> "Article":
        if self.source is None and self.url:
            self.source = self.url
        return self

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
    note: str | None = Field(None, description="why a number read as money has no value (larger than any budget)")


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


class Reason(_Model):
    """Why a record's field has its value: the normaliser's step, its rule and the words it read."""

    step: str
    rule: str
    words: str


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
    source: str | None = Field(None, description="the input the article came from, as given (path, URL, corpus.jsonl:LINE)")
    why: dict[str, Reason] | None = Field(
        None, exclude=True,
        description="with --explain only: for org, year, funding_type (and commitment, org_role), which "
                    "decision step set the field, by which rule, from which words of the text")

    _no_credentials = field_validator("url", "source")(lambda url: url and without_credentials(url))

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


Stage = Literal["proposal", "final"]


class InitiativeVersion(_Model):
    """One figure of an initiative: the same amount (within the rounding tolerance) in one or more articles."""

    amount_krw: int | None
    amount: float | None = None
    amount_text: str
    stage: Stage | None = Field(None, description="proposal (예산안, 정부안…) or final (확정, 국회 통과…) when a sentence says")
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    record_ids: list[str]


class Initiative(_Model):
    """The same money reported by one or more articles: records merged across sources.

    `initiative_id` is derived from its earliest record, so it does not depend on the order articles
    were processed in; the values are the most specific any source gives (exact amount over rounded,
    full period over single year) and `versions` keeps every figure when a later article changes it.
    """

    initiative_id: str
    org: str | None
    initiative: str | None = None
    amount_krw: int | None = Field(None, description="the current figure: the latest final version, else the latest")
    amount: float | None = None
    amount_text: str
    currency: str = "KRW"
    funding_type: FundingType | None = None
    stage: Stage | None = None
    year: int | None = None
    year_start: int | None = None
    year_end: int | None = None
    n_sources: int = Field(description="distinct articles reporting it")
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    record_ids: list[str]
    doc_ids: list[str]
    urls: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    versions: list[InitiativeVersion]
    variants: dict[str, list[str]] = Field(
        default_factory=dict,
        description="where the sources disagree, every value they give: `initiative` (names) and `year` "
                    "(2024, or a period 2024~2028); the initiative's own values are those most specific and most reported")
    schema_version: str = SCHEMA_VERSION

    @staticmethod
    def make_id(anchor_record_id: str) -> str:
        return "ini_" + hashlib.sha1(anchor_record_id.encode("utf-8")).hexdigest()[:16]


class Story(_Model):
    """Near-duplicate articles (the same text in several outlets) with the earliest as canonical."""

    story_id: str
    canonical_doc_id: str
    canonical_url: str | None = None
    title: str | None = None
    n_articles: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    doc_ids: list[str]
    urls: list[str] = Field(default_factory=list)

    @staticmethod
    def make_id(canonical_doc_id: str) -> str:
        return "sto_" + hashlib.sha1(canonical_doc_id.encode("utf-8")).hexdigest()[:16]


def json_schema() -> dict:
    """The JSON Schema of every record type, keyed by name."""
    return {
        "schema_version": SCHEMA_VERSION,
        "Article": Article.model_json_schema(),
        "InitiativeRecord": InitiativeRecord.model_json_schema(),
        "Initiative": Initiative.model_json_schema(),
        "Story": Story.model_json_schema(),
        "Mention": {
            "oneOf": [m.model_json_schema() for m in (AmountMention, YearMention, OrgMention)],
        },
    }
