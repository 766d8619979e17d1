"""The session cookie is checked once per process and cookie (lms.serving.session_cookie):
a copy is used again only for the very same cookie, under the same keys, within the session
lifetime, and never shared with what a page changes."""

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder

from lms.serving import session_cookie
from lms.serving.session_cookie import KeptCookieSessionInterface


@pytest.fixture
def little_app():
    app = Flask(__name__)
    app.secret_key = "a test key that is long enough to sign with"
    app.session_interface = KeptCookieSessionInterface()
    return app


def _cookie_for(app, data: dict) -> str:
    return app.session_interface.get_signing_serializer(app).dumps(data)


def open_with(app, cookie):
    builder = EnvironBuilder(path="/", headers={"Cookie": f"session={cookie}"})
    request = app.request_class(builder.get_environ())
    return app.session_interface.open_session(app, request)


def test_the_same_cookie_is_checked_once_and_each_page_gets_its_own_copy(little_app, monkeypatch):
    cookie = _cookie_for(little_app, {"sid": "abc", "_seen": 1, "_fresh": True})
    first = open_with(little_app, cookie)
    checks = []
    serializer = type(little_app.session_interface.get_signing_serializer(little_app))
    original = serializer.loads
    monkeypatch.setattr(serializer, "loads", lambda *a, **k: checks.append(1) or original(*a, **k))
    second = open_with(little_app, cookie)
    assert dict(second) == dict(first) == {"sid": "abc", "_seen": 1, "_fresh": True}
    assert checks == []
    second["sid"] = "changed by a page"
    assert dict(open_with(little_app, cookie))["sid"] == "abc"


def test_a_forged_or_changed_cookie_is_refused_even_beside_a_kept_one(little_app):
    cookie = _cookie_for(little_app, {"sid": "abc"})
    assert dict(open_with(little_app, cookie)) == {"sid": "abc"}
    forged = cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")
    assert dict(open_with(little_app, forged)) == {}
    other = Flask(__name__)
    other.secret_key = "another key, so another signature altogether"
    assert dict(open_with(little_app, _cookie_for(other, {"sid": "abc"}))) == {}


def test_a_kept_cookie_still_ages_and_follows_the_keys(little_app, monkeypatch):
    cookie = _cookie_for(little_app, {"sid": "abc"})
    assert dict(open_with(little_app, cookie)) == {"sid": "abc"}
    little_app.secret_key = "the key was rotated, and the old one is not a fallback"
    assert dict(open_with(little_app, cookie)) == {}
    little_app.config["SECRET_KEY_FALLBACKS"] = ["a test key that is long enough to sign with"]
    assert dict(open_with(little_app, cookie)) == {"sid": "abc"}
    lifetime = little_app.permanent_session_lifetime.total_seconds()
    real_time = session_cookie.time.time
    # The time module, as both this module and itsdangerous read it: the cookie is too old.
    monkeypatch.setattr(session_cookie.time, "time", lambda: real_time() + lifetime + 5)
    assert dict(open_with(little_app, cookie)) == {}


def test_sessions_holding_lists_are_not_kept(little_app):
    cookie = _cookie_for(little_app, {"_flashes": [["notice", "Saved."]]})
    first = open_with(little_app, cookie)
    assert cookie not in little_app.session_interface._kept
    first["_flashes"].clear()
    assert dict(open_with(little_app, cookie)) == {"_flashes": [["notice", "Saved."]]}
