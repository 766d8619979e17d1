"""Pathways behind nginx over HTTPS, as deploy/ installs it: gunicorn trusts nginx's
X-Forwarded-Proto, so requests are secure, and browsers send no Referer (Referrer-Policy:
no-referrer). Forms must work there, and a limited sign-in must get its kind page, never a 500.
Found by the cluster test (tests/cluster)."""

import pytest

from lms.config import build_config
from lms.extensions import db

from .conftest import PASSWORD, csrf_token, make_user

HTTPS = {"base_url": "https://pathways.example.org"}
NOT_RIGHT = "The username or password is not right."


@pytest.fixture
def production_csrf(monkeypatch, tmp_path) -> dict:
    """The CSRF settings production uses (the rest stays the test configuration)."""
    monkeypatch.setenv("LMS_SECRET_KEY", "k" * 64)
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example.org")
    config = build_config(tmp_path, {"LMS_ENV": "production"})
    return {key: value for key, value in config.items() if key.startswith("WTF_CSRF_")}


@pytest.fixture
def https_app(app, production_csrf):
    # Flask-WTF reads these settings at each request.
    app.config.update(production_csrf)
    make_user("learner", None, "learner")
    db.session.commit()
    return app


def _sign_in(client, password: str, token: str | None = None):
    token = token or csrf_token(client, "https://pathways.example.org/sign-in")
    return client.post(
        "/sign-in",
        data={"csrf_token": token, "username": "learner", "password": password},
        **HTTPS,
    )


def test_signing_in_over_https_without_a_referer_works(https_app):
    client = https_app.test_client()
    wrong = _sign_in(client, "not the password")
    assert wrong.status_code == 200
    assert NOT_RIGHT in wrong.get_data(as_text=True)
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_sixth_wrong_password_over_https_gets_the_kind_wait_page(https_app):
    client = https_app.test_client()
    for _ in range(5):
        assert NOT_RIGHT in _sign_in(client, "not the password").get_data(as_text=True)
    limited = _sign_in(client, "not the password")
    assert limited.status_code == 429
    assert "wait a minute" in limited.get_data(as_text=True)


def test_a_stale_form_while_limited_gets_the_wait_page_not_an_error(https_app):
    client = https_app.test_client()
    for _ in range(5):
        _sign_in(client, "not the password")
    # A form from an ended session (its token no longer matches) sent while limited.
    stale = _sign_in(client, PASSWORD, token="an-old-token")
    assert stale.status_code == 429
    assert "wait a minute" in stale.get_data(as_text=True)
