"""매일경제 (mk.co.kr)."""
name = "mk"
outlet_name = "매일경제"
domains = ("mk.co.kr",)
title = ("h2.news_ttl", "h1.news_ttl")
body = (".news_cnt_detail_wrap[itemprop=articleBody]", ".news_cnt_detail_wrap")
date = (".registration", ".time_area .registration")
byline = (".author",)
remove = (".midtitle_text", ".border_org", ".thumb_area", "figure", ".ad_wrap", ".ad_boundary", ".news_sum_group")
