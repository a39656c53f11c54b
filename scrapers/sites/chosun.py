"""조선일보 (chosun.com): the old news.chosun.com article layout and the Arc layout."""
name = "chosun"
outlet_name = "조선일보"
domains = ("chosun.com",)
title = ("#news_title_text_id", "h1.article-header__headline", "h1")
body = ("#news_body_id .par", ".article-body")
date = (".news_date", ".upDate", ".inputDate")
byline = (".news_writer_info .name", ".article-byline__author")
remove = (".news_imgbox", ".center_img", "figure", ".news_date")
