"""The last steps of signing in, shared by the password page, the code page and joining."""

import time

from flask import redirect, session, url_for
from flask_login import login_user

from lms.extensions import db
from lms.redirects import is_safe_next

from . import sessions

# A password was right and the code is still to come: how long the half-way state lasts.
SECOND_STEP_SECONDS = 300
PENDING_KEY = "two_step_pending"


def start_session(user) -> None:
    """Sign `user` in on this device: a fresh session, no remember-me cookie."""
    locale = session.get("locale")
    discreet = session.get("discreet")
    session.clear()
    if locale:
        session["locale"] = locale
    if discreet:
        session["discreet"] = discreet
    session["_seen"] = int(time.time())
    sessions.begin(user.id)
    db.session.commit()  # the session record must exist before the next request
    login_user(user, remember=False)


def finish_sign_in(user, target: str | None):
    """Start the session once every step is done; a pending reset notice comes first."""
    start_session(user)
    if user.reset_notice_pending:
        return redirect(url_for("orgs.was_it_you"))
    return redirect(target if is_safe_next(target) else url_for("dashboard.home"))


def ask_for_second_step(user, target: str | None):
    """Remember, for a few minutes, whose password was right; nobody is signed in yet."""
    session[PENDING_KEY] = {
        "user": user.id,
        "version": user.session_version,
        "at": int(time.time()),
        "next": target if is_safe_next(target) else None,
    }
    return redirect(url_for("accounts.second_step"))
