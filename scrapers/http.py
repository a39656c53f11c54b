"""Polite HTTP: one pooled session, retries with backoff, per-host throttle, robots.txt,
size and redirect caps, conditional re-fetch. Every failure is a `FetchError`."""
from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from .config import FetchConfig
from .addresses import PUBLIC, address_class
from .body import BodyTooLarge, Deadline, read_body
from .decoding import decode_html
from .errors import FetchError
from .robots import RobotsCache, RobotsUnreachable
from .throttle import HostThrottle

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 lets crawlers stop reading robots.txt at 500 KiB
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int
    content: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """The server said the page is unchanged since the validators the caller sent."""
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("Last-Modified")

    def text(self) -> str:
        return decode_html(self.content, self.content_type).text


def make_session(config: FetchConfig) -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=16, pool_maxsize=16, max_retries=0)  # we retry ourselves
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({
        "User-Agent": config.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
        "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5",
    })
    return session


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    def __init__(self, config: FetchConfig | None = None, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.config = config or FetchConfig()
        self.session = session or make_session(self.config)
        self._sleep = sleep
        self.throttle = HostThrottle(self.config.per_host_delay, self.config.per_host_concurrency, sleep=sleep)
        self.robots = RobotsCache(self._get_robots, self.config.robots_ttl, self.config.robots_retry)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET `url`. Pass the ETag / Last-Modified of an earlier fetch to get a 304 result
        (`not_modified`) when the page has not changed."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, visited = url, {url}
        deadline = Deadline(url, self.config.deadline)
        for _hop in range(self.config.max_redirects + 1):
            self._check_allowed(url, current)
            response = self._get_with_retries(url, current, headers, deadline)
            if response.is_redirect:
                location = response.headers.get("Location", "")
                response.close()
                current = urljoin(current, location)
                if current in visited:
                    raise FetchError(url, f"redirect loop at {current}")
                self._check_redirect(url, current)
                visited.add(current)
                continue
            if response.status_code == 304:
                response.close()
                return FetchResult(url, current, 304, b"", dict(response.headers))
            if response.status_code >= 400:
                response.close()
                raise FetchError(url, f"HTTP {response.status_code} {response.reason or ''}".strip())
            content = self._read_capped(url, response, deadline)
            return FetchResult(url, current, response.status_code, content, dict(response.headers))
        raise FetchError(url, f"more than {self.config.max_redirects} redirects")

    @staticmethod
    def _check_redirect(url: str, target: str) -> None:
        """A redirect may lead to the internet, or to the kind of network the fetch started on (so a page
        on this machine may redirect on it): never from there to this machine or a private network."""
        kind = address_class(urlsplit(target).hostname or "")
        if kind != PUBLIC and kind != address_class(urlsplit(url).hostname or ""):
            raise FetchError(url, f"redirect to a {kind} address refused ({target})")

    def _check_allowed(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"unsupported scheme {parts.scheme or '(none)'!r}: only http and https")
        if not parts.hostname:
            raise FetchError(url, "not an absolute URL")
        if self.config.ignore_robots:
            return
        rules = self.robots.rules_for(current)
        if rules.disallow_all:
            raise FetchError(url, f"{rules.problem}: not crawling the host until it answers")
        delay = rules.crawl_delay(self.config.robots_agent)
        if delay:
            self.throttle.set_host_delay(parts.hostname, min(delay, self.config.max_wait))
        if not rules.allows(self.config.robots_agent, current):
            raise FetchError(url, f"disallowed by robots.txt ({current})")

    def _get_with_retries(self, url: str, current: str, headers: dict, deadline: "Deadline") -> requests.Response:
        config = self.config
        host = urlsplit(current).hostname or ""
        for attempt in range(config.max_retries + 1):
            wait = config.backoff * 2 ** attempt
            try:
                with self.throttle.slot(host):
                    response = self.session.get(
                        current, headers=headers, stream=True, allow_redirects=False,
                        timeout=deadline.timeouts(config.connect_timeout, config.read_timeout))
            except (requests.Timeout, requests.ConnectionError) as exc:
                reason = network_reason(exc)
            except requests.RequestException as exc:
                raise FetchError(url, f"request failed: {exc}") from exc
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                reason = f"HTTP {response.status_code}"
                wait = retry_after_seconds(response.headers.get("Retry-After")) or wait
                response.close()
            if attempt == config.max_retries or deadline.left() <= min(wait, config.max_wait):
                raise FetchError(url, f"{reason} after {attempt + 1} attempt(s)")
            self._sleep(min(wait, config.max_wait))
        raise AssertionError("unreachable")

    def _read_capped(self, url: str, response: requests.Response, deadline: "Deadline") -> bytes:
        limit = self.config.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            response.close()
            raise FetchError(url, f"response too large ({declared} bytes > {limit})")
        try:
            return read_body(response, limit, deadline)
        except BodyTooLarge:
            raise FetchError(url, f"response too large (more than {limit} bytes)") from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(url, f"reading the body failed ({type(exc).__name__})") from exc
        finally:
            response.close()

    def _get_robots(self, robots_url: str) -> tuple[int, bytes]:
        host = urlsplit(robots_url).hostname or ""
        deadline = Deadline(robots_url, self.config.deadline)
        try:
            with self.throttle.slot(host):
                response = self.session.get(robots_url, stream=True,
                                            timeout=deadline.timeouts(self.config.connect_timeout, self.config.read_timeout))
            with response:
                try:
                    body = read_body(response, ROBOTS_MAX_BYTES, deadline)
                except BodyTooLarge as too_large:
                    body = too_large.head  # the first 500 KiB are the rules
                return response.status_code, body
        except FetchError as error:
            raise RobotsUnreachable(error.reason) from error
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
            raise RobotsUnreachable(network_reason(error)) from error


def network_reason(error: BaseException) -> str:
    """What went wrong on the network, in a few words: timed out, connection refused, name not known…"""
    if isinstance(error, (requests.Timeout, TimeoutError, urllib3.exceptions.TimeoutError)):
        return "timed out"
    innermost, cause = None, error
    while cause is not None:  # the socket's own error is the innermost one that has a message
        if isinstance(cause, OSError) and cause.strerror:
            innermost = cause.strerror
        cause = cause.__cause__ or cause.__context__
    return f"connection failed: {innermost.lower() if innermost else type(error).__name__}"
