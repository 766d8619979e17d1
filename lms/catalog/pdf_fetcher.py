"""The URL fetcher WeasyPrint uses: the app's own static files and nothing else.

Importing this module imports WeasyPrint; `lms.catalog.pdf` imports it only when a PDF is made.
"""

from pathlib import Path
from urllib.parse import urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf import STATIC


class FetchRefused(ValueError):
    """WeasyPrint asked for something outside the app's static folder."""


class LocalOnlyFetcher(URLFetcher):
    """Serve files under static/ and the given in-memory files; refuse everything else.

    `extra` maps a path such as '/learn/course/media/map.png' to (bytes, mime type). The
    network, other files on disk and other schemes are refused, so user-provided text in a
    document can never make the server fetch anything.
    """

    def __init__(self, extra: dict | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.extra = extra or {}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file" and parsed.path in self.extra:
            data, mime = self.extra[parsed.path]
            return URLFetcherResponse(url, body=data, headers={"Content-Type": mime})
        if parsed.scheme == "file":
            path = Path(parsed.path).resolve()
            if path.is_relative_to(STATIC) and path.is_file():
                return super().fetch(url, headers)
        self.refused.append(url)
        raise FetchRefused(f"refused to fetch {url!r}")
