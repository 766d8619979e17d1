"""Account work that touches the database: creating, authenticating, securing and deleting."""

import secrets

from lms.extensions import db
from lms.timeutil import iso, utcnow

from . import lifecycle
from .models import User
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


def set_password(user: User, password: str) -> None:
    """Change the password and sign out every other session of this account."""
    user.password_hash = hash_password(password)
    user.session_version += 1


def sign_out_everywhere(user: User) -> None:
    """End every session of this account, on every device, at its next request."""
    user.session_version += 1


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
