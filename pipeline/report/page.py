"""The report as one self-contained HTML page: plotly.js inlined once, each figure a JSON block drawn on load."""
from __future__ import annotations

import datetime as dt
from html import escape

import plotly.io
from plotly.offline import get_plotlyjs

from ..writers import format_won
from . import charts
from .labels import label, unknown
from .summary import Commitment, Quality

# What each total sums, in the report's words (krnews.counting gives them in English for status).
TOTALS_IN_WORDS = {
    "counted": "사업(같은 돈)마다 한 번, 최신 금액으로 더한 값: 여러 기사가 보도한 같은 돈은 한 번, 예산안이 바뀌면 "
               "마지막 금액, 다른 합계의 일부와 비교로 든 금액은 빼고",
    "records": "기록 금액의 단순 합계: 같은 돈을 보도·문장마다 다시 더한 값",
    "duplicates": "이미 센 사업을 다른 기사(또는 같은 기사)가 다시 보도한 기록",
    "superseded": "바뀌기 전 금액 (예산안 → 확정)",
    "parts": "센 합계의 일부 (106조 원 중 43조 원, 21조 원의 절반인 10조 원, … 등 총 56억원의 항목), 일부를 말하려고 다시 든 합계, 본문 금액을 되풀이한 제목의 금액",
    "comparisons": "비교로 든 금액 (지난해 …보다, … 대비)",
}

LARGEST = 20

_CSS = """
body { font-family: %s; margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #1f2933; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d9e2ec; }
.meta { color: #52606d; } .cards { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.card { background: #f0f4f8; border-radius: 8px; padding: .8rem 1.2rem; min-width: 9rem; }
.card b { display: block; font-size: 1.35rem; }
table.narrow { width: auto; min-width: 28rem; } h3 { margin-top: 1.5rem; font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%%; font-size: .92rem; margin-top: 1rem; }
th, td { border-bottom: 1px solid #e4e7eb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
/* Korean wraps between words (keep-all), never inside one: no column shrinks to one syllable. */
td, th { word-break: keep-all; overflow-wrap: anywhere; } th { white-space: nowrap; }
td.sentence { min-width: 18rem; max-width: 30rem; color: #3e4c59; line-height: 1.45; }
td.name { min-width: 6rem; } td.year { white-space: nowrap; } td.sources { min-width: 7rem; font-size: .85rem; }
table.totals td:last-child { color: #52606d; }
""" % charts.FONT_FAMILY

_DRAW = """
document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (block) {
  var figure = JSON.parse(block.textContent);
  Plotly.newPlot(block.dataset.chart, figure.data, figure.layout, {responsive: true, displaylogo: false});
});
"""


def render(commitments: list[Commitment], top: list[dict], quality: Quality, filters: dict,
           generated: dt.datetime, totals, pending: int = 0) -> str:
    total = totals.counted.amount_krw
    body = [
        "<h1>krnews 자금 약정 보고서</h1>",
        f'<p class="meta">생성 {escape(generated.strftime("%Y-%m-%d %H:%M"))} · {_filters(filters)} · '
        "여러 기사가 보도한 같은 돈(사업)은 한 번, 최신 금액으로 셉니다.</p>",
        _cards([("약정 금액 합계", format_won(total) or "0원", f'data-krw="{total}" id="total"'),
                ("약정 건수", f"{len(commitments):,}", 'id="commitments"'),
                ("기록", f"{quality.records:,}", 'id="records"'),
                ("기사 (기록 있음)", f"{quality.articles_with_records:,}", 'id="articles"')]),
        _totals_table(totals, pending),
        _section("money-by-type-year", "기관 유형·연도별 약정 금액",
                 _chart("chart-money-by-type-year", charts.money_by_org_type_and_year(commitments))),
        _section("top-organisations", "상위 기관",
                 _chart("chart-top-organisations", charts.top_organisations(top)) + _top_table(top)),
        _section("largest", f"가장 큰 약정 (상위 {LARGEST}건)", _largest_table(commitments[:LARGEST])),
        _section("funding-types", "자금 유형별 추이",
                 _chart("chart-funding-types", charts.funding_types_over_time(commitments))),
        _section("quality", "데이터 품질",
                 _quality_table(quality) + "<h3>언론사별 기록 수</h3>"
                 + _chart("chart-records-per-outlet", charts.records_per_outlet(quality))),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>krnews 보고서</title>\n<style>{_CSS}</style>\n"
        f"<script>{get_plotlyjs()}</script>\n</head>\n<body>\n" + "\n".join(body)
        + f"\n<script>{_DRAW}</script>\n</body>\n</html>\n"
    )


def _totals_table(totals, pending: int) -> str:
    """Every total beside what it sums: the headline, the plain sum of the records, and what is not added."""
    names = {"counted": "약정 금액 합계", "records": "기록 금액 단순 합계", "duplicates": "다시 보도된 기록",
             "superseded": "바뀌기 전 금액", "parts": "합계의 일부", "comparisons": "비교 금액"}
    rows = [f"<th>{escape(names[key])}</th>{_money_cell(line.amount_krw)}<td class=\"num\">{line.count:,}</td>"
            f"<td>{escape(TOTALS_IN_WORDS[key])}</td>" for key, line in totals.lines()]
    note = (f'<p class="meta" id="pending">저장 후 아직 사업으로 묶이지 않은 기사 {pending:,}건은 위 합계에 없습니다 '
            "(krnews export --what initiatives 로 갱신).</p>") if pending else ""
    return _table("totals-table", ["합계", "금액", "건수", "무엇을 더했나"], rows, "totals") + note


def _filters(filters: dict) -> str:
    parts = [f"{escape(name)}: {escape(str(value))}" for name, value in filters.items() if value is not None]
    return "조건 " + ", ".join(parts) if parts else "전체 기간·전체 기관"


def _cards(cards: list[tuple[str, str, str]]) -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card" {attrs}><b>{escape(value)}</b>{escape(name)}</div>' for name, value, attrs in cards
    ) + "</div>"


def _section(anchor: str, title: str, content: str) -> str:
    return f'<section id="{anchor}">\n<h2>{escape(title)}</h2>\n{content}\n</section>'


def _chart(anchor: str, figure) -> str:
    # "</" inside a script block would end it early.
    data = plotly.io.to_json(figure, validate=False).replace("</", "<\\/")
    return (f'<div class="chart" id="{anchor}"></div>\n'
            f'<script type="application/json" data-chart="{anchor}">{data}</script>')


def _money_cell(amount: int) -> str:
    return f'<td class="num" data-krw="{amount}">{escape(format_won(amount))}</td>'


def _table(table_id: str, headers: list[str], rows: list[str], css_class: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    if not rows:
        rows = [f'<td colspan="{len(headers)}">기록 없음</td>']
    return f'<table id="{table_id}" class="{css_class}"><thead><tr>{head}</tr></thead><tbody>' + "".join(
        f"<tr>{row}</tr>" for row in rows) + "</tbody></table>"


def _top_table(top: list[dict]) -> str:
    rows = [
        f"<td>{i}</td><td>{escape(e['org'])}</td><td>{escape(label('org_type', e['org_type']))}</td>"
        f"{_money_cell(e['total'])}{_money_cell(e['received'])}<td class=\"num\">{e['commitments']}</td>"
        f"<td class=\"num\">{e['articles']}</td>"
        for i, e in enumerate(top, 1)
    ]
    return _table("top-organisations-table", ["순위", "기관", "유형", "약정 금액", "받은 금액", "약정 건수", "기사 수"], rows)


def _largest_table(commitments: list[Commitment]) -> str:
    rows = [
        f"<td>{i}</td>{_money_cell(c.amount_krw)}<td class=\"name\">{escape(c.org or unknown())}</td>"
        f"<td class=\"name\">{escape(c.initiative or '')}</td><td class=\"year\">{escape(str(c.year) if c.year else unknown())}</td>"
        f"<td>{escape(label('funding_type', c.funding_type))}</td>"
        f'<td class="sentence">{escape(c.sentence)}</td><td class="sources">{_source_links(c.sources)}</td>'
        for i, c in enumerate(commitments, 1)
    ]
    headers = ["순위", "금액", "기관", "사업", "연도", "유형", "근거 문장", "출처"]
    return _table("largest-table", headers, rows)


def _source_links(sources: list[dict]) -> str:
    links = []
    for source in sources:
        url = source["url"] or ""
        if not url.startswith(("http://", "https://")):  # never turn stored text into a javascript: link
            continue
        name = source["outlet"] or source["title"] or "기사"
        date = f" {source['published']}" if source["published"] else ""
        links.append(f'<a href="{escape(url)}" title="{escape(source["title"] or "")}">{escape(name + date)}</a>')
    return "<br>".join(links)


def _quality_table(quality: Quality) -> str:
    def share(count: int) -> str:
        percent = 100 * count / quality.records if quality.records else 0
        return f'<td class="num" data-count="{count}">{count:,} ({percent:.1f}%)</td>'

    span = " ~ ".join(str(d) for d in (quality.first_published, quality.last_published) if d) or unknown()
    rows = [
        f'<th>기록</th><td class="num" data-count="{quality.records}">{quality.records:,}</td>',
        f'<th>저장된 기사 전체</th><td class="num" data-count="{quality.articles}">{quality.articles:,}</td>',
        f"<th>기관 미상 기록</th>{share(quality.no_org)}",
        f"<th>연도 미상 기록</th>{share(quality.no_year)}",
        f"<th>원화 금액 미상 기록 (외화·불확정)</th>{share(quality.no_amount)}",
        f"<th>보도 기간</th><td class=\"num\">{escape(span)}</td>",
    ]
    return _table("quality-table", ["항목", "값"], rows, "narrow")
