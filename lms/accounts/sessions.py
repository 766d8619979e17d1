"""Server-side records of signed-in browsers: made at sign-in, checked on every request,
deleted at sign-out and quick exit, so a copied cookie stops working at once."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, has_request_context, session
from sqlalchemy import bindparam

from lms.dbutil import plain_rows
from lms.extensions import db
from lms.timeutil import utcnow

from .models import User, UserSession

SESSION_KEY = "sid"

# A device that has shown a discreet organisation's pages keeps discreet mode, signed out too,
# until someone switches it off on the sign-in page. The cookie says only "1": nothing about
# the person or the organisation.
DISCREET_COOKIE = "discreet"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def begin(user_id: int) -> None:
    """Record a new session for `user_id` and put its random id in this browser's cookie."""
    now = utcnow()
    # Tidy this person's ended sessions while we are here; no background job is needed.
    db.session.execute(
        db.delete(UserSession).where(UserSession.user_id == user_id, UserSession.expires_at <= now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            token_hash=_hash(token),
            user_id=user_id,
            created_at=_hour(now),
            last_seen_at=_hour(now),
            expires_at=now + current_app.config["SESSION_LIFETIME"],
        )
    )
    session[SESSION_KEY] = token


# Every signed-in request runs this: built once (building a statement costs more than running it).
# The record's columns only, not the object: nothing changes it but the hourly touch below.
USER_AND_RECORD = (
    db.select(
        User,
        UserSession.id.label("record_id"),
        UserSession.expires_at.label("record_expires_at"),
        UserSession.last_seen_at.label("record_last_seen_at"),
    )
    .join(UserSession, UserSession.user_id == User.id)
    .where(User.id == bindparam("user_id"), UserSession.token_hash == bindparam("token_hash"))
)
_TOUCH = (
    db.update(UserSession)
    .where(UserSession.id == bindparam("record_id"))
    .values(last_seen_at=bindparam("seen"))
)


def live_rows(
    user_id: int, statement=USER_AND_RECORD, params: dict | None = None, plain: bool = False
) -> list:
    """Return the rows of `statement` (USER_AND_RECORD, or it with more columns and joins:
    see lms.signed_in) when this browser's session record exists, is this user's and has not
    expired, else an empty list. `plain`: a select of columns only, run without the ORM."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return []
    values = {"user_id": user_id, "token_hash": _hash(token)}
    if params:
        values.update(params)
    if plain:
        rows = plain_rows(statement, values).all()
    else:
        rows = db.session.execute(statement, values).all()
    now = utcnow()
    if not rows or rows[0].record_expires_at <= now:
        return []
    if now - rows[0].record_last_seen_at >= timedelta(hours=1):
        db.session.execute(
            _TOUCH,
            {"record_id": rows[0].record_id, "seen": _hour(now)},
            execution_options={"synchronize_session": False},
        )
        db.session.commit()
    return rows


def live_user(user_id: int) -> User | None:
    """Return the user when this browser's session record exists, is theirs and has not
    expired, else None; one query for both."""
    rows = live_rows(user_id)
    return rows[0].User if rows else None


def is_live(user_id: int) -> bool:
    """Return True when this browser's session record exists, is this user's and has not expired."""
    return live_user(user_id) is not None


def end_current() -> None:
    """Delete this browser's session record (the caller commits) and forget its id."""
    token = session.pop(SESSION_KEY, None)
    if isinstance(token, str) and token:
        db.session.execute(db.delete(UserSession).where(UserSession.token_hash == _hash(token)))


def end_all(user_id: int, keep_current: bool = False) -> None:
    """Delete every session record of `user_id`, or every one but this browser's."""
    query = db.delete(UserSession).where(UserSession.user_id == user_id)
    token = session.get(SESSION_KEY) if has_request_context() else None
    if keep_current and isinstance(token, str) and token:
        query = query.where(UserSession.token_hash != _hash(token))
    db.session.execute(query)


def purge_expired() -> int:
    """Delete every ended session record (the daily job); return how many went."""
    result = db.session.execute(db.delete(UserSession).where(UserSession.expires_at <= utcnow()))
    return result.rowcount or 0
