"""The certificate PDF: one A4 page, fonts for Chinese and Bengali, a QR code to verify it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from lms.catalog.pdf import render_pdf
from lms.i18n import HTML_LANG

if TYPE_CHECKING:
    from lms.catalog.pdf_fetcher import LocalOnlyFetcher


def qr_svg(url: str) -> Markup:
    """Return the QR code for a verification link as inline SVG (made here, from our own URL)."""
    import segno  # here, not at start-up: every worker would carry it (issue 15, memory)

    svg = segno.make(url, error="m").svg_inline(scale=3, dark="#111111", omitsize=False)
    return Markup(svg)  # noqa: S704 (segno's own output for a URL we built)


def certificate_pdf(
    certificate, issuer: str, verify_url: str, fetcher: LocalOnlyFetcher | None = None
) -> bytes:
    """Render the certificate to PDF bytes; everything the learner typed is escaped by Jinja."""
    # Printed in the learner's language (the one chosen when it was issued), else English.
    with force_locale(certificate.language if certificate.language in HTML_LANG else "en"):
        html = render_template(
            "certificates/pdf.html",
            certificate=certificate,
            issuer=issuer,
            verify_url=verify_url,
            qr=qr_svg(verify_url),
            lang=HTML_LANG.get(certificate.language, "en"),
        )
    return render_pdf(html, fetcher=fetcher)
