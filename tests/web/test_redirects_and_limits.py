"""Issue 13, items 3 and 4: no open redirect after sign-in, and sign-in limits no one can turn
against a member (per account and address, behind a trusted proxy, CSRF failures not counted)."""

import limits.storage.memory
import pytest
from flask import request_started

from lms import create_app
from lms.extensions import db, limiter

from .conftest import (
    PASSWORD,
    TEST_CONFIG,
    _fresh_request_globals,
    csrf_token,
    make_user,
    post_form,
)

OWNER = {"username": "learner", "password": PASSWORD}
WRONG = {"username": "learner", "password": "not the password"}


# --- Redirects ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "next=/%09/evil.example",
        "next=%09//evil.example",
        "next=/%5Cevil.example",
        "next=//evil.example",
        "next=/%0A/evil.example",
        "next=%20//evil.example",
        "next=https:evil.example",
        "next=/%252F/evil.example",
    ],
)
def test_sign_in_never_redirects_to_another_site(client, world, query):
    response = post_form(client, f"/sign-in?{query}", OWNER, page="/sign-in")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location
    assert location.endswith("/")  # the dashboard


def test_sign_in_still_returns_to_a_page_on_this_site(client, world):
    response = post_form(client, "/sign-in?next=/account", OWNER, page="/sign-in")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"


def test_language_switch_and_organisation_switch_refuse_a_tab_trick(client, auth, world):
    token = csrf_token(client, "/sign-in")
    response = client.post(
        "/language", data={"csrf_token": token, "locale": "en", "next": "/\t/evil.example"}
    )
    assert "evil.example" not in response.headers["Location"]
    auth.sign_in("learner")
    token = csrf_token(client, "/account")
    response = client.post(
        "/organisation",
        data={
            "csrf_token": token,
            "organisation_id": world.org.id,
            "next": "\t//evil.example",
        },
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


# --- Sign-in limits -------------------------------------------------------------------------


class Clock:
    """The rate-limit storage's clock, moved by hand so an hour passes in a test."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    limiter.reset()
    return clock


@pytest.fixture
def behind_proxy():
    """Pathways behind one trusted reverse proxy (nginx): every connection is from 127.0.0.1."""
    app = create_app({**TEST_CONFIG, "LMS_PROXY_COUNT": 1})
    request_started.connect(_fresh_request_globals, app)
    with app.app_context():
        db.drop_all()
        db.create_all()
        limiter.reset()
        make_user("learner", None, "")
        db.session.commit()
        yield app
        db.session.remove()
        # Empty, not dropped: on PostgreSQL this is the worker's database, whose tables the
        # other tests expect to find.
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


def from_address(app, address, forwarded=None):
    """A browser whose requests come from `address`, or through the proxy on behalf of `forwarded`."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    if forwarded:
        browser.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded
    return browser


def fail_for_an_hour(browser, clock, tries=25):
    """A stranger's wrong guesses at the owner's password, spread so each minute allows them."""
    counted = 0
    for _ in range(tries):
        response = post_form(browser, "/sign-in", WRONG)
        assert response.status_code in (200, 429)
        counted += response.status_code == 200
        clock.advance(61)
    return counted


def test_a_stranger_behind_the_same_proxy_cannot_lock_the_owner_out(behind_proxy, clock):
    """Item 4 reproduced: nginx in front, so every connection comes from 127.0.0.1."""
    stranger = from_address(behind_proxy, "127.0.0.1", forwarded="203.0.113.9")
    owner = from_address(behind_proxy, "127.0.0.1", forwarded="198.51.100.7")
    assert fail_for_an_hour(stranger, clock) == 20  # the stranger is held at 20 an hour
    assert post_form(stranger, "/sign-in", WRONG).status_code == 429
    assert post_form(owner, "/sign-in", OWNER).status_code == 302


def test_without_a_proxy_the_owner_from_another_address_still_signs_in(app, world, clock):
    stranger = from_address(app, "203.0.113.9")
    owner = from_address(app, "198.51.100.7")
    assert fail_for_an_hour(stranger, clock) == 20
    assert post_form(owner, "/sign-in", OWNER).status_code == 302


def test_forwarded_addresses_get_separate_limits_behind_one_trusted_proxy(behind_proxy, clock):
    first = from_address(behind_proxy, "127.0.0.1", forwarded="203.0.113.9")
    second = from_address(behind_proxy, "127.0.0.1", forwarded="203.0.113.10")
    for _ in range(5):
        assert post_form(first, "/sign-in", WRONG).status_code == 200
    assert post_form(first, "/sign-in", WRONG).status_code == 429
    for _ in range(5):
        assert post_form(second, "/sign-in", WRONG).status_code == 200
    assert post_form(second, "/sign-in", WRONG).status_code == 429
    # A client cannot add its own X-Forwarded-For entry to get fresh limits: nginx appends
    # the real address last, and only that last entry is trusted.
    spoofing = from_address(behind_proxy, "127.0.0.1", forwarded="192.0.2.1, 203.0.113.9")
    assert post_form(spoofing, "/sign-in", WRONG).status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(app, world, clock):
    # Anyone can send the header; with LMS_PROXY_COUNT=0 it must not buy fresh limits.
    assert app.config["LMS_PROXY_COUNT"] == 0
    for number in range(5):
        browser = from_address(app, "203.0.113.9", forwarded=f"192.0.2.{number}")
        assert post_form(browser, "/sign-in", WRONG).status_code == 200
    browser = from_address(app, "203.0.113.9", forwarded="192.0.2.99")
    assert post_form(browser, "/sign-in", WRONG).status_code == 429


def test_one_address_guessing_many_names_is_slowed(app, world, clock):
    browser = from_address(app, "203.0.113.9")
    limit = 30  # the loose per-address limit a minute
    for number in range(limit):
        wrong = {"username": f"someone{number}", "password": "not the password"}
        assert post_form(browser, "/sign-in", wrong).status_code == 200
    assert post_form(browser, "/sign-in", WRONG).status_code == 429
    clock.advance(61)
    assert post_form(browser, "/sign-in", OWNER).status_code == 302


def test_many_addresses_guessing_one_account_are_slowed_far_above_one_address(app, world, clock):
    limit = app.config["SIGN_IN_ACCOUNT_LIMITS"]
    assert limit == "100 per hour"
    guesses = 0
    for number in range(25):  # 25 addresses, 4 guesses each: under every per-address limit
        browser = from_address(app, f"203.0.113.{number}")
        for _ in range(4):
            assert post_form(browser, "/sign-in", WRONG).status_code == 200
            guesses += 1
    assert guesses == 100
    fresh = from_address(app, "198.51.100.200")
    assert post_form(fresh, "/sign-in", WRONG).status_code == 429
    clock.advance(3601)
    assert post_form(fresh, "/sign-in", OWNER).status_code == 302


def test_failed_csrf_sign_in_posts_do_not_count(app, world, clock):
    browser = from_address(app, "203.0.113.9")
    for _ in range(10):
        response = browser.post("/sign-in", data={**WRONG, "csrf_token": "stale"})
        assert response.status_code == 400
    for _ in range(5):
        assert post_form(browser, "/sign-in", WRONG).status_code == 200
    assert post_form(browser, "/sign-in", WRONG).status_code == 429


def test_rate_limited_tries_do_not_extend_the_wait(app, world, clock):
    browser = from_address(app, "203.0.113.9")
    for _ in range(5):
        post_form(browser, "/sign-in", WRONG)
    for _ in range(10):
        assert post_form(browser, "/sign-in", WRONG).status_code == 429
    clock.advance(61)
    assert post_form(browser, "/sign-in", OWNER).status_code == 302


def test_pages_without_a_limit_skip_the_limiter_and_limited_views_still_count(app):
    """Every limit is on its view, which checks it itself: the check before every request
    (for default, application and blueprint limits, of which there are none) is dropped."""
    manager = limiter.limit_manager
    assert not manager.default_limits and not manager.application_limits
    assert not any(manager.blueprint_limits(app, name) for name in app.blueprints)
    assert limiter._check_request_limit not in app.before_request_funcs.get(None, [])
    # The views that carry limits are still wrapped by the limiter (the wrapper checks them).
    limited = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, "__wrapper-limiter-instance", None) is not None
    }
    assert {"accounts.sign_in", "accounts.second_step", "orgs.join"} <= limited
