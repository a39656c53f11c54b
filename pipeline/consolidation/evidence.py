"""Whether two records of one organisation and one value are the same money: the evidence for and against.

Real outlets name one initiative in their own words and often disagree on its year (or leave it out), so
neither names nor years veto a merge: each is a piece of evidence, weighed with how specific the shared
figure is (14조1759억 is rarely a coincidence, 100억 often is), how similar the two articles are (their
MinHash story signatures) and how close their publication dates are. The weights and the bar are data
(`merge` in data/nlp/consolidation.json); `evidence` lists what counted, `same_money` decides.
"""
from __future__ import annotations

from .matching import RecordKey, comparable, period, same_value, significant_digits, words_found
from .rules import rules


def evidence(a: RecordKey, b: RecordKey, similarity: float | None = None) -> dict[str, int]:
    """The weighed evidence that two records (same organisation, same value) are one money, by name.
    `similarity` is the estimated Jaccard similarity of their articles' story signatures (None: unknown)."""
    merge = rules()["merge"]
    digits = min(significant_digits(a.amount), significant_digits(b.amount), len(merge["amount_digits"]) - 1)
    found = {"amount_digits": merge["amount_digits"][digits]} if merge["amount_digits"][digits] else {}
    names = _names(a, b)
    if a.doc_id != b.doc_id and len(a.figures & b.figures) >= merge["shared_figures"]:
        names.append("figures_shared")
    pa, pb = period(a), period(b)
    if pa is not None and pb is not None:
        names.append("years_agree" if pa[0] <= pb[1] and pb[0] <= pa[1] else "years_conflict")
    if a.doc_id != b.doc_id:  # one article says nothing about its own story or date
        if similarity is not None and similarity >= rules()["story_threshold"]:
            names.append("same_story")
        elif similarity is not None and similarity >= merge["related_story_similarity"]:
            names.append("related_story")
        if a.published is not None and b.published is not None:
            days = abs((a.published - b.published).days)
            if days <= merge["dates_close_days"]:
                names.append("dates_close")
            elif days > merge["dates_far_days"]:
                names.append("dates_far")
    return found | {name: merge["weights"][name] for name in names}


def _names(a: RecordKey, b: RecordKey) -> list[str]:
    """Two names agree when every word of the one with fewer words is in the other, and conflict otherwise
    (북구 수소 사업 and 남구 수소 사업). One name: it agrees when its words are all in the other record's
    sentence, else nothing is known. No name: the sentences are alike, or nothing is known."""
    overlap = rules()["name_overlap"]
    if a.words and b.words:
        fewer, more = (a, b) if (len(a.words), a.compact_name) <= (len(b.words), b.compact_name) else (b, a)
        return ["names_agree" if words_found(fewer.words, more.compact_name) >= overlap else "names_conflict"]
    if a.words or b.words:
        named, other = (a, b) if a.words else (b, a)
        return ["names_agree"] if words_found(named.words, other.compact_sentence) >= overlap else []
    union = a.sentence_grams | b.sentence_grams
    if union and len(a.sentence_grams & b.sentence_grams) / len(union) >= rules()["unnamed_sentence_similarity"]:
        return ["sentences_alike"]
    return []


def same_money(a: RecordKey, b: RecordKey, similarity: float | None = None) -> bool:
    """Same organisation and currency, the same value (equal, or one a rounding of the other), and enough
    evidence (`merge.threshold`) that it is the same money."""
    if not comparable(a, b) or not same_value(a.amount, b.amount):
        return False
    return sum(evidence(a, b, similarity).values()) >= rules()["merge"]["threshold"]
