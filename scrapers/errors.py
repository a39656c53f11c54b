"""The one error type of the HTTP layer."""
from __future__ import annotations

from krnews.models import without_credentials


class FetchError(Exception):
    """A URL could not be fetched; str() is one line naming the URL and the reason."""

    def __init__(self, url: str, reason: str):
        self.url = without_credentials(url)
        self.reason = without_credentials(" ".join(str(reason).split()))  # one line, whatever the cause said
        super().__init__(url, self.reason)

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"
