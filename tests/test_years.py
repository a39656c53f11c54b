"""Years and periods, relative year words resolved against the publication date."""
import datetime as dt

import pytest

from krnews.nlp.found import found
from krnews.nlp.language import analyse


def years(text, published=dt.date(2024, 1, 3)):
    doc = analyse(text, published)
    return [(text[y.start:y.end], y) for y in found(doc, "years")]


@pytest.mark.parametrize("sentence, span, fields", [
    ("2024년 예산을 짰다.", "2024년", dict(year=2024)),
    ("'24년 예산을 짰다.", "'24년", dict(year=2024)),
    ("2020~2024년 사업이다.", "2020~2024년", dict(year_start=2020, year_end=2024)),
    ("2020-2024년 사업이다.", "2020-2024년", dict(year_start=2020, year_end=2024)),
    ("2020년부터 2024년까지 투입한다.", "2020년부터 2024년까지", dict(year_start=2020, year_end=2024)),
    ("2024년까지 완공한다.", "2024년까지", dict(year_end=2024)),
    ("내년부터 2027년까지 투입한다.", "내년부터 2027년까지", dict(year_start=2025, year_end=2027, relative=1)),
    ("2025년부터 오는 2030년까지 투입한다.", "2025년부터 오는 2030년까지", dict(year_start=2025, year_end=2030)),
    ("올해부터 내년까지 투입한다.", "올해부터 내년까지", dict(year_start=2024, year_end=2025, relative=0)),
    # a part of a relative year before its bound is still the start or the end of a period
    ("올해 하반기부터 투입한다.", "올해 하반기부터", dict(year_start=2024, relative=0)),
    ("내년 상반기까지 끝낸다.", "내년 상반기까지", dict(year_end=2025, relative=1)),
    ("올해 하반기 투입한다.", "올해", dict(year=2024, relative=0)),  # no bound: the year itself
    ("2023년 말 착공했다.", "2023년 말", dict(year=2023)),
    ("2023년 초에 문을 연다.", "2023년 초", dict(year=2023)),
    ("올해 예산이다.", "올해", dict(year=2024, relative=0)),
    ("금년 예산이다.", "금년", dict(year=2024, relative=0)),
    ("지난해 예산이다.", "지난해", dict(year=2023, relative=-1)),
    ("작년 예산이다.", "작년", dict(year=2023, relative=-1)),
    ("재작년 예산이다.", "재작년", dict(year=2022, relative=-2)),
    ("내년 예산이다.", "내년", dict(year=2025, relative=1)),
    ("내후년 예산이다.", "내후년", dict(year=2026, relative=2)),
    # two digits with a date's words after them
    ("08년 8월 문을 열었다.", "08년", dict(year=2008)),
    ("98년부터 시행한다.", "98년부터", dict(year_start=1998)),
    ("26년까지 짓는다.", "26년까지", dict(year_end=2026)),
    ("94년 상반기 광고비가 늘었다.", "94년 상반기", dict(year=1994)),
    ("96년도 예산이다.", "96년도", dict(year=1996)),
    ("92년 4분기에 줄었다.", "92년", dict(year=1992)),
    ("편성했다.2021년 사업이다.", "2021년", dict(year=2021)),  # glued to the sentence before: no decimal point
])
def test_year_forms(sentence, span, fields):
    [(text, year)] = years(sentence)
    assert text == span
    expected = dict(year=None, year_start=None, year_end=None, relative=None) | fields
    assert {k: getattr(year, k) for k in expected} == expected


def test_relative_years_cross_the_year_boundary_of_publication():
    [(_, last_year)] = years("지난해 예산이다.", dt.date(2024, 1, 3))
    [(_, this_year)] = years("올해 예산이다.", dt.date(2023, 12, 29))
    assert (last_year.year, this_year.year) == (2023, 2023)


def test_without_publication_date_relative_years_keep_only_their_offset():
    [(_, year)] = years("내년 예산이다.", None)
    assert (year.year, year.relative) == (None, 1)


def test_the_following_year_counts_from_the_last_named_year():
    found = years("2021년 착공해 이듬해 문을 열었다.")
    assert [(t, y.year) for t, y in found] == [("2021년", 2021), ("이듬해", 2022)]


@pytest.mark.parametrize("sentence", ["5년 동안 일했다.", "3년 만에 재개됐다.", "12월 31일까지다.", "3000년 전 유적이다.", "사업 기간은 1년이다.",
                                      "10년 연속 1위다.", "30년 역사를 자랑한다.", "20년 경력의 배우다.", "83년생 동갑이다.",
                                      "10년 동안 일했다.", "지난 20년 평균보다 낮다.", "금리는 3.2021년 수준이다."])
def test_not_years(sentence):
    assert years(sentence) == []


@pytest.mark.parametrize("sentence, span, start, end", [
    ("올해부터 5년간 3조원을 투입한다.", "올해부터 5년간", 2024, 2028),
    ("내년부터 5년간 투입한다.", "내년부터 5년간", 2025, 2029),
    ("2021년부터 향후 3년간 지원한다.", "2021년부터 향후 3년간", 2021, 2023),
    ("5년간 106조 원을 투자한다.", "5년간", 2024, 2028),
    ("94년부터 7개년 계획으로 짓는다.", "94년부터 7개년", 1994, 2000),
    # a duration right after an end counts back from it
    ("총 1조5천25억원을 2001년까지 7년동안 투자한다.", "2001년까지 7년동안", 1995, 2001),
    ("시는 2036년까지 15년간 3조원을 투입한다.", "2036년까지 15년간", 2022, 2036),
])
def test_durations_are_periods_from_their_stated_start_or_publication(sentence, span, start, end):
    [(text, year)] = years(sentence)
    assert (text, year.year_start, year.year_end, year.year) == (span, start, end, None)


def test_an_end_that_closes_the_period_just_stated_is_that_period():
    found = years("94년부터 7개년 계획으로 오는 2000년까지 짓고, 2000년까지 갚는다.")
    assert [(t, y.year_start, y.year_end) for t, y in found] == [
        ("94년부터 7개년", 1994, 2000), ("2000년까지", 1994, 2000), ("2000년까지", None, 2000)]


def test_a_duration_without_any_start_is_not_a_period():
    assert years("5년간 투입한다.", None) == []


def test_a_duration_after_an_end_with_words_between_is_not_counted_back():
    found = years("2030년까지 짓고, 5년간 운영한다.")
    assert [(t, y.year_start, y.year_end) for t, y in found] == [("2030년까지", None, 2030), ("5년간", 2024, 2028)]


def test_words_after_a_year_say_what_it_dates():
    found = {t: y for t, y in years("2027년 준공 예정이며 올해 연말 착공하고 전년보다 늘었다. 착공비는 이듬해 착공비로 잡았다.")}
    assert (found["2027년"].year_end, found["2027년"].completion) == (2027, True)
    assert found["올해"].event and not found["올해"].completion
    assert found["전년"].comparison
    assert not found["이듬해"].event  # 착공비 is a cost, not the start of works


@pytest.mark.parametrize("sentence, event", [
    ("△2002년 안면도 국제꽃박람회 준비에 856억원을 편성했다.", True),  # the year names the event
    ("△2001년 천안전국체전 준비에 396억원을 편성했다.", True),
    ("2003년 대구 하계유니버시아드 지원비 503억원", True),
    ("2002년 예산 856억원을 편성했다.", False),  # the year of the money
    ("2002년 안면도에 856억원을 들인다.", False),
])
def test_a_year_heading_an_events_name_is_the_events(sentence, event):
    [(_, found)] = years(sentence)
    assert found.event is event


@pytest.mark.parametrize("text, reference", [
    # an undated budget story is written the year before the budget year it calls 내년
    ("시의 2022년도 예산안이 나왔다. 내년도 살림은 늘어난다.", 2021),
    ("금산군은 2006년도 일반회계 1819억 원 등 총 2021억 원의 내년도 예산(안)을 편성했다.", 2005),
    # … not before the year of a budget the figure is compared with
    ("금산군은 내년도 예산을 편성했다. 이는 2005년도 예산 2019억 원보다 0.06% 많다.", None),
    ("금산군은 2006년도 예산 2021억 원의 내년도 예산안을 냈다. 이는 2005년도 예산 2019억 원보다 많다.", 2005),
    # two different budget years, or no 내년: no reference
    ("시의 2022년도 예산안과 2023년도 예산안이 나왔다. 내년 예산은 늘어난다.", None),
    ("시의 2022년도 예산안이 나왔다.", None),
])
def test_an_undated_budget_story_dates_its_next_year(text, reference):
    from krnews.dates import budget_year_reference

    found = budget_year_reference(text)
    assert (found.year if found else None) == reference
