"""네이버 뉴스 (n.news.naver.com): a portal; the outlet is the original publisher."""
name = "naver"
domains = ("n.news.naver.com", "m.news.naver.com", "news.naver.com")
title = ("#title_area", "h2.media_end_head_headline", "#articleTitle")
body = ("#dic_area", "#newsct_article", "#articleBodyContents")
date = ("._ARTICLE_DATE_TIME@data-date-time", ".media_end_head_info_datestamp_time@data-date-time", ".t11")
updated = ("._ARTICLE_MODIFY_DATE_TIME@data-modify-date-time",)
byline = (".media_end_head_journalist_name", ".byline_s", ".byline")
remove = (".end_photo_org", ".img_desc", ".nbd_table", ".vod_player_wrap", ".media_end_summary", "[data-type=ore]")
outlet = (".media_end_head_top_logo img@title", "meta[property='og:article:author']@content")
