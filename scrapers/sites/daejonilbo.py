"""대전일보 (daejonilbo.com): mobile pages keep the text in a <br>-separated box."""
name = "daejonilbo"
outlet_name = "대전일보"
domains = ("daejonilbo.com",)
title = ("h2.sub_tit", ".article_title h2", "h1.headline")
body = ("#s3dpop_divID01", ".m_cont", "#fontSzArea", "[itemprop=articleBody]")
date = ("#s_main", ".article_info .date")
byline = ("#s_main > span", ".article_info .name")
remove = ("#imgbox", ".photo", "table")
