"""Helpers for tests that sign in with two-step sign-in: enrol an account, type a fresh code."""

import time

import pyotp
from flask import current_app

from lms.accounts.models import User
from lms.accounts.twostep import STEP_SECONDS, encrypt_secret
from lms.extensions import db
from lms.timeutil import utcnow

from .conftest import PASSWORD, post_form


def enrol(user: User) -> str:
    """Turn two-step sign-in on for `user` directly; return the secret an app would hold."""
    secret = pyotp.random_base32(32)
    user.totp_secret = encrypt_secret(secret, current_app.config["SECRET_KEY"])
    user.totp_enabled_at = utcnow()
    user.totp_last_step = None
    db.session.commit()
    return secret


def fresh_code(user_id: int, secret: str) -> str:
    """Return a code the server has not accepted yet (a code works once; the next 30-second
    step is accepted too, as for a phone whose clock runs a little ahead)."""
    db.session.expire_all()
    last = db.session.get(User, user_id).totp_last_step
    current = int(time.time()) // STEP_SECONDS
    step = current if last is None or last < current else current + 1
    return pyotp.TOTP(secret).at(step * STEP_SECONDS)


def sign_in_with_code(client, user: User, secret: str, password: str = PASSWORD):
    """Sign in with the password and then a code; return the answer to the code step."""
    response = post_form(client, "/sign-in", {"username": user.username, "password": password})
    assert response.status_code == 302 and response.location.endswith("/sign-in/code")
    return post_form(client, "/sign-in/code", {"code": fresh_code(user.id, secret)})
