"""Account work that touches the database: creating, authenticating, securing and deleting."""

import secrets

from flask import current_app
from flask_login import current_user

from lms.audit.models import record
from lms.dbutil import insert_if_missing
from lms.extensions import db
from lms.timeutil import iso, utcnow

from . import lifecycle, sessions, twostep
from .models import RecoveryCode, User
from .names import clean, username_key
from .passwords import hash_password, needs_rehash, verify_password


def find_by_username(username: str) -> User | None:
    """Return the live account with this username (any case or width), or None."""
    return db.session.scalar(
        db.select(User).where(
            User.username_key == username_key(username), User.deleted_at.is_(None)
        )
    )


def username_taken(username: str) -> bool:
    """Return True when the name is in use, including by a deleted account's tombstone."""
    return (
        db.session.scalar(db.select(User.id).where(User.username_key == username_key(username)))
        is not None
    )


def authenticate(username: str, password: str) -> User | None:
    """Return the user when the name and password match, else None (same effort either way)."""
    user = find_by_username(username)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def create_user(
    username: str, display_name: str, password: str, email: str | None, locale: str
) -> User:
    """Add a new account to the session (the caller commits)."""
    user = User(
        username=clean(username),
        username_key=username_key(username),
        display_name=clean(display_name),
        password_hash=hash_password(password),
        email=(email or "").strip() or None,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    return user


def add_user_if_name_free(
    username: str, display_name: str, password_hash: str, email: str | None, locale: str
) -> User | None:
    """Add a new account unless the name is in use (even by a request at this very moment).

    Returns None when the name is taken. The password is hashed by the caller beforehand:
    hashing is slow, and on SQLite the write lock is held from the first write to the commit.
    """
    key = username_key(username)
    created = insert_if_missing(
        User,
        {"username_key": key},
        {
            "username": clean(username),
            "display_name": clean(display_name),
            "password_hash": password_hash,
            "email": (email or "").strip() or None,
            "locale": locale,
        },
    )
    if not created:
        return None
    return db.session.scalar(db.select(User).where(User.username_key == key))


def set_password(user: User, password: str) -> None:
    """Change the password and sign out every other session of this account."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    sessions.end_all(user.id, keep_current=True)


def sign_out_everywhere(user: User) -> None:
    """End every session of this account, on every device, at its next request."""
    user.session_version += 1
    sessions.end_all(user.id)


def _key() -> str:
    return current_app.config["SECRET_KEY"]


def two_step_secret(user: User) -> str | None:
    """Return the authenticator secret in clear, or None when there is none (or it is unreadable)."""
    if not user.totp_secret:
        return None
    return twostep.decrypt_secret(user.totp_secret, _key())


def start_two_step(user: User) -> str:
    """Return the secret to show for enrolment: the one already waiting, or a new one."""
    if user.totp_enabled_at is None:
        waiting = two_step_secret(user)
        if waiting:
            return waiting
    secret = twostep.new_secret()
    user.totp_secret = twostep.encrypt_secret(secret, _key())
    user.totp_enabled_at = None
    user.totp_last_step = None
    return secret


def confirm_two_step(user: User, typed: str) -> list[str] | None:
    """Turn two-step sign-in on when the code from the app is right; return the new recovery
    codes (shown once), or None when the code is not right."""
    secret = two_step_secret(user)
    if secret is None or user.totp_enabled_at is not None:
        return None
    step = twostep.accepted_step(secret, typed, utcnow(), None)
    if step is None:
        return None
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    record_own_two_step_change(user, "two_step_turned_on")
    return replace_recovery_codes(user)


def record_own_two_step_change(user: User, action: str) -> None:
    """Keep a record for the member's own data export (no organisation reads it)."""
    record(
        action,
        actor_id=user.id,
        organisation_id=None,
        object_type="user",
        object_id=user.id,
        subject_user_id=user.id,
    )


def replace_recovery_codes(user: User) -> list[str]:
    """Return ten fresh recovery codes; only their hashes are kept, and older ones stop working."""
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = twostep.new_recovery_codes()
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=twostep.hash_recovery_code(code)) for code in codes
    )
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        db.select(db.func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )


def check_second_step(user: User, typed: str) -> bool:
    """Return True when `typed` is a right code from the app, or an unused recovery code
    (which is then used up)."""
    if user.totp_enabled_at is None:
        return False
    if twostep.looks_like_recovery_code(typed):
        code = db.session.scalar(
            db.select(RecoveryCode).where(
                RecoveryCode.user_id == user.id,
                RecoveryCode.code_hash == twostep.hash_recovery_code(typed),
                RecoveryCode.used_at.is_(None),
            )
        )
        if code is None:
            return False
        code.used_at = utcnow()
        return True
    secret = two_step_secret(user)
    step = secret and twostep.accepted_step(secret, typed, utcnow(), user.totp_last_step)
    if step is None or not secret:
        return False
    user.totp_last_step = step
    return True


def signed_in_account() -> User:
    """The signed-in member's account as an ORM object, for a view that changes it: a page
    that only shows has a read-only copy as `current_user` (lms.signed_in)."""
    user = current_user._get_current_object()
    if isinstance(user, User):
        return user
    return db.session.get(User, user.id)


def two_step_required(user: User) -> bool:
    """Return True when this account must use two-step sign-in (see twostep.two_step_required)."""
    pairs = [pair for source in lifecycle.membership_roles for pair in source(user)]
    return twostep.two_step_required(user.is_platform_admin, pairs)


def turn_off_two_step(user: User) -> None:
    """Forget the authenticator and the recovery codes (the caller records who did it)."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def delete_account(user: User) -> None:
    """Remove the person's data; keep an anonymous tombstone so organisation records stay whole."""
    for hook in lifecycle.deletion_hooks:
        hook(user)
    user.username = "deleted"
    user.username_key = f"deleted-{user.id}-{secrets.token_hex(6)}"
    user.display_name = "—"
    user.password_hash = None
    user.email = None
    user.is_platform_admin = False
    user.session_version += 1
    user.reset_notice_pending = False
    user.password_reset_at = None
    turn_off_two_step(user)
    sessions.end_all(user.id)
    user.deleted_at = utcnow()


def export_data(user: User) -> dict:
    """Return everything Pathways holds about the member, section by section."""
    data = {
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "language": user.locale,
            "created_at": iso(user.created_at),
            "password_reset_at": (iso(user.password_reset_at)),
            "two_step_sign_in_since": iso(user.totp_enabled_at),
        }
    }
    for name, exporter in lifecycle.exporters:
        data[name] = exporter(user)
    return data


def users_by_id(ids) -> dict[int, User]:
    """Return {id: User} for the people named on a page, in one query (missing ids are left out)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(wanted)))}
