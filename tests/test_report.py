"""`krnews report`: one self-contained HTML page whose charts and tables add up to what the store holds."""
from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter, defaultdict
from contextlib import closing

import pytest

pytest.importorskip("plotly", reason="the report needs the krnews[report] extra (plotly)")

import lxml.html  # noqa: E402
import sample_store  # noqa: E402

from krnews.cli import main  # noqa: E402
from krnews.report.labels import label, unknown  # noqa: E402

CHARTS = ("chart-money-by-type-year", "chart-top-organisations", "chart-funding-types", "chart-records-per-outlet")
SECTIONS = ("money-by-type-year", "top-organisations", "largest", "funding-types", "quality")
BUSAN_AI = 406_100_000_000  # reported by two outlets (a1, a2): one commitment


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return sample_store.build(tmp_path_factory.mktemp("report") / "store.sqlite")


def _report(store, tmp_path, *options) -> lxml.html.HtmlElement:
    out = tmp_path / "report.html"
    assert main(["report", "--db", store, "--out", str(out), *options]) == 0
    return lxml.html.fromstring(out.read_bytes())


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    return _report(store, tmp_path_factory.mktemp("out"))


def _query(store, sql, *params):
    with closing(sqlite3.connect(store)) as connection:
        return connection.execute(sql, params).fetchall()


def _initiatives(store, where="1 = 1", *params):
    """(amount_krw, org, org_type, year, funding_type) of each initiative in won with a selected record."""
    return _query(store, f"""
        select i.amount_krw, i.org, max(r.org_type), coalesce(i.year, i.year_start, i.year_end), i.funding_type
        from initiatives i join initiative_records ir using (initiative_id) join records r using (record_id)
        where i.amount_krw is not null and {where}
        group by i.initiative_id""", *params)


def _figure(page, chart_id) -> dict:
    [block] = page.xpath(f'//script[@type="application/json"][@data-chart="{chart_id}"]')
    return json.loads(block.text)


def _money_by(figure) -> dict[tuple[str, str], int]:
    """(trace name, x) -> exact won, from the customdata each bar carries."""
    sums = {}
    for trace in figure["data"]:
        for x, (won, text) in zip(trace["x"], trace["customdata"]):
            if won:
                sums[(trace["name"], x)] = won
                assert text.endswith("원")
    return sums


def _year(year) -> str:
    return str(year) if year is not None else unknown()


def test_page_is_self_contained_with_every_section_and_chart(page):
    assert [s.get("id") for s in page.xpath("//section")] == list(SECTIONS)
    for chart_id in CHARTS:
        assert page.xpath(f'//div[@id="{chart_id}"]'), chart_id
        assert _figure(page, chart_id)["data"], chart_id
    scripts = page.xpath("//script[not(@type)]")
    assert any("Plotly.newPlot" in (s.text or "") for s in scripts)
    assert max(len(s.text or "") for s in scripts) > 1_000_000  # plotly.js itself, inlined
    assert not page.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe")
    layout = _figure(page, "chart-money-by-type-year")["layout"]
    assert layout["font"]["family"].startswith('"Noto Sans KR"')


def test_money_by_organisation_type_and_year_equals_the_store(store, page):
    expected = defaultdict(int)
    for amount, _, org_type, year, _ in _initiatives(store):
        expected[(label("org_type", org_type), _year(year))] += amount
    assert _money_by(_figure(page, "chart-money-by-type-year")) == expected
    total = sum(expected.values())
    [card] = page.xpath('//*[@id="total"]')
    assert int(card.get("data-krw")) == total
    # The Busan budget reported twice counts once: the naive sum of records is larger by exactly that.
    [(naive,)] = _query(store, "select sum(amount_krw) from records")
    assert naive - total == BUSAN_AI
    assert card.xpath("string(b)") == "2조4831억원"


def test_funding_types_over_time_equal_the_store(store, page):
    expected = defaultdict(int)
    for amount, _, _, year, funding_type in _initiatives(store):
        expected[(label("funding_type", funding_type), _year(year))] += amount
    assert _money_by(_figure(page, "chart-funding-types")) == expected
    assert ("예산", "2024") in expected and ("사업비", "2025") in expected


def test_top_organisations_chart_and_table(store, page):
    totals = defaultdict(int)
    for amount, org, *_ in _initiatives(store):
        if org:
            totals[org] += amount
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    rows = page.xpath('//table[@id="top-organisations-table"]/tbody/tr')
    assert [(r.xpath("string(td[2])"), int(r.xpath("td[4]/@data-krw")[0])) for r in rows] == ranked
    figure = _figure(page, "chart-top-organisations")
    bars = list(zip(figure["data"][0]["y"], (won for won, _ in figure["data"][0]["customdata"])))
    assert bars[::-1] == ranked  # drawn bottom-up
    assert rows[0].xpath("string(td[3])") == "중앙정부"
    articles = dict(_query(store, "select org, count(distinct doc_id) from records where org is not null group by org"))
    assert {r.xpath("string(td[2])"): int(r.xpath("string(td[7])")) for r in rows} == {
        org: articles[org] for org, _ in ranked}


def test_largest_commitments_with_sentence_and_sources(store, page):
    rows = page.xpath('//table[@id="largest-table"]/tbody/tr')
    amounts = [int(r.xpath("td[2]/@data-krw")[0]) for r in rows]
    assert amounts == sorted((a for a, *_ in _initiatives(store)), reverse=True)
    busan = next(r for r in rows if int(r.xpath("td[2]/@data-krw")[0]) == BUSAN_AI)
    assert busan.xpath("string(td[2])") == "4061억원"
    assert busan.xpath("string(td[3])") == "부산광역시"
    assert busan.xpath("string(td[7])") == "부산광역시는 2024년 인공지능 산업 육성에 4061억원을 투입한다."  # earliest report
    assert busan.xpath("td[8]/a/@href") == ["https://news.example.kr/a1", "https://news.example.kr/a2"]
    unknown_org = next(r for r in rows if r.xpath("string(td[3])") == "미상")
    assert unknown_org.xpath("string(td[5])") == "미상"  # no year either


def test_data_quality_panel_equals_the_store(store, page):
    cells = {r.xpath("string(th)"): r.xpath("td/@data-count") for r in page.xpath('//table[@id="quality-table"]/tbody/tr')}
    [(records, no_org, no_year, no_won)] = _query(store, """
        select count(*), sum(org is null), sum(coalesce(year, year_start, year_end) is null), sum(amount_krw is null)
        from records""")
    assert cells["기록"] == [str(records)]
    assert cells["기관 미상 기록"] == [str(no_org)]
    assert cells["연도 미상 기록"] == [str(no_year)]
    assert cells["원화 금액 미상 기록 (외화·불확정)"] == [str(no_won)]
    assert (no_org, no_year, no_won) == (1, 1, 1)
    outlets = _figure(page, "chart-records-per-outlet")["data"][0]
    assert Counter(dict(zip(outlets["x"], outlets["y"]))) == Counter(dict(_query(store, "select outlet, count(*) from records group by outlet")))


def test_since_and_org_select_records(store, tmp_path):
    since = _report(store, tmp_path, "--since", "2024-01-01")
    [(expected,)] = _query(store, """
        select sum(distinct_amount) from (select i.amount_krw as distinct_amount from initiatives i
        join initiative_records ir using (initiative_id) where ir.published >= '2024-01-01' and i.amount_krw is not null
        group by i.initiative_id)""")
    assert int(since.xpath('//*[@id="total"]/@data-krw')[0]) == expected
    assert "2023" not in _figure(since, "chart-money-by-type-year")["data"][0]["x"]

    busan = _report(store, tmp_path, "--org", "부산광역시")
    assert busan.xpath('//table[@id="top-organisations-table"]/tbody/tr/td[2]/text()') == ["부산광역시"]
    assert int(busan.xpath('//*[@id="total"]/@data-krw')[0]) == BUSAN_AI + 30_000_000_000


def test_unknown_organisation_and_missing_store_are_one_line_errors(store, tmp_path, capsys):
    assert main(["report", "--db", store, "--out", str(tmp_path / "r.html"), "--org", "부산광역"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "'부산광역'" in error and "부산광역시" in error  # a suggestion
    assert not (tmp_path / "r.html").exists()
    # an alias the gazetteer knows is the organisation itself (부산시청 = 부산광역시)
    assert main(["report", "--db", store, "--out", str(tmp_path / "r.html"), "--org", "부산시청"]) == 0

    missing = tmp_path / "nothing.sqlite"
    assert main(["report", "--db", str(missing), "--out", str(tmp_path / "r.html")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(missing) in error
    assert not missing.exists()  # a report never creates a store


def test_bad_since_is_a_usage_error(store, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--db", store, "--out", str(tmp_path / "r.html"), "--since", "2024-13-01"])
    assert exit_.value.code == 2


def test_without_plotly_the_error_names_the_extra(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "plotly", None)
    assert main(["report", "--db", store, "--out", str(tmp_path / "r.html")]) == 2
    assert "pip install 'krnews[report]'" in capsys.readouterr().err


def test_report_only_reads_the_store(tmp_path):
    import hashlib

    from krnews.store import Store, StoreError

    db = sample_store.build(tmp_path / "store.sqlite")
    before = hashlib.sha256(open(db, "rb").read()).hexdigest()
    assert main(["report", "--db", db, "--out", str(tmp_path / "r.html")]) == 0
    assert hashlib.sha256(open(db, "rb").read()).hexdigest() == before
    with Store.open(db, read_only=True) as store, pytest.raises(Exception, match="readonly"):
        store.save_document(sample_store.documents()[0])
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "missing.sqlite", read_only=True)
