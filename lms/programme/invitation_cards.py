"""Printable invitation cards for members without a phone of their own. Pure: no Flask.

A card shows a name that is safe to carry (never an anti-trafficking organisation's own
name when it works in discreet mode), the join address, the code, and a QR code of the
join link with the code filled in.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Card:
    name: str
    join_address: str
    link: str
    code: str
    expires_at: datetime
    qr_svg: str
    locale: str | None = None  # the card's language, when the inviter chose one
    lang: str | None = None  # its HTML language tag


def card_name(
    name: str, is_discreet: bool, neutral_name: str | None, discreet_site_name: str
) -> str:
    """Return the name printed on a card.

    Discreet organisations: their neutral (certificate issuer) name, else the site's discreet
    name; never their own name. Others: the neutral name if they chose one, else their name.
    """
    if is_discreet:
        return neutral_name or discreet_site_name
    return neutral_name or name


def qr_svg(url: str, title: str) -> str:
    """Return an inline SVG QR code of `url` (segno's output: no style attributes, no script)."""
    import segno  # here, not at start-up: every worker would carry it (issue 15, memory)

    return segno.make(url, error="m").svg_inline(
        scale=4, dark="#000000", omitsize=False, title=title, svgclass="qr-code"
    )
