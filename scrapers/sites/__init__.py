"""Site adapters: one small module per outlet, found by URL host (Scrapy style).

An adapter module declares `name`, `domains` and CSS selector tuples: `title`, `body`, `date`,
`byline`, `remove` (and optionally `keep`, `updated`, `outlet`, `outlet_name`). A selector may end in
`@attr` to read an attribute instead of text. Hosts match a domain exactly or as a subdomain.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from urllib.parse import urlsplit

# Modules under krnews.scrapers.sites that are adapters.
ADAPTER_MODULES = ("hankookilbo", "mk", "naver", "daum", "daejonilbo", "chosun")


@dataclass(frozen=True)
class SiteAdapter:
    name: str
    domains: tuple[str, ...]
    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()  # generic strip selectors this site's body keeps (its photo captions)
    outlet: tuple[str, ...] = ()  # selectors for the outlet (portals: the original publisher)
    outlet_name: str | None = None  # the outlet, when the site is one

    @classmethod
    def from_module(cls, module: ModuleType) -> "SiteAdapter":
        fields = cls.__dataclass_fields__
        return cls(**{key: getattr(module, key) for key in fields if hasattr(module, key)})

    def matches(self, host: str) -> bool:
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)


@cache
def adapters() -> tuple[SiteAdapter, ...]:
    return tuple(SiteAdapter.from_module(importlib.import_module(f"{__name__}.{module}"))
                 for module in ADAPTER_MODULES)


def adapter_for(url: str | None) -> SiteAdapter | None:
    """The adapter whose domain is the most specific match for the URL's host."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if not host:
        return None
    matching = [adapter for adapter in adapters() if adapter.matches(host)]
    return max(matching, key=lambda a: max(len(d) for d in a.domains if host == d or host.endswith("." + d)),
               default=None)
