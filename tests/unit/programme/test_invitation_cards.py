"""Invitation cards: a name safe to carry, and a QR code of the join link."""

import segno

from lms.programme.invitation_cards import card_name, qr_svg


def test_discreet_organisations_never_print_their_own_name():
    assert card_name("Anti-Trafficking Aid", True, None, "Study notes") == "Study notes"
    assert card_name("Anti-Trafficking Aid", True, "Riverside Learning", "Study notes") == (
        "Riverside Learning"
    )


def test_other_organisations_print_their_neutral_name_else_their_name():
    assert card_name("Harbour Group", False, None, "Study notes") == "Harbour Group"
    assert card_name("Harbour Group", False, "Harbour Classes", "Study notes") == "Harbour Classes"


def test_qr_svg_encodes_the_url_and_has_no_style_attribute():
    url = "https://learn.example/join?code=ABCD-EFGH"
    svg = qr_svg(url, "QR code")
    assert svg.startswith("<svg") and "<title>QR code</title>" in svg
    assert "style=" not in svg and "<script" not in svg
    expected = segno.make(url, error="m").svg_inline(scale=4)
    path = expected.split(' d="')[1].split('"')[0]
    assert path in svg
    assert path not in qr_svg(url.replace("ABCD", "WXYZ"), "QR code")
