"""Assemble initiative records, sentence by sentence, from the analysed document."""
from __future__ import annotations

import re
from collections import Counter

from krnews.models import Article, InitiativeRecord, Reason
from krnews.nlp.amounts import Amount
from krnews.nlp.orgs import Org
from krnews.nlp.tables import load_table, longest_first

from .actors import BULLETS, ActorTracker, acts, can_act, in_dateline, named_groups, named_regions
from .context import DocContext, Sentence, parenthesis_of
from .decisions import Candidate, acting_now, decide
from .initiatives import find_initiative
from .requests import RequestFrame
from .shares import shared_items
from .years import HOW_RANK, YearChoice, YearTracker, assign_years, points_of_comparison, publication_year

_WORDS = re.compile(r"[가-힣A-Za-z0-9]{2,}")
_LIST_ITEMS = 3  # records one sentence must state to be a list of items
_SENTENCE_ENDS = (".", "다", "요", "?", "!", "。", "\"", "”", "'", "’")
_SIDEBAR = re.compile(r"\s*(?:%s)" % longest_first(load_table("funding")["sidebar_markers"]))
_RESPECTIVELY = re.compile(r"(?<![가-힣])(?:%s)(?![가-힣])" % longest_first(load_table("funding")["grammar"]["respectively"]))
# 삼성전자와 SK하이닉스, 삼성전자·SK하이닉스: the words that list organisations
_ORG_JOIN = re.compile(r"\s?(?:%s)\s?" % longest_first(sorted({join.strip() for join in load_table("orgs")["list_joins"]})))
# 200억원, 2023년 250억원 / 4억 원 △전통시장 사업 10억 원 / 건립(131억) △센터 건립(130억): the gap between
# two amounts of one list, joined by a comma, a conjunction or the next item's bullet
# an item may carry an aside after its amount: 619억원(증가율 13.80%) ▲…, 500억원(12.3%), …
_ITEM_ASIDE = r"(?:\s?\([^()]{1,20}\))?"
_LIST_JOIN = re.compile(r"%s\s?(?:%s)\s?(?:[^\s,.()]{1,12}\s){0,6}|%s\)?\s?[%s]\s?(?:[^\s,.()]{1,12}\s){0,6}(?:[^\s,.()]{1,12}\()?"
                        % (_ITEM_ASIDE, longest_first(load_table("funding")["grammar"]["list_conjunctions"]), _ITEM_ASIDE, BULLETS))
# 70억달러(약 7조5000억원), 2천5백만달러어치(3백40억원상당), 4억 달러 우리 돈 4,300여억 원: the won figure
# is the same money
_RESTATED = load_table("funding")["won_restatement"]
_WON_ASIDE = re.compile(r"^(?:%s)?\s?(?:\((?:\s?(?:%s))*|\s(?:%s)(?:\s?약)?)\s?$" % (
    longest_first(_RESTATED["worth"]), longest_first(_RESTATED["in_aside"]), longest_first(_RESTATED["spoken"])))


class Reading:
    """Reads the document in order, keeping what a reader keeps in mind: who acts, which year and
    which kind of money the text is about."""

    def __init__(self, article: Article, context: DocContext):
        self.article, self.context, self.text = article, context, context.text
        for sentence in context.sentences:  # 남제주군 대정문화체육센터에 39억원: its body pays for a facility
            bodies = [o.body if o.body is not None and not can_act(o) else o for o in sentence.orgs if not in_dateline(self.text, o)]
            named = named_groups(self.text, sentence.start, sentence.end) + named_regions(self.text, sentence.start, sentence.end)
            sentence.orgs = sorted(bodies + named, key=lambda o: o.start)
        self.actors = ActorTracker(context)
        self.requests = RequestFrame(self.text)
        self.asking = False  # the sentence read now speaks of money asked for (requests.py)
        self.years = YearTracker()
        self.topic: str | None = None  # funding type of the paragraph's last record
        self.no_initiative = False  # the sentence read now names money that is no initiative (매출, 적자)
        self.initiatives: dict[str, str] = {}  # organisation -> the initiative it was last said to fund
        self.year_how: dict[str, str] = {}  # record_id -> how its year was found (a HOW_RANK key)
        self.headings: set[str] = set()  # record_ids told by a heading line (the title, a subheading)
        self.respective: dict[int, Org] = {}  # amount.start -> organisation, for the sentence read now (각각)
        self.compared_years: set[int] = set()  # the years the sentence read now compares its money with

    def records(self) -> list[InitiativeRecord]:
        found: list[InitiativeRecord] = []
        in_sidebar = False
        paragraph = -1
        last: tuple[int, int] | None = None  # (where the last sentence's records start in found, its paragraph)
        for sentence in self.context.sentences:
            if sentence.paragraph != paragraph:
                paragraph = sentence.paragraph
                in_sidebar = in_sidebar or bool(_SIDEBAR.match(self.text, sentence.start))
            if not in_sidebar:
                made = self._with_known_initiatives(self._sentence(sentence), sentence)
                if made:
                    found.extend(made)
                    last = (len(found) - len(made), sentence.paragraph)
                elif last is not None and last[1] == sentence.paragraph:
                    self._dated_after(found, last[0], sentence)
                    last = None
            self.actors.end_of_sentence(sentence)
        return _one_per_money(found, self.year_how, self.headings)

    def _dated_after(self, found: list[InitiativeRecord], first: int, sentence: Sentence) -> None:
        """A period stated in the sentence right after the money, which names none of its own (… 삼백억원을
        투자한다. 사업 기간은 2024년부터 2026년까지다.), dates the records only the publication dated."""
        periods = [y for y in sentence.years if not (y.comparison or y.event) and y.year is None]
        if len(periods) != 1 or sentence.amounts:
            return
        period = periods[0]
        for index in range(first, len(found)):
            record = found[index]
            if self.year_how.get(record.record_id) in ("published", "current"):
                found[index] = record.model_copy(update={
                    "year": None, "year_start": period.year_start, "year_end": period.year_end,
                    "year_mention": self.text[period.start : period.end]})
                self.year_how[record.record_id] = "sentence"
                found[index].why = {**record.why, "year": Reason(step="year", rule="a period stated in the next sentence",
                                                                 words=found[index].year_mention)}

    def _with_known_initiatives(self, made: list[InitiativeRecord], sentence: Sentence) -> list[InitiativeRecord]:
        """A record whose sentence names no initiative (이 사업의 총사업비는 2,870억원이다; 내년에는
        150억원까지 확대한다) takes the one its organisation was last said to fund in the article, unless
        the sentence speaks of another organisation (협회에 따르면 지난해 벤처투자 총액은 …)."""
        others = {o.canonical for o in sentence.orgs}
        for index, record in enumerate(made):
            if record.initiative:
                if record.org:
                    self.initiatives[record.org] = record.initiative
            elif record.org in self.initiatives and others <= {record.org}:
                made[index] = record.model_copy(update={"initiative": self.initiatives[record.org]})
        return made

    def _sentence(self, sentence: Sentence) -> list[InitiativeRecord]:
        current = self.actors.current
        self.asking = self.requests.read(sentence)
        if not sentence.amounts:  # most sentences: only the year they speak of is kept in mind
            self.years.end_of_sentence(sentence.years, {}, [], current.canonical if current else None)
            return []
        amounts = sorted(sentence.amounts, key=lambda a: a.start)
        self.no_initiative = False
        subjects = [o.start for o in sentence.orgs if can_act(o) and acts(self.text, o, sentence.start)]
        compared = points_of_comparison(self.text, amounts)
        years = assign_years(self.context.doc, sentence.start, sentence.end, amounts, sentence.years, compared, subjects)
        made = []
        # 올해(4조1496억원)보다, 올해보다: the years the sentence compares its money with are not its money's
        self.compared_years = {years[a].year.year for a in compared if a in years} | {
            y.year for y in sentence.years if y.comparison}
        lists = _lists(self.text, amounts, sentence.start)
        self.respective = self._respective(sentence, amounts, lists)
        for i, amount in enumerate(amounts):
            following = amounts[i + 1 :]
            if amount.value is None or self._restated_in_won(amount, following):
                continue
            lower = amounts[i - 1].end if i else sentence.start
            upper = _stretch_end(self.text, amount, following, sentence.end)
            record = self._record(sentence, amount, lower, upper, years.get(amount.start), lists.get(amount.start))
            if record is None:
                continue
            if i and _is_aside_of(self.text, amount, amounts[i - 1]):  # 화폐전시관 건립 30억원(총사업비 100억원)
                outer, outer_lower = amounts[i - 1], amounts[i - 2].end if i > 1 else sentence.start
                named = find_initiative(self.context.doc, outer.start, outer.end, outer_lower, outer.end)
                record = record.model_copy(update={"initiative": named or record.initiative})
            items = shared_items(self.context.doc, self.text, sentence.start, amount, amount.start in lists)
            made.extend(self._shares(record, items, sentence) if items else [record])
        if _is_heading_line(self.text, sentence.start, sentence.end):
            self.headings.update(r.record_id for r in made)
        topical = [r for r in made if r.amount_start not in compared]
        # 추경예산안은 총 1조 6080억 원 규모로: the year of the budget the text is about dates what follows
        budget_years = {r.amount_start: publication_year(self.article.published, "supplementary")
                        for r in made if self.year_how.get(r.record_id) == "supplementary" and r.amount_start not in years}
        self.years.end_of_sentence(sentence.years, {**years, **budget_years}, topical, current.canonical if current else None)
        # money that is no initiative (적자, 매출) ends the run of the paragraph's kind; a difference, a
        # bracket or a figure compared with does not
        if made:
            self.topic = made[-1].funding_type
        elif self.no_initiative:
            self.topic = None
        return made

    def _shares(self, record: InitiativeRecord, items: list[tuple[int, int]], sentence: Sentence) -> list[InitiativeRecord]:
        """One record per item given the amount each (shares.py): an item that is an organisation
        (A와 B가 각각 450억원 규모의 조합을) is the record's; any other names what it is for."""
        shares = []
        for index, (start, end) in enumerate(items):
            body = next((o for o in sentence.orgs if (o.start, o.end) == (start, end) and can_act(o)), None)
            update = {"initiative": self.text[start:end]} if body is None else {
                "org": body.canonical, "org_mention": self.text[start:end], "org_type": body.org_type,
                "why": {**record.why, "org": Reason(step="owner", rule="given the same amount as the others listed",
                                                    words=self.text[start:end])}}
            if index:
                update["record_id"] = InitiativeRecord.make_id(record.doc_id, record.amount_start, f"{record.amount_text}#{index}")
                self.year_how[update["record_id"]] = self.year_how.get(record.record_id)
            shares.append(record.model_copy(update=update))
        return shares

    def _respective(self, sentence: Sentence, amounts: list[Amount], lists: dict) -> dict[int, Org]:
        """삼성전자와 SK하이닉스는 … 각각 360조원, 120조원을: amount.start -> its organisation, in order,
        when organisations joined before 각각 are as many as the amounts of the list after it."""
        text, assigned = self.text, {}
        for head_limit, head_start, list_end in set(lists.values()):
            respectively = _RESPECTIVELY.search(text, sentence.start, head_start)
            if respectively is None:
                continue
            orgs = [o for o in sentence.orgs if can_act(o) and o.end <= respectively.start()]
            joined = orgs[-1:]
            for org in reversed(orgs[:-1]):
                if not _ORG_JOIN.fullmatch(text, org.end, joined[0].start):
                    break
                joined.insert(0, org)
            items = [a for a in amounts if head_start <= a.start < list_end]
            if len(joined) > 1 and len(joined) == len(items):
                assigned.update((a.start, o) for a, o in zip(items, joined))
        return assigned

    def year_from_context(self, actor, predicate: str, part_of: bool, after_comparison: YearChoice | None,
                          of_the_year: bool = False) -> YearChoice | None:
        """No year in the sentence: the year the text is about, unless it was said of another
        organisation and this one acts now (현대중공업도 … 투자키로 했다): then the year after the one the
        sentence compares the money with (after_comparison), or the publication year. The publication
        year also dates money of a kind spent within a year (`of_the_year`: a budget's lines, grants) in
        an article whose money was already found acted on now, where no year was ever written (주요세출
        내역을 보면 …에 13억원, …에 11억원 등이다). A part of the money just given (교육부는 이 중 …) has that
        money's year whoever spends it."""
        carried, said_of = self.years.current, self.years.actor
        published = self.article.published
        # 경상북도는 4조8561억원을 확보해 올해(4조1496억원)보다 17% 늘었다: compared with this year, not this year's
        this_year_compared = published is not None and published.year in self.compared_years
        now = published is not None and acting_now(predicate) and not this_year_compared
        other_actor = said_of is not None and actor is not None and said_of != actor.canonical
        if carried is not None and (part_of or not other_actor or not now):
            if this_year_compared and carried.year == published.year:
                return after_comparison
            return YearChoice(carried, "carried")
        if after_comparison is not None:
            return after_comparison
        if published is not None and not this_year_compared:
            if now:
                return publication_year(published)
            if of_the_year and "published" in self.year_how.values():
                return publication_year(published, "current")
        return None

    def _restated_in_won(self, amount: Amount, following: list[Amount]) -> bool:
        return (
            amount.currency != "KRW"
            and bool(following)
            and following[0].currency == "KRW"
            and bool(_WON_ASIDE.match(self.text[amount.end : following[0].start]))
        )

    def _record(self, sentence: Sentence, amount: Amount, lower: int, upper: int, choice: YearChoice | None,
                in_list: tuple[int, int, int] | None) -> InitiativeRecord | None:
        c = Candidate(sentence, amount, lower, upper, in_list, choice)
        if not decide(c, self):
            return None
        text, article, org, year = self.text, self.article, c.org, c.year.year if c.year else None
        amount_text = text[amount.start : amount.end]
        record = InitiativeRecord(
            record_id=InitiativeRecord.make_id(article.doc_id, amount.start, amount_text),
            doc_id=article.doc_id,
            url=article.url,
            source=article.source,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            org=org.canonical if org else None,
            org_mention=(text[org.start : org.end] or None) if org else None,  # none for a body no one named
            org_type=org.org_type if org else None,
            amount_krw=amount.value_krw,
            amount_text=amount_text,
            amount=float(amount.value),
            currency=amount.currency,
            funding_type=c.funding_type,
            org_role=c.org_role,
            recipient=c.recipient,
            year=year.year if year else None,
            year_start=year.year_start if year else None,
            year_end=year.year_end if year else None,
            year_mention=text[year.start : year.end] if year and year.end > year.start else None,
            initiative=c.initiative,
            sentence=text[sentence.start : sentence.end],
            amount_start=amount.start,
            why=c.why,
        )
        if c.year is not None:
            self.year_how[record.record_id] = c.year.how
        return record


def build_records(article: Article, context: DocContext) -> list[InitiativeRecord]:
    """Every initiative record of the article, in text order; the same money told twice once. Each
    record's `why` says which decision set its organisation, year and funding type, and from which words."""
    return Reading(article, context).records()


def _is_aside_of(text: str, amount: Amount, previous: Amount) -> bool:
    """The amount stands in an aside opened right after the previous one, which names what it is for."""
    opening = parenthesis_of(text, amount.start, previous.end)
    return opening is not None and not text[previous.end : opening].strip()


def _stretch_end(text: str, amount: Amount, following: list[Amount], sentence_end: int) -> int:
    """Where the amount's own stretch ends: at the next amount, looking past amounts in an aside
    that opens right after it (40억원(지난해 29억원)이 배정된: 배정 is 40억원's verb too)."""
    for other in following:
        if parenthesis_of(text, other.start, amount.end) is None:
            return other.start
    return sentence_end


def _lists(text: str, amounts: list[Amount], sentence_start: int) -> dict[int, tuple[int, int, int]]:
    """amount.start -> (where the stretch before its list's first amount starts, that amount's start,
    the list's last amount's end) for the amounts of lists: amounts joined by a comma or 과/와/및,
    each with a few words of its own before it (특별교부세로 A 8억 원, 도 재정건의사업으로 B 5억 원)."""
    lists: dict[int, tuple[int, int, int]] = {}
    group: list[Amount] = []
    for amount in [*amounts, None]:
        if amount is not None and group and _LIST_JOIN.fullmatch(text, group[-1].end, amount.start):
            group.append(amount)
            continue
        if len(group) > 1:
            head = group[0]
            index = amounts.index(head)
            head_limit = amounts[index - 1].end if index else sentence_start
            lists.update({a.start: (head_limit, head.start, group[-1].end) for a in group})
        group = [amount] if amount is not None else []
    return lists


def _is_period(record: InitiativeRecord) -> bool:
    return record.year_start is not None and record.year_end is not None


def _one_per_money(records: list[InitiativeRecord], year_how: dict[str, str], headings: set[str]) -> list[InitiativeRecord]:
    """The same organisation's same money told twice (headline and body, a restatement) is one
    record: the first telling in the body keeps it (a heading only when nothing else tells it),
    with the year of the telling that states it best (a year written beside the amount over one
    carried from earlier sentences, a full period over one year, any year over words that give none). A
    heading names its organisation loosely, so its money is the body's money of the same amount whoever
    the body says spends it."""
    kept: list[InitiativeRecord] = []
    # a telling whose year words resolve to no year (내년 in an undated article) states it worst
    rank = lambda r: HOW_RANK.get(year_how.get(r.record_id), -1) - (0 if _is_dated(r) else _UNDATED)  # noqa: E731
    heading = lambda r: _is_headline(r) or r.record_id in headings  # noqa: E731
    listing = {sentence for sentence, n in Counter(r.sentence for r in records).items() if n >= _LIST_ITEMS}
    for record in records:
        loose = heading(record)
        index = next((i for i, first in enumerate(kept) if _same_money(first, record, listing, loose or heading(first))), None)
        if index is None:
            kept.append(record)
            continue
        first = kept[index]
        keeper = record if heading(first) and not loose else first
        better_year = rank(record) > rank(first) or (rank(record) == rank(first) and _is_period(record) and not _is_period(first))
        dated = record if better_year else first
        other = record if keeper is first else first
        kept[index] = keeper.model_copy(update={
            "year": dated.year, "year_start": dated.year_start, "year_end": dated.year_end, "year_mention": dated.year_mention,
            "initiative": keeper.initiative or other.initiative,
            "why": {**keeper.why, "year": dated.why["year"]},
        })
        year_how[keeper.record_id] = year_how.get(dated.record_id)
    return sorted(kept, key=lambda r: r.amount_start)


_UNDATED = 10  # below every HOW_RANK


def _is_dated(record: InitiativeRecord) -> bool:
    return record.year is not None or record.year_start is not None or record.year_end is not None


def _is_headline(record: InitiativeRecord) -> bool:
    return bool(record.title) and record.sentence.strip() == record.title.strip()


def _is_heading_line(text: str, start: int, end: int) -> bool:
    """A line of its own with no sentence ending: a title or subheading ([10대그룹 총 1056조 투자],
    4582억원 투입해 전국 최초 환지 방식으로 개발)."""
    whole_line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    return whole_line and not text[start:end].rstrip().endswith(_SENTENCE_ENDS)


def _rounds(a, b) -> bool:
    """Whether the rounder of two figures is the other rounded to its own last non-zero digit (3천억 ~ 3천190억,
    not 3천900억; 1조1천억 ~ 1조836억)."""
    if a is None or b is None or a == b:
        return a == b
    rounder, exact = (int(a), int(b)) if _trailing_zeros(int(a)) > _trailing_zeros(int(b)) else (int(b), int(a))
    step = 10 ** _trailing_zeros(rounder)
    return step > 1 and abs(rounder - exact) * 2 <= step


def _trailing_zeros(number: int) -> int:
    return len(str(number)) - len(str(number).rstrip("0")) if number else 0


def _same_money(a: InitiativeRecord, b: InitiativeRecord, listing: set[str], any_org: bool = False) -> bool:
    """Equal organisation (any, with `any_org`) and amount: one money told again, unless one sentence
    gives them different kinds (시비 and 구비), or it stands in a list of items (화폐전시관 건립 30억원, …;
    안인화력발전기금 30억원, …) beside an initiative it has nothing in common with. `listing` holds the
    sentences that state several records."""
    if a.amount_start == b.amount_start and a.sentence == b.sentence and a.record_id != b.record_id:
        return False  # the same amount given to each of several items (40억 원씩): one record each
    if a.currency != b.currency or (a.org != b.org and not any_org):
        return False
    first, second = (a.amount_krw if a.amount_krw is not None else a.amount), (b.amount_krw if b.amount_krw is not None else b.amount)
    if first != second and not (any_org and _rounds(first, second)):
        return False  # a heading may round the body's figure (한류사업 3천억 for 3천190억원)
    if a.sentence == b.sentence and 0 < abs(a.amount_start - b.amount_start) < len(a.sentence):
        return False  # 시비 29억원, 구비 29억원; A면 사업 40억원, B면 사업 40억원: one sentence names each money once
    in_a_list = a.sentence == b.sentence or a.sentence in listing or b.sentence in listing
    if not in_a_list or not a.initiative or not b.initiative:
        return True
    return bool(set(_WORDS.findall(a.initiative)) & set(_WORDS.findall(b.initiative)))


