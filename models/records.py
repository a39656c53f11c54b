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

    doc_id: str = Field(description="stable id of the article: from its URL when it has one, else from its text")
    url: str | None = Field(None, description="address of the article")
    canonical_url: str | None = Field(
        None, description="the URL with tracking parameters removed and mobile/desktop forms unified")
    title: str | None = Field(None, description="headline")
    text: str = Field(description="the article's plain text; every mention and record offset refers to it")
    published: dt.date | None = Field(None, description="publication date (the reference for 올해/지난해)")
    published_at: dt.datetime | None = Field(None, description="publication time with time zone, when known")
    updated: dt.datetime | None = Field(
        None, description="time of the last update, with time zone, when the page states it")
    outlet: str | None = Field(None, description="news outlet")
    byline: str | None = Field(None, description="the reporter line as written")
    language: str = Field("ko", description="language of the text (ISO 639-1)")
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
    doc_id: str = Field(description="id of the article the mention is in")
    kind: str = Field(description="amount, year or org")
    text: str = Field(description="the mention as written")
    start: int = Field(description="character offset where the mention starts in the article text")
    end: int = Field(description="character offset where the mention ends (exclusive)")


class AmountMention(Mention):
    kind: Literal["amount"] = Field("amount", description="always amount")
    value: float | None = Field(None, description="amount in its own currency (upper end of a range)")
    value_krw: int | None = Field(None, description="integer won, null when not in won or not exact")
    value_low: float | None = Field(None, description="lower end when the text gives a range")
    currency: str = Field("KRW", description="ISO 4217 code (KRW, USD, …)")
    approximate: bool = Field(False, description="the text says the amount is approximate (약, 여, 가량, …)")
    note: str | None = Field(None, description="why a number read as money has no value (larger than any budget)")


class YearMention(Mention):
    kind: Literal["year"] = Field("year", description="always year")
    year: int | None = Field(
        None, description="the single year meant; null when a relative year has no reference date")
    year_start: int | None = Field(None, description="first year of a period (2020~2024년)")
    year_end: int | None = Field(None, description="last year of a period (2020~2024년, 2024년까지)")
    relative: int | None = Field(None, description="offset from the publication year (올해 0, 지난해 -1…)")


class OrgMention(Mention):
    kind: Literal["org"] = Field("org", description="always org")
    canonical: str = Field(description="canonical name from the gazetteer (서울시 → 서울특별시), else the name as written")
    org_type: str | None = Field(
        None, description="kind of organisation: central_gov, local_gov, public_agency, company, university, …")


AnyMention = Annotated[Union[AmountMention, YearMention, OrgMention], Field(discriminator="kind")]


class Reason(_Model):
    """Why a record's field has its value: the normaliser's step, its rule and the words it read."""

    step: str = Field(description="the normaliser's decision step that set the field")
    rule: str = Field(description="the rule that decided, in words")
    words: str = Field(description="the words of the text it read")


class InitiativeRecord(_Model):
    """Money an organisation commits to, spends on, raises for or receives for an initiative."""

    record_id: str = Field(
        description="stable id of the record: the same money in the same article keeps its id across reruns")
    doc_id: str = Field(description="id of the article (from its URL, else its text)")
    url: str | None = Field(None, description="address of the article")
    title: str | None = Field(None, description="headline")
    outlet: str | None = Field(None, description="news outlet")
    published: dt.date | None = Field(
        None, description="publication date (YYYY-MM-DD); the reference for relative years (올해, 지난해)")
    org: str | None = Field(
        description="canonical name of the organisation that commits, spends, raises or receives the money (부산시 →"
                    " 부산광역시, 과기정통부 → 과학기술정보통신부); several bodies named as one keep the name as written (16개 대기업, "
                    "도내 일선 시군), with the kind of body as org_type; null when the article does not say")
    org_mention: str | None = Field(description="the organisation as written in the sentence (부산시)")
    org_type: str | None = Field(
        None, description="kind of organisation: central_gov, local_gov, public_agency, company, university, "
                          "research_institute, association, international, foreign_gov, …")
    amount_krw: int | None = Field(
        description="the amount in won, an integer (120억원 → 12000000000, 4,061억 원 → 406100000000); null when the "
                    "amount is in another currency or not exact")
    amount_text: str = Field(description="the amount as written (120억원, 2억 달러)")
    amount: float | None = Field(None, description="the amount in units of currency (the upper end of a range)")
    currency: str = Field("KRW", description="ISO 4217 code of the amount (KRW, USD, …)")
    funding_type: FundingType | None = Field(
        None, description="budget, investment, grant, fund, project_cost, financing or contract")
    org_role: OrgRole | None = Field(
        None, description="funder (the organisation gives or spends the money) or recipient (it receives it)")
    recipient: str | None = Field(
        None, description="who receives the money, when the sentence names both parties (국토교통부 지원 → funder 국토교통부,"
                          " recipient the city)")
    year: int | None = Field(None, description="the single year the money is for")
    year_start: int | None = Field(None, description="first year of a period (2020~2024년; 5년간 counts from its start)")
    year_end: int | None = Field(None, description="last year of a period (2020~2024년; 2024년까지 gives the end only)")
    year_mention: str | None = Field(None, description="the year or period as written (올해, 2024~2026년)")
    initiative: str | None = Field(
        None, description="the initiative's name: what the money is for (a quoted name, or the noun phrase the "
                          "money is given to, e.g. 데이터센터 건립)")
    sentence: str = Field(description="the sentence that states the money")
    amount_start: int = Field(description="character offset of the amount in the article text")
    extractor_version: str = Field(
        EXTRACTOR_VERSION, description="version of the extraction rules that produced the record; a newer version"
                                       " replaces an article's records as a whole")
    schema_version: str = Field(SCHEMA_VERSION, description="version of this record schema")
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

    article: Article = Field(description="the article")
    mentions: list[AnyMention] = Field(
        default_factory=list, description="every amount, year and organisation found, in text order")
    records: list[InitiativeRecord] = Field(default_factory=list, description="the initiative records, in text order")


Stage = Literal["proposal", "final"]


class InitiativeVersion(_Model):
    """One figure of an initiative: the same amount (within the rounding tolerance) in one or more articles."""

    amount_krw: int | None = Field(description="the figure in won, an integer; null when in another currency")
    amount: float | None = Field(None, description="the figure in its own currency")
    amount_text: str = Field(description="the figure as written in its first article")
    stage: Stage | None = Field(None, description="proposal (예산안, 정부안…) or final (확정, 국회 통과…) when a sentence says")
    first_seen: dt.date | None = Field(None, description="publication date of the first article giving this figure")
    last_seen: dt.date | None = Field(None, description="publication date of the last article giving this figure")
    record_ids: list[str] = Field(description="the records giving this figure")


class Initiative(_Model):
    """The same money reported by one or more articles: records merged across sources.

    `initiative_id` is derived from its earliest record, so it does not depend on the order articles
    were processed in; the values are the most specific any source gives (exact amount over rounded,
    full period over single year) and `versions` keeps every figure when a later article changes it.
    """

    initiative_id: str = Field(description="stable id, derived from the earliest record (ini_…)")
    org: str | None = Field(description="canonical name of the organisation")
    initiative: str | None = Field(None, description="the initiative's name (the most specific its records give)")
    amount_krw: int | None = Field(None, description="the current figure: the latest final version, else the latest")
    amount: float | None = Field(None, description="the current figure in its own currency")
    amount_text: str = Field(description="the current figure as written")
    currency: str = Field("KRW", description="ISO 4217 code")
    funding_type: FundingType | None = Field(
        None, description="budget, investment, grant, fund, project_cost, financing or contract")
    stage: Stage | None = Field(
        None, description="stage of the current figure: proposal or final, when a sentence says")
    year: int | None = Field(None, description="the single year the money is for")
    year_start: int | None = Field(None, description="first year of a period")
    year_end: int | None = Field(None, description="last year of a period")
    n_sources: int = Field(description="distinct articles reporting it")
    first_seen: dt.date | None = Field(None, description="publication date of the first article reporting it")
    last_seen: dt.date | None = Field(None, description="publication date of the last article reporting it")
    record_ids: list[str] = Field(description="the records merged into it")
    doc_ids: list[str] = Field(description="the articles reporting it")
    urls: list[str] = Field(default_factory=list, description="their addresses")
    outlets: list[str] = Field(default_factory=list, description="their outlets")
    versions: list[InitiativeVersion] = Field(description="every figure it has had, oldest first")
    variants: dict[str, list[str]] = Field(
        default_factory=dict,
        description="where the sources disagree, every value they give: `initiative` (names) and `year` "
                    "(2024, or a period 2024~2028); the initiative's own values are those most specific and most reported")
    schema_version: str = Field(SCHEMA_VERSION, description="version of this record schema")

    @staticmethod
    def make_id(anchor_record_id: str) -> str:
        return "ini_" + hashlib.sha1(anchor_record_id.encode("utf-8")).hexdigest()[:16]


class Story(_Model):
    """Near-duplicate articles (the same text in several outlets) with the earliest as canonical."""

    story_id: str = Field(description="stable id, derived from the canonical article (sto_…)")
    canonical_doc_id: str = Field(description="the earliest article of the story")
    canonical_url: str | None = Field(None, description="its address")
    title: str | None = Field(None, description="its headline")
    n_articles: int = Field(description="number of near-duplicate articles")
    first_seen: dt.date | None = Field(None, description="publication date of the first article")
    last_seen: dt.date | None = Field(None, description="publication date of the last article")
    doc_ids: list[str] = Field(description="the articles")
    urls: list[str] = Field(default_factory=list, description="their addresses")

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
