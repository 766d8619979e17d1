"""The safety shell: headers, quick exit, CSRF, friendly errors, language, discreet mode."""

import re
from pathlib import Path

import pytest

from lms.accounts.models import User
from lms.extensions import db
from lms.security import CONTENT_SECURITY_POLICY

from .conftest import post_form

ROOT = Path(__file__).resolve().parents[2]


def test_strict_headers_on_every_page(client, world):
    for url in ["/", "/sign-in", "/join", "/safety", "/support", "/no-such-page"]:
        response = client.get(url)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"
    for directive in (
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ):
        assert directive in CONTENT_SECURITY_POLICY


def test_pages_have_no_inline_scripts_styles_or_remote_assets(client, auth, world):
    auth.sign_in("admin")
    for url in [
        "/",
        "/account",
        "/staff/members",
        "/staff/invitations",
        "/support",
        "/notifications",
    ]:
        page = client.get(url).get_data(as_text=True)
        assert "style=" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page)
        assert not re.search(r"""(src|href)=["']https?://""", page)


def test_templates_never_use_inline_styles_or_safe_filter():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "style=" not in text, template
        assert "|safe" not in text.replace(" ", ""), template


def test_quick_exit_is_first_and_signs_out(client, auth, world):
    auth.sign_in("learner")
    page = client.get("/").get_data(as_text=True)
    body = page.split("<body>", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'id="quick-exit"' in first_link and 'href="/exit"' in first_link
    response = client.get("/exit")
    assert response.status_code == 302 and response.location == "https://example.org/"
    assert client.get("/account").status_code == 302  # Back shows nothing: signed out


def test_quick_exit_script_is_local_and_small():
    script = (ROOT / "static" / "js" / "quick-exit.js").read_text()
    assert "location.replace" in script and "Shift" in script
    assert len(script.encode()) < 3000


def test_forged_csrf_token_changes_nothing_and_keeps_what_was_typed(client, auth, world):
    auth.sign_in("staff")
    response = client.post(
        "/staff/support",
        data={"csrf_token": "forged", "name": "Night line", "how_to_reach": "Call 555"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "For your safety, we need you to send this form again" in page
    assert 'value="Night line"' in page and 'value="Call 555"' in page
    from lms.orgs.models import SupportContact

    assert db.session.scalar(db.select(db.func.count(SupportContact.id))) == 0
    # The re-shown form carries a fresh token, so sending it again works.
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    again = client.post(
        "/staff/support",
        data={
            "csrf_token": token,
            "name": "Night line",
            "how_to_reach": "Call 555",
            "position": "0",
        },
    )
    assert again.status_code == 302


def _page_tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', page))


def test_a_session_keeps_its_signed_csrf_token_and_others_get_their_own(app, client, auth, world):
    """The token is signed once per session and signing key (lms.forms.csrf_token_for_page):
    the next page carries the same token, which still works; another browser, or the same
    session under another key, never gets it."""
    from lms.forms import _SIGNED_CSRF_TOKENS

    auth.sign_in("staff")
    first = _page_tokens(client.get("/").get_data(as_text=True))
    second = _page_tokens(client.get("/staff/support").get_data(as_text=True))
    assert len(first) == 1 and first == second  # the frame's forms and the page's own form
    response = client.post(
        "/staff/support",
        data={"csrf_token": first.pop(), "name": "Night line", "how_to_reach": "Call 555"},
    )
    assert response.status_code == 302

    other = app.test_client()
    other_token = _page_tokens(other.get("/sign-in").get_data(as_text=True))
    assert other_token and not (other_token & second)

    with client.session_transaction() as kept:
        raw = kept["csrf_token"]
    assert (app.secret_key, raw) in _SIGNED_CSRF_TOKENS
    original = app.secret_key
    app.secret_key = "another signing key for this test, long enough to count"
    try:
        _SIGNED_CSRF_TOKENS.clear()
        assert not (_page_tokens(other.get("/sign-in").get_data(as_text=True)) & other_token)
    finally:
        app.secret_key = original


def test_csrf_is_checked_on_sign_in_too(client, world):
    response = client.post("/sign-in", data={"username": "learner", "password": "x"})
    assert response.status_code == 400
    assert 'value="learner"' in response.get_data(as_text=True)


def test_friendly_404_and_500(app, client, world):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/staff/members/999999")
    assert response.status_code == 302  # anonymous: sign in first
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    assert "Page not found" in missing.get_data(as_text=True)

    broken = client.get("/boom-for-test")
    assert broken.status_code == 500
    text = broken.get_data(as_text=True)
    assert "Something went wrong on our side" in text and "secret internals" not in text
    assert "Traceback" not in text


def test_405_is_friendly(client, world):
    response = client.get("/sign-out")
    assert response.status_code == 405
    assert "This page cannot do that" in response.get_data(as_text=True)


def test_language_from_browser_then_switch(client, world):
    page = client.get("/sign-in", headers={"Accept-Language": "bn-BD,bn;q=0.9"})
    assert '<html lang="bn">' in page.get_data(as_text=True)
    page = client.get("/sign-in", headers={"Accept-Language": "zh-CN"})
    assert '<html lang="zh-Hans">' in page.get_data(as_text=True)
    response = post_form(client, "/language", {"locale": "bn", "next": "/safety"}, page="/safety")
    assert response.status_code == 302 and response.location == "/safety"
    page = client.get("/safety", headers={"Accept-Language": "zh-CN"})
    assert '<html lang="bn">' in page.get_data(as_text=True)


def test_language_switch_is_saved_for_members_and_refuses_open_redirects(client, auth, world):
    auth.sign_in("learner")
    response = post_form(
        client, "/language", {"locale": "zh_Hans", "next": "//evil.example"}, page="/"
    )
    assert response.location == "/"
    assert db.session.get(User, world.users["learner"].id).locale == "zh_Hans"


def test_sign_in_next_must_be_local(client, world):
    from .conftest import PASSWORD

    token_page = "/sign-in?next=https://evil.example/"
    response = post_form(
        client, token_page, {"username": "learner", "password": PASSWORD}, page="/sign-in"
    )
    assert response.location == "/"


def test_discreet_mode_changes_title_and_icon(client, auth, world):
    auth.sign_in("learner")
    assert "– Pathways</title>" in client.get("/").get_data(as_text=True)
    world.org.is_discreet = True
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "<title>Study notes</title>" in page and "Pathways" not in page
    assert "icons/discreet.svg" in page


@pytest.mark.parametrize("field", ["username", "password"])
def test_overlong_and_odd_unicode_sign_in_input_is_handled(client, world, field):
    data = {"username": "learner", "password": "x"}
    data[field] = "\u202e" + "𝔘" * 5000
    response = post_form(client, "/sign-in", data)
    assert response.status_code == 200
    assert "Please check this" in response.get_data(as_text=True)


def test_no_third_party_hosts_in_static_or_templates():
    for path in list((ROOT / "templates").rglob("*.html")) + list((ROOT / "static").rglob("*.*")):
        text = path.read_text(errors="ignore")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), path
