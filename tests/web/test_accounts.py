"""Signing in and out, sessions on shared devices, one's own account, export and deletion."""

import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from lms.accounts.models import User
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.orgs.models import Membership, MentorAssignment

from .conftest import PASSWORD, post_form

WRONG = "The username or password is not right"


def test_sign_in_and_out(client, auth, world):
    response = auth.sign_in("learner")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Hello, Learner" in page
    assert auth.sign_out().status_code == 302
    assert client.get("/account").status_code == 302  # back to sign-in


def test_same_message_for_unknown_name_and_wrong_password(client, auth, world):
    unknown = auth.sign_in("nobody-here", "whatever password").get_data(as_text=True)
    wrong = auth.sign_in("learner", "not the password").get_data(as_text=True)
    assert WRONG in unknown and WRONG in wrong
    assert 'value="nobody-here"' in unknown  # what was typed is kept


def test_sign_in_is_slowed_per_account_and_address_not_locked_for_others(app, world):
    first = app.test_client()
    wrong = {"username": "learner", "password": "nope nope"}
    for _ in range(5):
        assert post_form(first, "/sign-in", wrong).status_code == 200
    limited = post_form(first, "/sign-in", wrong)
    assert limited.status_code == 429
    assert "wait a minute" in limited.get_data(as_text=True)
    assert 'value="learner"' in limited.get_data(as_text=True)
    # The real person on another address can still sign in: no lock-out weapon.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    response = post_form(other, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert response.status_code == 302


def test_successful_sign_ins_do_not_count_towards_the_limit(app, world):
    client = app.test_client()
    for _ in range(8):
        response = post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
        assert response.status_code == 302
        client.get("/exit")


def test_no_remember_me_cookie_and_session_cookie_flags(client, auth, world):
    response = auth.sign_in("learner")
    cookies = response.headers.getlist("Set-Cookie")
    assert not any(c.startswith("remember_token") for c in cookies)
    session_cookie = next(c for c in cookies if c.startswith("pathways_session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_idle_timeout_signs_out(app, client, auth, world):
    auth.sign_in("learner")
    with client.session_transaction() as session:
        session["_seen"] -= int(app.config["IDLE_TIMEOUT"].total_seconds()) + 5
    response = client.get("/account")
    assert response.status_code == 302
    assert urlsplit(response.location).path == "/sign-in"
    assert parse_qs(urlsplit(response.location).query)["next"] == ["/account"]
    page = client.get(response.location).get_data(as_text=True)
    assert "you were signed out after a quiet time" in page


def test_sign_out_everywhere_ends_other_sessions(app, auth, world):
    phone = app.test_client()
    laptop = app.test_client()
    for device in (phone, laptop):
        post_form(device, "/sign-in", {"username": "learner", "password": PASSWORD})
        assert device.get("/account").status_code == 200
    post_form(laptop, "/account/sign-out-everywhere", {}, page="/account")
    assert phone.get("/account").status_code == 302
    assert laptop.get("/account").status_code == 302


def test_signed_in_pages_are_not_stored(client, auth, world):
    auth.sign_in("learner")
    response = client.get("/account")
    assert response.headers["Cache-Control"] == "no-store"


def test_profile_update_and_validation_keeps_input(client, auth, world):
    auth.sign_in("learner")
    bad = post_form(
        client, "/account", {"display_name": "x" * 61, "email": "not-an-email", "locale": "bn"}
    )
    page = bad.get_data(as_text=True)
    assert "Please use 60 characters or fewer." in page
    assert 'value="not-an-email"' in page
    assert db.session.get(User, world.users["learner"].id).display_name == "Learner"
    good = post_form(client, "/account", {"display_name": "Min", "email": "", "locale": "bn"})
    assert good.status_code == 302
    user = db.session.get(User, world.users["learner"].id)
    assert user.display_name == "Min" and user.locale == "bn" and user.email is None


def test_change_password_signs_out_other_devices_but_not_this_one(app, client, auth, world):
    auth.sign_in("learner")
    other = app.test_client()
    post_form(other, "/sign-in", {"username": "learner", "password": PASSWORD})
    wrong = post_form(
        client,
        "/account/password",
        {
            "current_password": "nope",
            "password": "a new long phrase",
            "confirm": "a new long phrase",
        },
    )
    assert "This is not your current password." in wrong.get_data(as_text=True)
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": PASSWORD,
            "password": "a new long phrase",
            "confirm": "a new long phrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302


def test_export_contains_my_data_and_nobody_elses(client, auth, world):
    auth.sign_in("learner")
    response = client.get("/account/export")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["username"] == "learner"
    assert data["organisations"][0]["organisation"] == "Harbour Group"
    assert data["organisations"][0]["mentors"] == ["Mentor"]
    assert "other_learner" not in response.get_data(as_text=True)


def test_delete_account_needs_password_and_confirmation(client, auth, world):
    auth.sign_in("learner")
    missing = post_form(client, "/account/delete", {"password": PASSWORD})
    assert "Please tick this box" in missing.get_data(as_text=True)
    wrong = post_form(client, "/account/delete", {"password": "nope", "understood": "y"})
    assert "This is not your password." in wrong.get_data(as_text=True)
    assert db.session.get(User, world.users["learner"].id).deleted_at is None


def test_delete_account_anonymises_and_keeps_org_records(client, auth, world):
    user_id = world.users["learner"].id
    auth.sign_in("learner")
    response = post_form(client, "/account/delete", {"password": PASSWORD, "understood": "y"})
    assert "Your account was deleted" in response.get_data(as_text=True)
    user = db.session.get(User, user_id)
    assert user.deleted_at is not None
    assert user.username == "deleted" and user.display_name == "—"
    assert user.password_hash is None and user.email is None
    assert db.session.scalar(db.select(Membership).where(Membership.user_id == user_id)) is None
    assert (
        db.session.scalar(db.select(MentorAssignment).where(MentorAssignment.learner_id == user_id))
        is None
    )
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "account_deleted"))
    assert event is not None and event.actor_id is None and event.subject_user_id is None
    assert client.get("/account").status_code == 302
    # The name can be taken again by someone else without revealing who had it.
    assert auth.sign_in("learner").status_code == 200


def test_reset_notice_is_asked_at_sign_in_with_the_date(client, auth, world):
    from lms.timeutil import utcnow

    user = world.users["learner"]
    user.reset_notice_pending = True
    user.password_reset_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert auth.sign_in("learner").location.endswith("/account/was-it-you")
    page = client.get("/account/was-it-you").get_data(as_text=True)
    assert "Your password was reset with a code from staff on" in page
    assert re.search(r"\d{1,2} \w+ \d{4}", page)
    # Every other page still opens ("Decide later"); the question comes back next time.
    assert client.get("/").status_code == 200
