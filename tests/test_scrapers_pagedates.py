"""Publication dates as a reader finds them on pages whose metadata gives none (own HTML snippets)."""
from __future__ import annotations

import pytest

from krnews.scrapers import parse_html
from krnews.scrapers.dates import KST

# A body sentence (longer than a byline line) that cites a date after a label word is not a byline.
LONG_SENTENCE = ("가상시는 입력 2015.05.05 10:00 기준으로 집계한 청년 주택 신청자가 지난해보다 두 배 늘었다고 밝혔으며 "
                 "하반기에 추가 예산을 편성하는 방안도 함께 검토하고 있다고 덧붙였다.")


def minute(value) -> str | None:
    return value.astimezone(KST).strftime("%Y-%m-%d %H:%M") if value else None


@pytest.mark.parametrize("body, url, published, updated", [
    ('<div class="info">입력 : 2016.09.26 09:57:01 | 수정 : 2016.09.26 10:30:12</div>', None,
     "2016-09-26 09:57", "2016-09-26 10:30"),
    ("<p>기사입력 2020.03.04(수) 16:52</p>", None, "2020-03-04 16:52", None),
    ("<span>등록일 : 2021-01-02 08:15</span><span>최종수정 2021-01-02 09:00</span>", None, "2021-01-02 08:15", "2021-01-02 09:00"),
    ("<li>승인 2019.11.20 17:40</li>", None, "2019-11-20 17:40", None),
    ("<em>게재 일자 2018.05.06 06:00</em>", None, "2018-05-06 06:00", None),
    ("<p>송고시간 2023-04-20 13:24:13</p>", None, "2023-04-20 13:24", None),
    ("<p>입력 2023.04.07 (08:26)</p><p>업데이트 2023.04.07 (09:40)</p>", None, "2023-04-07 08:26", "2023-04-07 09:40"),
    ("<span>기사입력 2031.03.02 오후 3:05</span><span>업데이트 2031.03.02 오후 4:10</span>", None,
     "2031-03-02 15:05", "2031-03-02 16:10"),
    ('<time datetime="2022-02-02T09:00:00+09:00">2월 2일</time><p>입력 2022.02.03 10:00</p>', None, "2022-02-02 09:00", None),
    ('<h2>가상시 예산 확정</h2><span class="date">2016-09-18 03:00:00</span>', None, "2016-09-18 03:00", None),
    ("<p>본문만 있는 페이지</p>", "https://x.example.kr/2019/07/01/budget.html", "2019-07-01 00:00", None),
    ("<p>2019.07.01 14:30</p>", "https://x.example.kr/news/20190701000123", "2019-07-01 14:30", None),
    ("<p>2019.06.30 14:30</p>", "https://x.example.kr/news/20190701000123", "2019-07-01 00:00", None),
    ("<p>본문만 있는 페이지</p>", "https://x.example.kr/view/29991231000001", None, None),
    ('<div class="related-news"><a href="/1">다른 기사 2015.01.01 10:00</a></div>'
     '<div id="comment_list">2015.02.02 11:00</div><ol class="rank"><li>2015.03.03 12:00</li></ol>'
     "<aside>입력 2015.04.04 13:00</aside><footer>등록일 2009.01.02 00:00</footer>", None, None, None),
    (f"<p>{LONG_SENTENCE}</p>", None, None, None),
    ("<p>사업자등록 2012.03.04 10:00</p><p>입력 2013.01.01 09:00</p>", None, "2013-01-01 09:00", None),
])
def test_reader_dates(body, url, published, updated):
    article = parse_html(f"<html><body>{body}</body></html>", url=url)
    assert (minute(article.published_at), minute(article.updated)) == (published, updated)


def test_metadata_is_trusted_before_the_page():
    html = ('<html><head><meta property="article:published_time" content="2030-01-01T10:00:00+09:00"></head>'
            "<body><p>입력 2030.01.02 11:00</p></body></html>")
    assert minute(parse_html(html).published_at) == "2030-01-01 10:00"
