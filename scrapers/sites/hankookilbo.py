"""한국일보 (hankookilbo.com): the old /News/Read/ layout and the 2026 React layout."""
name = "hankookilbo"
outlet_name = "한국일보"
domains = ("hankookilbo.com",)
title = ("h1.title", "#gtm-article-data@data-title", "h1")
body = ("#article-view-content", ".end-body .col-main[itemprop=articleBody]", ".end-body .col-main")
date = ("#gtm-article-data@data-deploy-dt", ".end-body .info dd")
updated = ("#gtm-article-data@data-re-deploy-dt",)
byline = ("#gtm-article-data@data-byline-writer-name", ".writer")
remove = (".editor-img-box", ".img-box", "[class^=sub-tit]", ".writer", ".module-quote", ".btn-area", ".toast-popup",
          ".more-articles", ".end-ad-container")
