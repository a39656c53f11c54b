"""Fetching settings, with polite defaults."""
from __future__ import annotations

from dataclasses import dataclass

from krnews import __version__

DEFAULT_CONTACT_URL = "https://github.com/krnews/krnews"


@dataclass(frozen=True)
class FetchConfig:
    """How `Fetcher` behaves. Defaults suit crawling other people's news sites.

    contact_url: put in the User-Agent so a site operator can reach whoever runs the crawl.
    connect_timeout / read_timeout: seconds (read timeout is per socket read, not per page).
    deadline: seconds one fetch may take in all (attempts, waits, redirects, robots.txt, the body):
        a page trickling a byte at a time fails when it is reached.
    max_retries: extra attempts after connection errors, timeouts, 5xx and 429.
    backoff: first retry waits `backoff` s, then doubles; any wait (also Retry-After) is capped
        at `max_wait` s.
    per_host_delay: minimum seconds between two requests to one host (robots.txt Crawl-delay
        raises it, up to `max_wait`); per_host_concurrency: requests in flight per host.
    max_bytes: a response body larger than this is abandoned (read streamed, never buffered whole).
    max_redirects: redirect hops followed before giving up.
    ignore_robots: skip robots.txt — only for pages you own or may fetch regardless.
    robots_ttl: seconds a host's robots.txt is kept; robots_retry: seconds before a robots.txt that
        could not be had (unreachable, 5xx: nothing is fetched from the host meanwhile) is asked for again.
    """

    contact_url: str = DEFAULT_CONTACT_URL
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 180.0
    max_retries: int = 3
    backoff: float = 2.0
    max_wait: float = 60.0
    per_host_delay: float = 1.0
    per_host_concurrency: int = 1
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    ignore_robots: bool = False
    robots_ttl: float = 24 * 3600.0
    robots_retry: float = 300.0

    @property
    def user_agent(self) -> str:
        return f"krnews/{__version__} (+{self.contact_url})"

    @property
    def robots_agent(self) -> str:
        """The product token robots.txt groups are matched against."""
        return "krnews"
