"""Printable PDFs with WeasyPrint, which may fetch nothing but the app's own files.

WeasyPrint, with the fonts and Pango it loads, is imported when the first PDF is made, not
at start-up: most requests never make a PDF, and importing it costs each worker about 28 MB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lms.config import ROOT

if TYPE_CHECKING:
    from .pdf_fetcher import LocalOnlyFetcher

STATIC = (ROOT / "static").resolve()


def render_pdf(
    html: str, extra: dict | None = None, fetcher: LocalOnlyFetcher | None = None
) -> bytes:
    """Return PDF bytes for an HTML document whose relative links resolve under static/."""
    from weasyprint import HTML  # lazily: see the module docstring

    from lms.images import pillow

    from . import pdf_fonts
    from .pdf_fetcher import LocalOnlyFetcher  # noqa: F811 (the same class, now imported)

    pillow()  # WeasyPrint decodes pictures with Pillow: the pixel guard first
    pdf_fonts.install()  # Chinese certificates: one small CJK font program, not ~140 KB

    fetcher = fetcher or LocalOnlyFetcher(extra)
    base = STATIC.as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf()
