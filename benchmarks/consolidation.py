"""Consolidation on a synthetic corpus with known duplicates: precision/recall and added time.

    python benchmarks/consolidation.py                    # 10,000 articles, 2 worker processes
    python benchmarks/consolidation.py --articles 2000 --store /tmp/c.sqlite

Articles are generated from templates (own Korean sentences): each true initiative (organisation,
project, year, figure) is reported by 1-6 articles, each either a near copy of an earlier article
(an outlet running the wire text with small edits: one true story) or a rewrite in other words
(another template, other filler sentences, the rounded or the exact figure, a later date, the
project name with its words run together or without its place). Some
initiatives are budget proposals followed by a final, changed figure (one initiative, two versions).
Amounts are drawn from a short list, so unrelated initiatives often share a figure. Every article
goes through the real extractor; its record is labelled with the initiative it was generated from
when its amount is the generated one. Printed: pairwise precision/recall of records grouped into
initiatives and of articles grouped into stories, and seconds per 1,000 articles for extraction,
in-memory consolidation and (with --store) incremental consolidation in a SQLite store.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter
from pathlib import Path

import krnews
from krnews.consolidation import consolidate
from krnews.models import Article

ORGS = {  # as written in the text -> subject particle form
    "서울시": "는", "부산시": "는", "인천시": "는", "대구시": "는", "광주시": "는", "대전시": "는", "울산시": "는",
    "세종시": "는", "경기도": "는", "강원도": "는", "전라남도": "는", "충청북도": "는", "경상북도": "는", "제주도": "는",
    "행정안전부": "는", "산업통상자원부": "는", "중소벤처기업부": "는", "보건복지부": "는", "국토교통부": "는",
    "과학기술정보통신부": "는",
}
DOMAINS = ["수소 산업", "AI 데이터", "청년 창업", "스마트 팜", "해상 풍력", "관광 콘텐츠", "반도체 인력", "도시 재생",
           "탄소 중립", "바이오 헬스", "전기차 충전", "문화 예술", "공공 와이파이", "노후 하수관", "어린이 안전"]
ACTIONS = ["육성", "지원", "구축", "조성", "활성화", "개선", "양성", "보급"]
EOK = [5, 10, 12, 15, 20, 30, 35, 48, 50, 80, 100, 120, 150, 200, 222, 300, 450, 500, 1200]
PLACES = ["북구", "남구", "동구", "서구", "중구", "해안로", "산업단지", "혁신도시", "역세권", "구도심", "항만 배후단지",
          "대학가", "전통시장", "신도시", "농공단지"]
PEOPLE = ["김민준", "이서연", "박도윤", "최지우", "정하준", "강서윤", "조예준", "윤지민", "장시우", "임수아"]
# Filler sentences get their own places, people, counts and months: unrelated articles share little text.
FILLER = [
    "{person} 담당관은 {place} 일대에서 {n}차례 현장 점검을 벌이겠다고 말했다.",
    "{place} 주민 {n}백여 명이 참여하는 설명회가 {m}월에 열린다.",
    "사업 대상지는 {place}를 포함한 {n}곳으로 {m}월 중 확정된다.",
    "{person} 과장은 {domain} 분야 기업 {n}곳과 협약을 맺었다고 설명했다.",
    "전문가 {n}명으로 꾸려진 자문단이 {m}월부터 {place} 현장을 살핀다.",
    "{place}에는 {domain} 관련 교육 과정 {n}개가 새로 열린다.",
    "성과 지표는 {m}월 말 공개되며 {person} 위원장이 점검을 맡는다.",
    "{domain} 인력 {n}십여 명이 {place}에서 실습을 받는다.",
]
REPORT = [
    "{org}{p} 올해 {name}에 {money}을 투입한다고 {day}일 밝혔다.",
    "{org}가 올해 {name}에 {money}을 쓴다.",
    "{org}{p} {name}에 올해 약 {money}의 예산을 배정했다.",
    "{org}{p} 올해 {money}을 들여 {name}을 추진한다.",
]
PROPOSAL = "{org}{p} 내년도 {name}에 {money}을 반영한 예산안을 편성했다고 {day}일 밝혔다."
FINAL = "{org}{p} 내년도 {name} 예산이 의회를 통과해 {money}으로 확정됐다고 {day}일 밝혔다."
COPY_EDITS = [("밝혔다", "설명했다"), ("열린다", "개최된다"), ("말했다", "강조했다"), ("살핀다", "점검한다")]


def filler(rng: random.Random, domain: str) -> str:
    return rng.choice(FILLER).format(person=rng.choice(PEOPLE), place=rng.choice(PLACES), n=rng.randrange(2, 10),
                                     m=rng.randrange(1, 13), domain=domain)


def variant(rng: random.Random, name: str) -> str:
    """How another outlet may write the name: words run together, or without the place."""
    place, rest = name.split(" ", 1)
    roll = rng.random()
    if roll < 0.2:
        return rest  # 수소 산업 육성 사업: may equally mean the same project of another place
    if roll < 0.45:
        head, _, tail = rest.rpartition(" ")
        return f"{place} {head.replace(' ', '')}{tail}"  # 북구 수소산업육성사업
    return name


def money(amount_krw: int) -> str:
    eok, man = divmod(amount_krw // 10_000, 10_000)
    return f"{eok:,}억{man}만원" if man else f"{eok:,}억원"


def generate(n_articles: int, seed: int) -> tuple[list[Article], dict[str, tuple], dict[str, str]]:
    """Articles, each one's (true initiative, figure) and its true story."""
    rng = random.Random(seed)
    articles: list[Article] = []
    truth: dict[str, tuple[str, int]] = {}
    story: dict[str, str] = {}
    used = set()
    n = 0
    while len(articles) < n_articles:
        if len(used) > len(ORGS) * len(PLACES) * len(DOMAINS) * len(ACTIONS) // 2:
            raise ValueError(f"{n_articles} articles need more distinct project names than the templates make")
        org = rng.choice(list(ORGS))
        domain = rng.choice(DOMAINS)
        name = f"{rng.choice(PLACES)} {domain} {rng.choice(ACTIONS)} 사업"  # 36,000 names for 20 organisations
        year = rng.choice([2023, 2024])
        if (org, name) in used:  # the same project of one organisation in two years would be ambiguous
            continue
        used.add((org, name))
        n += 1
        initiative = f"I{n}"
        rounded = rng.choice(EOK) * 10**8
        exact = rounded + rng.randrange(1, 200) * 10**6 if rounded >= 10**10 else rounded  # e.g. 222억417만원 ~ 222억원
        start = dt.date(year, 1, 2) + dt.timedelta(days=rng.randrange(0, 300))
        revised = rng.random() < 0.12
        texts: list[tuple[str, str, int, dt.date]] = []  # (text, story, figure, date)
        for copy in range(min(6, 1 + int(rng.expovariate(0.7)))):
            day = start + dt.timedelta(days=rng.randrange(0, 4))
            if texts and rng.random() < 0.5:  # an outlet runs an earlier text with small edits
                text, source_story, figure, _ = rng.choice(texts)
                old, new = rng.choice(COPY_EDITS)
                texts.append((text.replace(old, new, 1), source_story, figure, day))
                continue
            figure = rng.choice([rounded, exact])
            template = PROPOSAL if revised else rng.choice(REPORT)
            lead = template.format(org=org, p=ORGS[org], name=variant(rng, name), money=money(figure), day=day.day)
            body = [filler(rng, domain) for _ in range(4)]
            texts.append((" ".join([lead, *body]), f"{initiative}-s{copy}", figure, day))
        if revised:
            final = round(rounded * rng.choice([0.8, 0.9, 1.1, 1.25]) / 10**8) * 10**8
            day = min(start + dt.timedelta(days=rng.randrange(30, 90)), dt.date(year, 12, 28))  # same 내년도
            lead = FINAL.format(org=org, p=ORGS[org], name=name, money=money(final), day=day.day)
            texts.append((" ".join([lead, *(filler(rng, domain) for _ in range(3))]), f"{initiative}-final", final, day))
        for i, (text, source_story, figure, day) in enumerate(texts):
            doc_id = f"{initiative}-a{i}"
            articles.append(Article(doc_id=doc_id, url=f"https://news{i % 7}.example.kr/{doc_id}", text=text,
                                    published=day, title=f"{org} {name}"))
            truth[doc_id] = (initiative, figure)
            story[doc_id] = source_story
    return articles[:n_articles], truth, story


def pair_scores(predicted: dict[str, str], true: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping (items in both mappings)."""
    items = predicted.keys() & true.keys()

    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = pairs(Counter((predicted[i], true[i]) for i in items))
    said = pairs(Counter(predicted[i] for i in items))
    real = pairs(Counter(true[i] for i in items))
    return (both / said if said else 1.0), (both / real if real else 1.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", metavar="PATH", help="also time incremental consolidation in this new SQLite store")
    args = parser.parse_args()

    articles, truth, true_story = generate(args.articles, args.seed)
    per_k = 1000 / len(articles)
    started = time.perf_counter()
    documents = list(krnews.extract_many(articles, workers=args.workers, errors="raise"))
    extraction = time.perf_counter() - started

    started = time.perf_counter()
    result = consolidate(documents)
    in_memory = time.perf_counter() - started

    initiative_of = {rid: i.initiative_id for i in result.initiatives for rid in i.record_ids}
    predicted, true, unlabelled = {}, {}, 0
    for document in documents:
        initiative, figure = truth[document.article.doc_id]
        for record in document.records:
            if record.amount_krw == figure:
                predicted[record.record_id] = initiative_of[record.record_id]
                true[record.record_id] = initiative
            else:
                unlabelled += 1
    missing = sum(1 for d in documents if not any(r.amount_krw == truth[d.article.doc_id][1] for r in d.records))
    precision, recall = pair_scores(predicted, true)
    story_of = {doc_id: s.story_id for s in result.stories for doc_id in s.doc_ids}
    story_precision, story_recall = pair_scores(story_of, true_story)
    versions = Counter(len(i.versions) for i in result.initiatives)
    true_sizes = Counter(Counter(true.values()).values())

    print(f"articles {len(articles):,}  true initiatives {len(set(true.values())):,}  "
          f"records labelled {len(true):,} (unlabelled {unlabelled}, articles without their record {missing})")
    print(f"true sources per initiative: {dict(sorted(true_sizes.items()))}")
    print(f"initiatives {len(result.initiatives):,}  with 2+ versions {sum(v for k, v in versions.items() if k > 1)}  "
          f"stories {len(result.stories):,} (true {len(set(true_story.values())):,})")
    print(f"initiative grouping (record pairs): precision {precision:.4f}  recall {recall:.4f}")
    print(f"story grouping (article pairs):     precision {story_precision:.4f}  recall {story_recall:.4f}")
    print(f"extraction ({args.workers} workers):         {extraction * per_k:7.2f} s per 1,000 articles")
    print(f"consolidation in memory:            {in_memory * per_k:7.2f} s per 1,000 articles")
    if args.store:
        _time_store(Path(args.store), documents)
    return 0


def _time_store(path: Path, documents) -> None:
    from krnews.consolidation.store import update_initiatives
    from krnews.store import Store

    if path.exists():
        sys.exit(f"{path}: exists; give a new store path")
    timings = []
    with Store.open(path) as store:
        for start in range(0, len(documents), 1000):
            for document in documents[start : start + 1000]:
                store.save_document(document)
            began = time.perf_counter()
            update_initiatives(store)
            timings.append((time.perf_counter() - began) * 1000 / len(documents[start : start + 1000]))
    print(f"consolidation in SQLite, incremental: {timings[0]:.2f} s per 1,000 articles for the first thousand, "
          f"{timings[-1]:.2f} s for the last (store of {len(documents):,})")


if __name__ == "__main__":
    sys.exit(main())
