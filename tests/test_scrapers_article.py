"""Page -> Article on pages written for these tests (own Korean text, real outlets' markup shapes)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from krnews.models import Article
from krnews.scrapers import parse_html
from krnews.scrapers.article import strip_site_name
from krnews.scrapers.dates import KST, parse_datetime
from krnews.scrapers.sites import adapter_for, adapters

PAGES = Path(__file__).parent / "fixtures" / "pages"


def page(name: str, url: str) -> Article:
    return parse_html((PAGES / f"{name}.html").read_bytes(), url=url)


def test_script_embedded_body_and_naive_kst_date():
    article = page("hankookilbo_next", "https://www.hankookilbo.com/news/article/A2031031009150001234")
    assert article.title == "세종시, 지역 돌봄센터 확충에 120억원 투입"
    assert article.text.split("\n\n") == [
        "세종시가 내년까지 동네 돌봄센터 열두 곳을 새로 짓는 데 120억원을 들이기로 했다. "
        "맞벌이 가정의 방과 후 돌봄 공백을 줄이겠다는 취지다.",
        "국비와 시비 절반씩 부담",
        "사업비는 국비와 시비를 절반씩 나눠 마련한다. 시는 올해 하반기에 부지 선정을 마치고 설계 공모에 들어갈 계획이라고 밝혔다.",
    ]
    assert article.published_at == dt.datetime(2031, 3, 10, 9, 15, tzinfo=KST)
    assert article.published == dt.date(2031, 3, 10)
    assert article.updated == dt.datetime(2031, 3, 10, 10, 2, tzinfo=KST)
    assert (article.outlet, article.byline, article.language) == ("한국일보", "가상인", "ko")


def test_adapter_drops_subtitles_captions_ads_and_reporter_line():
    article = page("mk", "https://www.mk.co.kr/news/business/99990001?utm_source=feed")
    assert article.title == "반도체 장비 국산화에 3년간 5천억원"
    assert article.text.split("\n\n") == [
        "정부가 반도체 장비 국산화를 위해 앞으로 3년간 5천억원을 지원한다고 2일 밝혔다.",
        "지원 대상은 장비 업체 스무 곳으로, 시험 생산 라인 구축 비용의 절반까지 보조한다.",
        "업계는 이번 지원으로 해외 장비 의존도가 낮아질 것으로 기대하고 있다.",
    ]
    assert article.byline == "가나다, 라마바"
    assert article.published_at.isoformat() == "2031-04-02T07:30:11+09:00"
    assert article.canonical_url == "https://www.mk.co.kr/news/business/99990001"
    assert article.doc_id == Article.make_id(url="https://www.mk.co.kr/news/business/99990001")


def test_portal_article_names_the_original_outlet_and_unifies_the_url():
    article = page("naver", "https://n.news.naver.com/mnews/article/999/0000012345?sid=101")
    assert article.title == "[가상뉴스] 항만 물류 자동화에 1조원 투자"
    assert article.text == ("해양수산부는 항만 물류 자동화에 2035년까지 1조원을 투자한다고 6일 밝혔다.\n\n"
                            "자동화 부두는 부산과 광양에 먼저 들어선다.")
    assert article.outlet == "가상뉴스"
    assert article.byline == "홍길동 기자"  # e-mail removed
    assert article.published_at == dt.datetime(2031, 5, 6, 15, 4, tzinfo=KST)
    assert article.canonical_url == "https://n.news.naver.com/article/999/0000012345"


def test_daum_keeps_summary_and_captions_drops_their_credits_and_recommendations():
    article = page("daum", "https://m.v.daum.net/v/20310607081530123")
    assert article.text.split("\n\n") == [
        "시비 30억원 들여 리모델링", "입주 기업 공모는 다음 달",
        "창업 공간 조감도.", "가상시가 청년 창업 공간 세 곳을 다음 달 연다.", "시는 빈 청사를 고치는 데 시비 30억원을 썼다.",
    ]
    assert (article.outlet, article.byline, article.title) == ("가상일보", "임꺽정", "청년 창업 공간 세 곳 문 연다")
    assert article.published_at.strftime("%Y-%m-%d %H:%M") == "2031-06-07 08:15"


def test_generic_extractor_without_adapter():
    url = "https://news.example.kr/view.php?no=77"
    assert adapter_for(url) is None
    article = page("generic", url)
    assert article.title == "가상군, 스마트팜 단지 조성"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("가상군이 농업기술센터 인근에") and len(paragraphs) == 3
    for furniture in ("관련", "저작권", "nado@example.com", "사진=", "회사소개", "정치"):
        assert furniture not in article.text
    assert article.byline == "나도령 기자"
    assert article.published_at == dt.datetime(2031, 7, 8, 10, 20, tzinfo=KST)


def test_cp949_page_declared_euc_kr_with_extended_syllables():
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
            '<title>똠양꿍 축제에 햏자들 몰려 - 가상신문</title><meta property="og:site_name" content="가상신문"></head>'
            '<body><div class="view_text">'
            + "뷁 소리 나는 축제에 지역 예산 2억원이 들어갔다고 주최 측이 밝혔다.<br><br>" * 3
            + "</div></body></html>")
    article = parse_html(html.encode("cp949"), url="http://www.example.kr/a?id=1")
    assert article.title == "똠양꿍 축제에 햏자들 몰려"
    assert article.text.count("뷁 소리 나는 축제") == 3


def test_text_input_and_no_url_give_a_text_based_id():
    html = "<html><body><article><p>" + "주민 참여 예산 사업이 확정됐다는 내용의 시험 문단입니다. " * 4 + "</p></article></body></html>"
    article = parse_html(html)
    assert article.url is None and article.canonical_url is None
    assert article.doc_id == Article.make_id(text=article.text)
    assert article.published is None and article.title is None


@pytest.mark.parametrize("text, expected", [
    ("2025-05-15T20:00:52.000+0900", "2025-05-15T20:00:52+09:00"),
    ("2026.01.29 18:40", "2026-01-29T18:40:00+09:00"),
    ("2024. 5. 13. 12:52", "2024-05-13T12:52:00+09:00"),
    ("2023.11.02. 오후 8:06", "2023-11-02T20:06:00+09:00"),
    ("2023.11.02. 오전 12:06", "2023-11-02T00:06:00+09:00"),
    ("입력 2020.08.27 20:27", "2020-08-27T20:27:00+09:00"),
    ("20240513125214", "2024-05-13T12:52:14+09:00"),
    ("2020년 3월 4일(수) 16시 52분", "2020-03-04T16:52:00+09:00"),
    ("2024-05-13T03:52:14Z", "2024-05-13T03:52:14+00:00"),
])
def test_korean_date_forms(text, expected):
    assert parse_datetime(text).isoformat() == expected


@pytest.mark.parametrize("text", ["", "기사 입력 시각 없음", "2019-02-30 10:00", "1850-01-01"])
def test_not_dates(text):
    assert parse_datetime(text) is None


@pytest.mark.parametrize("title, site, expected", [
    ("반도체 장비 국산화 - 매일경제", "매일경제", "반도체 장비 국산화"),
    ("대전일보 모바일 :: 성금 기탁 줄 잇는다", "대전일보", "성금 기탁 줄 잇는다"),
    ("제명 부담 커졌다-정치ㅣ한국일보", "한국일보", "제명 부담 커졌다"),
    ("매일경제 - 기사 제목과 무관한 사이트명 없음", "한국일보", "매일경제 - 기사 제목과 무관한 사이트명 없음"),
])
def test_strip_site_name(title, site, expected):
    assert strip_site_name(title, site) == expected


def test_adapter_registry_matches_hosts_and_subdomains():
    assert adapter_for("https://m.daejonilbo.com/mnews.asp?pk_no=1").name == "daejonilbo"
    assert adapter_for("https://www.hankookilbo.com/News/Read/A1").name == "hankookilbo"
    assert adapter_for("https://n.news.naver.com/article/1/2").name == "naver"
    assert adapter_for("https://notmk.co.kr.example.com/") is None
    assert adapter_for("https://evilmk.co.kr/") is None
    for adapter in adapters():
        assert adapter.name and adapter.domains and adapter.body and adapter.title


@pytest.mark.parametrize("meta_title, expected", [
    ("[단독] 가상시 &quot;예산 늘린다&quot;", '[단독] 가상시 "예산 늘린다"'),
    ("[영상] &#34;칼 좀 주세요&#34; 그 뒤", '[영상] "칼 좀 주세요" 그 뒤'),
    ("R&amp;D 예산 3조", "R&D 예산 3조"),
    ("R&D 예산 3조", "R&D 예산 3조"),
])
def test_title_escaped_twice_in_meta_is_unescaped(meta_title, expected):
    html = (f'<html><head><meta property="og:title" content="{meta_title.replace("&", "&amp;")}"></head>'
            "<body><article><p>" + "가상시가 연구개발 예산을 늘린다는 시험 문단입니다. " * 5 + "</p></article></body></html>")
    assert parse_html(html, url="https://news.example.kr/a/1").title == expected


@pytest.mark.parametrize("name, url, title, published, updated, paragraphs", [
    ("old_br_template", "http://www.gasang.example.kr/news/view.php?idx=777",
     "가상도, 농어촌 버스 무료화에 120억 투입", "2016-09-26 09:57", "2016-09-26 10:30", [
         "가상도가 내년부터 농어촌 버스 요금을 받지 않기로 하고 도비 120억원을 투입한다. 도는 26일 이런 내용의 교통복지 계획을 발표했다.",
         "무료 버스는 군 지역 열한 곳에서 먼저 운행하며, 이용객이 많은 노선부터 배차 간격도 줄인다.",
         '도 관계자는 "버스가 유일한 교통수단인 어르신들의 부담을 덜겠다"며 "효과를 따져 시 지역으로 넓히겠다"고 말했다.',
     ]),
    ("new_template", "https://www.gasang-econ.example.kr/article/20310302000123",
     "가상시, 청년 창업 지원금 두 배로", "2031-03-02 15:05", "2031-03-02 16:10", [
         "가상시가 청년 창업 지원금을 올해 두 배인 40억원으로 늘린다고 2일 밝혔다.",
         "지원 대상은 창업 3년 이내 기업으로, 한 곳에 최대 5천만원까지 준다.",
         "시는 상반기에 심사를 마치고 7월부터 지원금을 나눠줄 계획이다.",
         '시 관계자는 "지원 규모를 늘린 만큼 사후 관리도 강화하겠다"고 말했다.',
     ]),
])
def test_unknown_template_first_and_last_paragraphs_without_furniture(name, url, title, published, updated, paragraphs):
    """Photo boxes and captions, ad labels, related-article links, bylines, headline and date lines go;
    the first and last paragraphs stay, on a <br><br> table template and on an <article> template."""
    assert adapter_for(url) is None
    article = page(name, url)
    assert article.title == title
    assert article.published_at.strftime("%Y-%m-%d %H:%M") == published
    assert article.updated.strftime("%Y-%m-%d %H:%M") == updated
    assert article.text.split("\n\n") == paragraphs


@pytest.mark.parametrize("body, expected", [
    # a headline set in no heading tag is still shown whole in one element; the site's name is not
    ('<dl class="newsTitle"><dt>도서관 건립에 30억 투입</dt><dd>부제목 한 줄</dd></dl><p>본문이다.</p>', "도서관 건립에 30억 투입"),
    # no part of the title shown whole on the page: the title as written
    ("<p>도서관 건립에 30억 투입한다는 본문이다.</p>", "도서관 건립에 30억 투입 - Examplemedia"),
])
def test_the_part_of_a_title_the_page_shows(body, expected):
    html = f"<html><head><title>도서관 건립에 30억 투입 - Examplemedia</title></head><body>{body}</body></html>"
    assert parse_html(html.encode("utf-8"), url="https://www.example.co.kr/news?idx=1").title == expected
