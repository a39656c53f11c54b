"""다음 뉴스 (v.daum.net): a portal; the outlet is the original publisher."""
name = "daum"
domains = ("v.daum.net",)
title = ("h3.tit_view", ".head_view .tit_view")
body = (".summary_view, .article_view section", ".article_view")
date = (".info_view .num_date", "meta[property='og:regDate']@content")
byline = (".info_view .txt_info",)
remove = (".link_figure img", ".txt_caption .txt_copyright", ".ad_body", "#recommendArea")
# Daum shows the publisher's photo captions as part of the article text; their credits are removed above.
keep = ("figcaption", ".caption", "[class*=caption]")
outlet = ("meta[property='og:article:author']@content", "#kakaoServiceLogo")
