"""Page furniture in article bodies: credit, hashtag and tip lines; link lines and photo boxes."""
from __future__ import annotations

import pytest

from selectolax.lexbor import LexborHTMLParser

from krnews.scrapers.boilerplate import is_boilerplate
from krnews.scrapers.extract import container_lines


@pytest.mark.parametrize("line, furniture", [
    ("영상편집:가나다", True),
    ("영상취재 : 나도령 기자", True),
    ("( 취재 : 가나다 / 영상편집 : 라마바 / 화면제공 : 가상경찰청 / 제작 : 디지털뉴스부 )", True),
    ("[사진 출처 : 가상시청 공식 누리집 캡처]", True),
    ("나도령 / 화면캡처 가상방송", True),
    ("/가상통신", True),
    ("#가상시_예산 #청년주택", True),
    ("가상뉴스TV 기사문의 및 제보 : 카톡/라인 tip00", True),
    ("[카카오톡] 가상방송 검색해 채널 추가", True),
    ("취재진은 현장에서 주민들을 만났다.", False),
    ("구성원 모두가 참여한 회의에서 예산안이 확정됐다.", False),
    ("편집국장은 이날 독자들에게 사과했다.", False),
    ("시는 청년 주택 사업에 30억원을 쓴다. #1 과제라는 설명이다.", False),
    ("가상시는 2031년까지 제보 포상금 예산을 두 배로 늘린다고 밝혔다.", False),
])
def test_furniture_lines(line, furniture):
    assert is_boilerplate(line) is furniture


LONG = "가상군은 내년 예산안에 청년 주택 사업비 30억원을 반영했다고 밝혔다. " * 3


@pytest.mark.parametrize("inner, kept", [
    (f'{LONG}<br><br><a href="/a/1">가상군, 청년 주택 착공</a><br><a href="/a/2">다른 기사</a>', [LONG.strip()]),
    (f'<p>{LONG}<a href="/t/1">가상군</a>은 이렇게 밝혔다.</p>', [LONG + "가상군은 이렇게 밝혔다."]),
    (f'<p><a href="/a/3">관련 기사 제목이 한 줄을 다 차지한다</a></p><p>{LONG}</p>', [LONG.strip()]),
    (f'<table><tr><td><img src="p.jpg"></td></tr><tr><td>가상군청 전경. 가상군 제공</td></tr></table>{LONG}', [LONG.strip()]),
    (f'<div><img src="p.jpg">{LONG}</div>', [LONG.strip()]),
    (f'<div><img src="p.jpg">가상군청 전경</div><p>{LONG}</p>', [LONG.strip()]),
])
def test_furniture_boxes_and_link_lines(inner, kept):
    container = LexborHTMLParser(f"<div id='c'>{inner}</div>").css_first("#c")
    assert container_lines([container]) == kept
