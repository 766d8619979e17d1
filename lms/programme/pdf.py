"""The funder report as a PDF (WeasyPrint, fetching nothing but the app's own files)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import render_template
from flask_babel import get_locale

from lms.catalog.pdf import render_pdf
from lms.i18n import HTML_LANG
from lms.timeutil import utcnow

if TYPE_CHECKING:
    from lms.catalog.pdf_fetcher import LocalOnlyFetcher


def report_pdf(
    report, organisation: str, kinds: dict, fetcher: LocalOnlyFetcher | None = None
) -> bytes:
    """Render the report to PDF bytes; names and titles are escaped by Jinja."""
    locale = str(get_locale())
    html = render_template(
        "programme/report_pdf.html",
        report=report,
        organisation=organisation,
        kinds=kinds,
        made_on=utcnow().date(),
        lang=HTML_LANG.get(locale, "en"),
    )
    return render_pdf(html, fetcher=fetcher)
