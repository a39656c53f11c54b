"""Plotly figures of the report. Bars are in 억원 and their axes are labelled in 억원 or 조원 (3000억원,
1.5조원); every point also carries its exact won and 억/조 text (customdata) for the hover label, so no
reader has to count zeros."""
from __future__ import annotations

import math

import plotly.graph_objects as go

from ..writers import format_won
from .labels import label, unknown
from .summary import Commitment, Quality, totals_by

EOK = 10**8
JO_IN_EOK = 10**4
TICKS = 5  # about this many labelled ticks on a money axis
# The browser draws the text: name fonts that have hangul on Linux, Windows and macOS.
FONT_FAMILY = '"Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic", sans-serif'
MAX_OUTLETS = 20


def _layout(fig: go.Figure, **extra) -> go.Figure:
    """Common look; the page's section heading names each chart."""
    extra.setdefault("height", 420)
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 13},
        template="plotly_white", margin={"l": 60, "r": 20, "t": 20, "b": 50},
        legend={"orientation": "h", "y": -0.15}, **extra,
    )
    return fig


def _money_points(amounts: list[int]) -> dict:
    return {
        "customdata": [[a, format_won(a)] for a in amounts],
        "hovertemplate": "%{fullData.name}<br>%{x}: %{customdata[1]}<extra></extra>",
    }


def money_axis(largest_eok: float, title: str | None = None) -> dict:
    """An axis whose values are in 억원, labelled 1,000억원 … or 1.5조원 …: round steps of 1, 2 or 5 × 10^k
    (the labels carry the unit; a title only where one reads well, not turned on its side)."""
    titled = {"title": title} if title else {}
    if largest_eok <= 0:
        return {**titled, "tickformat": ","}
    step = 10 ** math.floor(math.log10(largest_eok / TICKS))
    step *= next(m for m in (1, 2, 5, 10) if largest_eok / (step * m) <= TICKS + 1)
    values = [step * n for n in range(int(largest_eok // step) + 2)]
    return {**titled, "tickvals": values, "ticktext": [_eok_text(v) for v in values]}


def _eok_text(eok: float) -> str:
    if eok == 0:
        return "0"
    if eok >= JO_IN_EOK:
        return f"{eok / JO_IN_EOK:,.4g}조원"
    if eok >= 1:
        return f"{eok:,.4g}억원"
    return f"{eok * 10**4:,.0f}만원"


def _year_label(year: int | None) -> str:
    return str(year) if year is not None else unknown()


def _stacked_by_year(commitments: list[Commitment], key: str, kind: str) -> go.Figure:
    """One bar per year (unresolved years last), stacked by `key`, largest group at the bottom."""
    sums = totals_by(commitments, key, "year")
    years = sorted({y for _, y in sums}, key=lambda y: (y is None, y or 0))
    groups = sorted({g for g, _ in sums}, key=lambda g: -sum(v for (k, _), v in sums.items() if k == g))
    fig = go.Figure()
    for group in groups:
        amounts = [sums.get((group, y), 0) for y in years]
        fig.add_bar(name=label(kind, group), x=[_year_label(y) for y in years], y=[a / EOK for a in amounts],
                    **_money_points(amounts))
    largest = max((sum(sums.get((g, y), 0) for g in groups) for y in years), default=0) / EOK
    return _layout(fig, barmode="stack", xaxis={"type": "category", "title": "연도"}, yaxis=money_axis(largest))


def money_by_org_type_and_year(commitments: list[Commitment]) -> go.Figure:
    return _stacked_by_year(commitments, "org_type", "org_type")


def funding_types_over_time(commitments: list[Commitment]) -> go.Figure:
    return _stacked_by_year(commitments, "funding_type", "funding_type")


def top_organisations(top: list[dict]) -> go.Figure:
    top = list(reversed(top))  # plotly draws the first bar at the bottom
    amounts = [e["total"] for e in top]
    fig = go.Figure()
    fig.add_bar(name="약정 금액", orientation="h", y=[e["org"] for e in top], x=[a / EOK for a in amounts],
                customdata=[[a, format_won(a)] for a in amounts],
                hovertemplate="%{y}: %{customdata[1]}<extra></extra>")
    return _layout(fig, height=max(300, 28 * len(top) + 100),
                   xaxis=money_axis(max(amounts, default=0) / EOK, "약정 금액"), yaxis={"type": "category", "automargin": True},
                   showlegend=False)


def records_per_outlet(quality: Quality) -> go.Figure:
    """Records per outlet; beyond MAX_OUTLETS the rest share one bar so every record is counted."""
    shown = quality.per_outlet[:MAX_OUTLETS]
    rest = quality.per_outlet[MAX_OUTLETS:]
    names = [outlet or unknown() for outlet, _ in shown]
    counts = [count for _, count in shown]
    if rest:
        names.append(f"그 외 {len(rest)}곳")
        counts.append(sum(count for _, count in rest))
    fig = go.Figure()
    fig.add_bar(name="기록 수", x=names, y=counts, hovertemplate="%{x}: %{y}건<extra></extra>")
    return _layout(fig, xaxis={"type": "category"}, yaxis={"title": "건"}, showlegend=False)
