"""One spelling per article URL: tracking parameters dropped, portal URL forms unified.

Rules live in data/sources.json (`tracking_params`, `tracking_prefixes`, `url_rewrites`)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from krnews.data import DATA_DIR

SOURCES_FILE = DATA_DIR / "sources.json"
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Rewrite:
    hosts: frozenset[str]
    path: re.Pattern
    query: tuple[str, ...]
    template: str


@dataclass(frozen=True)
class UrlRules:
    tracking_params: frozenset[str]
    tracking_prefixes: tuple[str, ...]
    rewrites: tuple[Rewrite, ...]


@cache
def url_rules() -> UrlRules:
    raw = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
    return UrlRules(
        tracking_params=frozenset(raw["tracking_params"]),
        tracking_prefixes=tuple(raw["tracking_prefixes"]),
        rewrites=tuple(Rewrite(frozenset(r["hosts"]), re.compile(r["path"]), tuple(r.get("query", ())), r["template"])
                       for r in raw["url_rewrites"]),
    )


def _is_tracking(name: str, rules: UrlRules) -> bool:
    name = name.lower()
    return name in rules.tracking_params or name.startswith(rules.tracking_prefixes)


def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    remaining parameters sorted; Naver and Daum article URLs in their one canonical form."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    rules = url_rules()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k, rules)]
    for rewrite in rules.rewrites:
        if host not in rewrite.hosts:
            continue
        match = rewrite.path.match(parts.path)
        params = dict(query)
        if match and all(params.get(name) for name in rewrite.query):
            return rewrite.template.format(**match.groupdict(), **{n: params[n] for n in rewrite.query})
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))
