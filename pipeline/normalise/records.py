"""Assemble initiative records, sentence by sentence, from the analysed document."""
from __future__ import annotations

import re

from krnews.models import Article, InitiativeRecord
from krnews.nlp.tables import load_table, longest_first

from .actors import ActorTracker, is_named_funder
from .context import DocContext, Sentence, parenthesis_of
from .cues import classify
from .initiatives import find_initiative
from .years import assign_years

_SIDEBAR = re.compile(r"^\s*(?:%s)" % longest_first(load_table("funding")["sidebar_markers"]))


def build_records(article: Article, context: DocContext) -> list[InitiativeRecord]:
    """Every initiative record of the article, in text order; the same money told twice once."""
    text = context.text
    actors = ActorTracker()
    records: list[InitiativeRecord] = []
    in_sidebar = False
    paragraph = -1
    for sentence in context.sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            in_sidebar = in_sidebar or bool(_SIDEBAR.match(text, sentence.start))
        if not in_sidebar:
            records.extend(_sentence_records(article, context, sentence, actors))
        actors.end_of_sentence(text, sentence.orgs)
    return _one_per_money(records)


def _sentence_records(article: Article, context: DocContext, sentence: Sentence, actors: ActorTracker):
    text = context.text
    sentence_text = context.sentence_text(sentence)
    amounts = sorted(sentence.amounts, key=lambda a: a.start)
    years = assign_years(text, sentence.start, amounts, sentence.years)
    for i, amount in enumerate(amounts):
        if amount.value is None:  # 수백억원: an order of magnitude, not a figure
            continue
        lower = amounts[i - 1].end if i else sentence.start
        upper = _stretch_end(text, amount, amounts[i + 1 :], sentence.end)
        role = classify(sentence_text, amount.start - sentence.start, amount.end - sentence.start,
                        lower - sentence.start, upper - sentence.start)
        if not role.is_record:
            continue
        actor = actors.actor_for(text, sentence.orgs, amount.start)
        funder = next((o for o in sentence.orgs if is_named_funder(text, o)), None)
        org, recipient, org_role = actor, None, ("recipient" if role.receives else "funder")
        if funder is not None and actor is not None and funder.canonical != actor.canonical:
            org, recipient, org_role = funder, actor.canonical, "funder"
        year = years.get(amount.start)
        amount_text = text[amount.start : amount.end]
        yield InitiativeRecord(
            record_id=InitiativeRecord.make_id(article.doc_id, amount.start, amount_text),
            doc_id=article.doc_id,
            url=article.url,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            org=org.canonical if org else None,
            org_mention=text[org.start : org.end] if org else None,
            org_type=org.org_type if org else None,
            amount_krw=amount.value_krw,
            amount_text=amount_text,
            amount=float(amount.value),
            currency=amount.currency,
            funding_type=role.funding_type,
            org_role=org_role if org else None,
            recipient=recipient,
            year=year.year if year else None,
            year_start=year.year_start if year else None,
            year_end=year.year_end if year else None,
            year_mention=text[year.start : year.end] if year else None,
            initiative=find_initiative(context.doc, amount.start, amount.end, lower, upper)
            or find_initiative(context.doc, amount.start, amount.end, sentence.start, sentence.end),
            sentence=sentence_text,
            amount_start=amount.start,
        )


def _one_per_money(records: list[InitiativeRecord]) -> list[InitiativeRecord]:
    """A headline's figure and the body's, or a restatement, are one money: keep the first told
    in the body (the headline is the first sentence)."""
    kept: dict[tuple, InitiativeRecord] = {}
    for record in records:
        key = (record.org, record.amount_krw if record.amount_krw is not None else record.amount, record.currency,
               record.year, record.year_start, record.year_end)
        if key not in kept or kept[key].amount_start == records[0].amount_start:
            kept[key] = record
    return sorted(kept.values(), key=lambda r: r.amount_start)


def _stretch_end(text: str, amount, following, sentence_end: int) -> int:
    """Where the amount's own stretch ends: at the next amount, looking past amounts in an aside
    that opens right after it (40억원(지난해 29억원)이 배정된: 배정 is 40억원's verb too)."""
    for other in following:
        opened = parenthesis_of(text, other.start, amount.end)
        if opened is None:
            return other.start
    return sentence_end
