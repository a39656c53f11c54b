"""Fetching Korean news pages and turning them into articles. Knows nothing of extraction.

Fetcher / FetchConfig / FetchError: polite HTTP. decode_html: bytes -> text for Korean pages.
parse_html / fetch_article: page -> krnews.models.Article. discover / canonicalize_url: new article URLs.
"""
from .article import fetch_article, parse_html
from .config import FetchConfig
from .decoding import decode_html
from .discovery import Source, discover, load_sources
from .errors import FetchError
from .http import Fetcher, FetchResult
from .urls import canonicalize_url

__all__ = [
    "FetchConfig", "FetchError", "FetchResult", "Fetcher", "Source", "canonicalize_url", "decode_html",
    "discover", "fetch_article", "load_sources", "parse_html",
]
