"""Body lines that are page furniture (credits, hashtags, tip lines) against lines that are article text."""
from __future__ import annotations

import pytest

from krnews.scrapers.boilerplate import is_boilerplate


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
