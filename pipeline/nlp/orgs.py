"""The `krnews_orgs` component: organisations with canonical names and types.

Two sources, both data: the gazetteer data/orgs/patterns.jsonl (spaCy EntityRuler JSONL:
label, pattern, id = canonical name; data/orgs/organisations.jsonl gives each id its org_type),
and the rules of data/nlp/orgs.json for bodies not in it: suffixes (…사업단, …재단, …경찰서), company
marks ((주)…), capitalised acronyms acting as a subject (KCC도), company words heading a subject
(나카무라정공은), and the words around a name (업체 X, X 관계자: see orgcues). A body's unit written after
it is part of its name (서울중앙지검 형사1부), and an acronym in brackets after a body names it too.
Matching is on characters, not morphemes, so a name is found the same way in every sentence: a name
starts at a word boundary and ends where a particle or a non-word character follows (광주시는,
과기정통부와), never inside a longer word (서울시장, 서울시민).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import doc_text
from .found import set_found
from .orgcues import CueRules, holds_a_verb, is_common_noun, is_name_shaped, is_place_name, preceded
from .tables import load_jsonl, load_table, longest_first

_RULES = load_table("orgs")
DEFAULT_PATTERNS = "orgs/patterns.jsonl"
DEFAULT_ORGANISATIONS = "orgs/organisations.jsonl"
_WORD = "가-힣A-Za-z0-9"


@dataclass(frozen=True)
class Org:
    canonical: str
    org_type: str | None
    start: int
    end: int
    in_gazetteer: bool = True  # False: recognised by a suffix rule (…센터, …재단), may name a facility
    body: Org | None = None  # of a unit named with its body (영동군 농업기술센터), that body (영동군)
    group: bool = False  # several bodies named as one (16개 대기업, 도내 일선 시군): the name as written


def trie_regex(words) -> str:
    """One regex matching any of `words`, longest first, factored by common prefixes."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return render(trie)


class _CompiledOnUse(dict):
    """Regular expressions by key, each compiled the first time it is asked for. An article needs a
    tenth of the gazetteer's tries, and compiling all of them was most of the NLP stage's load time."""

    def __init__(self, sources: dict[str, str]):
        super().__init__()
        self._sources = sources

    def __missing__(self, key: str) -> re.Pattern:
        pattern = self[key] = re.compile(self._sources[key])
        return pattern

    def compile_all(self) -> None:
        for key in self._sources:
            self[key]


class OrgMatcher:
    """Finds organisation names in text; built once from the data files."""

    def __init__(self, patterns: list[dict], organisations: list[dict], rules: dict):
        self.canonical = {p["pattern"]: p["id"] for p in patterns if p.get("label", "ORG") == "ORG" and p["pattern"]}
        self.org_type = {o["id"]: o.get("org_type") for o in organisations}
        # 울산시의회: a council decides its government's budget; the government is the council's body
        self._council_of = {o["id"]: o["parent"] for o in organisations if o.get("org_type") == "local_council" and o.get("parent")}
        particles = rf"(?:{longest_first(rules['particles'])})"
        end = rf"(?=[^{_WORD}]|$|{particles}+(?![{_WORD}])|(?:{longest_first(rules['glued_words'])}){particles}*(?![{_WORD}]))"
        # a known name may also end where a subsidiary's or business line's word is glued to it (넥슨재팬)
        self._tail_kind = {word: "subsidiary" for word in rules["subsidiary_words"]}
        self._tail_kind |= {word: "business" for word in rules["business_words"]}
        tail, word_end = longest_first(self._tail_kind), rf"(?={particles}*(?![{_WORD}]))"
        self._glued_tail = re.compile(rf"(?P<tail>{tail}){word_end}")
        name_end = rf"(?:{end}|(?=(?:{tail}){word_end}))"
        # One trie per first character, chosen by a dict lookup at each word start: a single trie of all
        # names made the regex engine try every first character in turn at every position.
        by_first: dict[str, list[str]] = {}
        for name in self.canonical:
            by_first.setdefault(name[0], []).append(name)
        self._name_start = re.compile(rf"(?<![{_WORD}])[{''.join(sorted(map(re.escape, by_first)))}]")
        self._names_from = _CompiledOnUse({char: rf"{trie_regex(names)}{name_end}" for char, names in by_first.items()})
        self._suffix_type = rules["suffixes"]
        self._excluded_heads = tuple(rules["not_before_suffix"])
        marks = longest_first(rules["company_marks"])
        longest = rules["max_name_chars"]
        # A name ending in a suffix is looked for from the suffix back: suffixes are rare, word starts everywhere.
        self._longest = longest
        self._suffix = re.compile(rf"(?P<suffix>{longest_first(self._suffix_type)}){end}")
        self._suffix_head = re.compile(rf"(?<![{_WORD}])[{_WORD}·&]{{1,{longest}}}$")
        # (재)경남문화예술진흥원, 삼성전자(주): a legal-form mark before or after the name, never between words
        # (looked for from the mark: marks are rare)
        self._mark = re.compile(marks)
        self._marked_after = re.compile(rf"\s?(?P<name>[{_WORD}&]{{2,{longest}}}?){end}")
        self._marked_before = re.compile(rf"(?<![{_WORD}])[{_WORD}&]{{2,{longest}}}$")
        self._word_char = re.compile(rf"[{_WORD}]")
        self._mark_type = rules["company_marks"]
        self._acronym = re.compile(
            rf"(?<![{_WORD}&+])(?P<name>(?:[A-Z]{{2,}} )?[A-Z][A-Z0-9&+]{{1,7}})(?=(?:{longest_first(rules['acronym_particles'])})\s)"
        )
        self._not_acronym_orgs = frozenset(rules["not_acronym_orgs"])
        acting = longest_first(rules["acronym_particles"])
        self._industry_words = tuple(rules["industry_words"])  # 시스템반도체는, 신재생에너지는: industries
        self._company_suffix = re.compile(rf"(?P<suffix>{longest_first(rules['subject_company_suffixes'])}){end}")
        self._company_head = re.compile(rf"(?<![{_WORD}])[{_WORD}]{{2,{longest}}}$")
        self._acting = re.compile(rf"(?:{acting})\s")
        self._cues = CueRules(rules, _WORD, end)
        self._coordinated_types = frozenset(rules["coordinated_types"])
        # 서울시장, 전남도지사: the last syllable of the government's name and its head's title, looked for
        # first (they are rare), then the name before them
        titles = [unit + head for unit, head in rules["office_heads"].items()]
        # 청주 (청주시), 남해 (남해군): a local government's name may be written without its unit
        self._place_units = ("", *rules["office_heads"])
        self._office = re.compile(rf"(?:{longest_first(titles)})(?={particles}*(?![{_WORD}]))")
        self._office_body = re.compile(rf"(?<![{_WORD}])[가-힣]{{1,12}}$")
        self._branch_types = frozenset(rules["branch_types"])
        self._category_names = frozenset(rules["category_names"])
        self._named_suffixes = frozenset(rules["named_suffixes"])
        self._acronym_after = re.compile(r"\((?P<name>[A-Z][A-Za-z0-9&]{1,9})\)")
        # 인천수협: a region's name glued before a known body's names its branch there
        regions = rules["region_prefixes"]
        self._regional = re.compile(
            rf"(?=[{''.join(sorted({r[0] for r in regions}))}])(?<![{_WORD}])"
            rf"(?P<region>{longest_first(regions)})(?P<body>[{_WORD}]{{2,{longest}}}?){end}"
        )
        self._unit_type = rules["unit_suffixes"]
        self._within_types = rules["unit_suffixes_within"]
        self._unit_within = re.compile(
            rf" (?P<unit>[{_WORD}]{{2,{longest}}}?(?P<suffix>{longest_first(self._within_types)})){end}"
        )
        self._currency = re.compile(rf"(?:{longest_first(rules['currency_names'])})(?=(?:으로|로)?\s*(?:약\s*)?\d)")
        not_words = longest_first(rules["unit_not_words"])
        # a word of the unit before its last: a noun, not a number (10개) nor a particle-marked or verb-ended word (지원하는)
        leading = rf"(?!(?:{not_words}) )[가-힣A-Za-z·]+(?<![{''.join(rules['unit_word_not_after'])}])"
        self._unit = re.compile(
            rf" (?!(?:{not_words})[ {_WORD}])(?P<unit>(?:{leading} ){{0,{rules['unit_max_words'] - 1}}}"
            rf"[{_WORD}·]*?(?P<suffix>\d+[가-힣]{{0,3}}부|{longest_first(self._unit_type)})){end}"
        )

    def find(self, text: str) -> list[Org]:
        known = (
            self._with_tail(text, self._known(self.canonical[m.group()], *m.span()))
            for m in self._gazetteer_names(text)
            if not self._currency.match(text, m.start())  # 한화 20억원: Korean won
        )
        found = [org for org in known if org is not None]
        taken = [(o.start, o.end) for o in found]
        for org in self._by_rules(text):
            if not any(org.start < end and start < org.end for start, end in taken):
                found.append(org)
                taken.append((org.start, org.end))
        found.sort(key=lambda o: o.start)
        return self._with_acronyms(text, self._with_units(text, self._with_coordinated(text, found)))

    def _known(self, canonical: str, start: int, end: int) -> Org:
        government = self._council_of.get(canonical)
        body = Org(government, self.org_type.get(government), start, end) if government else None
        return Org(canonical, self.org_type.get(canonical), start, end, body=body)

    def offices(self, text: str) -> list[Org]:
        """오세훈 서울시장은: the local government whose head is written against its name (서울시 + 장),
        each as the government's name; no mention, but who speaks for it where money is announced."""
        found = []
        for title, before in preceded(self._office, self._office_body, text, 12):
            body_end = title.start() + 1  # the name keeps its last syllable: 서울시 of 서울시장
            canonical = self._local_government(text[before.start() : body_end])
            if canonical:
                found.append(Org(canonical, "local_gov", before.start(), body_end))
        return found

    def _local_government(self, name: str) -> str | None:
        """The canonical name of the local government `name` names, if it names one."""
        canonical = self.canonical.get(name)
        return canonical if canonical and self.org_type.get(canonical) == "local_gov" else None

    def compile_all(self) -> None:
        """Compile every pattern now (before forking workers, which then share them) rather than on use."""
        self._names_from.compile_all()

    def names_a_place(self, word: str) -> bool:
        """청주, 미국, 남해: a place name (MeCab-ko's 지명) or a local government's name without its unit."""
        return is_place_name(word) or any(self._local_government(word + unit) for unit in self._place_units)

    def _with_tail(self, text: str, org: Org) -> Org | None:
        """넥슨재팬, 포브스코리아, 롯데관광: a subsidiary's word glued to a known name, or a business line's
        word glued to a company's, names the subsidiary; glued to another body (KPGA투어) it names no body."""
        tail = self._glued_tail.match(text, org.end)
        if tail is None:
            return org
        if self._tail_kind[tail["tail"]] == "business" and org.org_type != "company":
            return None
        return Org(text[org.start : tail.end()], org.org_type, org.start, tail.end(), in_gazetteer=False, body=org)

    def _with_coordinated(self, text: str, found: list[Org]) -> list[Org]:
        """Companies listed with a company (아사히·삿포로·기린 with one of them known), in a chain."""
        taken = [(o.start, o.end) for o in found]
        queue = [o for o in found if o.org_type in self._coordinated_types]
        while queue:
            org = queue.pop()
            for start, end in self._cues.coordinated(text, org.start, org.end):
                if not any(start < e and s < end for s, e in taken):
                    name = Org(text[start:end], org.org_type, start, end, in_gazetteer=False)
                    found.append(name)
                    taken.append((start, end))
                    queue.append(name)
        return sorted(found, key=lambda o: o.start)

    def _gazetteer_names(self, text: str):
        """Matches of gazetteer names, longest first at each word start, never overlapping."""
        after = 0
        for start in self._name_start.finditer(text):
            if start.start() >= after:
                name = self._names_from[start.group()].match(text, start.start())
                if name:
                    after = name.end()
                    yield name

    def _with_acronyms(self, text: str, found: list[Org]) -> list[Org]:
        """포항산업과학연구원(RIST): the acronym in brackets right after a body is that body too."""
        named = []
        for org in found:
            named.append(org)
            acronym = self._acronym_after.match(text, org.end)
            if acronym and not any(o.start == acronym.start("name") for o in found):
                named.append(Org(org.canonical, org.org_type, *acronym.span("name"), in_gazetteer=org.in_gazetteer))
        return named

    def _with_units(self, text: str, found: list[Org]) -> list[Org]:
        """Each body with its own unit written after it (서울중앙지검 형사1부) as one organisation; a name
        inside that unit (합동경제위원회 in 미 의회 합동경제위원회) is part of it, not another body."""
        joined: list[Org] = []
        for org in found:
            if joined and org.start < joined[-1].end:
                continue
            unit = self._unit.match(text, org.end) or self._unit_within.match(text, org.end)
            if unit and org.org_type in self._within_types.get(unit["suffix"], [org.org_type]):
                org_type = self._unit_type.get(unit["suffix"]) or org.org_type
                # 전북도 교육청: a unit that is a body of its own when glued to the name is that body
                glued = self.canonical.get(org.canonical + unit["unit"])
                name = glued or (org.canonical if org.canonical.endswith(unit["unit"]) else f"{org.canonical} {unit['unit']}")
                org = Org(name, org_type, org.start, unit.end("unit"), in_gazetteer=glued is not None, body=org)
            joined.append(org)
        return joined

    def _known_tail(self, name: str) -> str | None:
        """The longest gazetteer name `name` ends with after a Hangul-only start (돌파|한국은행), if any."""
        for cut in range(2, len(name) - 2):
            if self.canonical.get(name[cut:]) == name[cut:] and all("가" <= char <= "힣" for char in name[:cut]):
                return name[cut:]
        return None

    def _marked(self, text: str):
        """(mark, start, end) of each name written with a legal-form mark: 삼성전자(주) (the mark right after
        the name, ending its word or followed by a particle: 영원비료㈜는), else (재)경남문화예술진흥원 (the name
        after the mark)."""
        after = 0
        for m in self._mark.finditer(text):
            if m.start() < after:
                continue
            before = self._marked_before.search(text, max(0, m.start() - self._longest), m.start())
            if before and before.start() >= after and (not self._word_char.match(text, m.end()) or self._acting.match(text, m.end())):
                yield m.group(), before.start(), before.end()
                continue
            name = self._marked_after.match(text, m.end())
            if name:
                after = name.end()
                yield m.group(), name.start("name"), name.end("name")

    def _headed(self, suffixes: re.Pattern, heads: re.Pattern, text: str):
        """(head, suffix, end) of each word that ends in a suffix (and particles) after a head."""
        for suffix, head in preceded(suffixes, heads, text, self._longest):
            yield head.group(), suffix.group("suffix"), suffix.end()

    def _by_rules(self, text: str):
        for head, suffix, end in self._headed(self._suffix, self._suffix_head, text):
            whole = head + suffix
            if (head.endswith(self._excluded_heads) and head not in self.canonical) or whole in self._category_names:
                continue
            if suffix in self._named_suffixes and is_common_noun(head.rsplit("·", 1)[-1]):
                continue  # 심사위원회, 지원센터, 록그룹: a kind of body, not a name
            name = whole.rsplit("·", 1)[-1]  # 미르·K스포츠재단, (52·환경보건시민센터: the last name
            if len(name) <= len(suffix):
                continue
            start = end - len(name)
            known = self._known_tail(name)
            if known:  # 돌파한국은행: a headline glued to a known name
                tail_start = end - len(known)
                yield Org(self.canonical[known], self.org_type.get(self.canonical[known]), tail_start, end)
                continue
            yield Org(name, self._suffix_type[suffix], start, end, in_gazetteer=False)
        for mark, start, end in self._marked(text):
            name = text[start:end]
            canonical = self.canonical.get(name, name)
            org_type = self.org_type.get(canonical) or self._mark_type[mark]
            yield Org(canonical, org_type, start, end, in_gazetteer=name in self.canonical)
        for head, suffix, end in self._headed(self._company_suffix, self._company_head, text):
            name = head + suffix
            if name in self.canonical or name.startswith(self._industry_words):
                continue
            # 나카무라정공은: a company word heading a subject; 한성식품의 김치: a proper noun heading one. The
            # verb test reads the head alone: MeCab splits loanword suffixes into verbs (인베스트먼트: 인 VCP, 먼 VA)
            if (self._acting.match(text, end) and not holds_a_verb(head)) or is_name_shaped(name):
                yield Org(name, "company", end - len(name), end, in_gazetteer=False)
        for start, end, org_type in self._cues.find(text):
            yield Org(text[start:end], org_type, start, end, in_gazetteer=False)
        for m in self._regional.finditer(text):
            body = self.canonical.get(m["body"])
            if body is not None and self.org_type.get(body) in self._branch_types:
                yield Org(m.group(), self.org_type.get(body), *m.span(), in_gazetteer=False)
        for m in self._acronym.finditer(text):  # KCC도 현대중공업과 함께: an acronym acting in its clause
            if m.group("name") not in self._not_acronym_orgs:
                yield Org(m.group("name"), None, *m.span("name"), in_gazetteer=False)


@lru_cache(maxsize=None)
def org_matcher(patterns: str = DEFAULT_PATTERNS, organisations: str = DEFAULT_ORGANISATIONS) -> OrgMatcher:
    """The matcher for a gazetteer (paths under data/ or absolute), built once per process."""
    return OrgMatcher(list(load_jsonl(patterns)), list(load_jsonl(organisations)), _RULES)


_GAZETTEER_KEY = "krnews.gazetteer"


def gazetteer_of(doc: Doc) -> OrgMatcher:
    """The gazetteer that found the Doc's organisations (the default one if no krnews_orgs ran), for
    the later stages that ask it about words it did not find."""
    return doc.user_data.get(_GAZETTEER_KEY) or org_matcher()


class OrgsComponent:
    """Organisations: found(doc, "orgs") (Org objects, exact offsets), doc.spans["orgs"] with span._.org."""

    def __init__(self, patterns: str, organisations: str):
        self.matcher = org_matcher(patterns, organisations)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc.user_data[_GAZETTEER_KEY] = self.matcher
        set_found(doc, "orgs", self.matcher.find(text))
        set_found(doc, "offices", self.matcher.offices(text))
        return doc


@Language.factory(
    "krnews_orgs",
    default_config={"patterns": DEFAULT_PATTERNS, "organisations": DEFAULT_ORGANISATIONS},
)
def make_orgs_component(nlp: Language, name: str, patterns: str, organisations: str) -> OrgsComponent:
    """`patterns`: spaCy EntityRuler JSONL (label, pattern, id = canonical name); `organisations`: one
    `{"id", "org_type"}` per canonical name. Paths are relative to krnews' data/ or absolute."""
    return OrgsComponent(patterns, organisations)
