"""A form that makes something new makes it once, however many times it arrives.

A double tap, or a browser resending a form on a slow connection, would otherwise make two
needs, two goals or two notes. Each such form carries a one-time key (`OnceForm` in
lms/forms.py), made when the page is drawn. Before making anything, the view claims the key
with an insert-if-missing (lms/dbutil.py), in the same transaction as what it makes: identical
submits wait for the first one, find its key taken, and go where the first one went, without
making anything. A form with no key, or one that is not ours (a page opened before keys
existed), is a fresh submission: nothing breaks for people who had the page open.
"""

import hashlib
import re
from datetime import datetime, timedelta

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .accounts import lifecycle
from .dbutil import insert_if_missing
from .extensions import db
from .timeutil import utcnow

KEEP_FOR = timedelta(days=1)  # long enough for any resend; `pathways daily` removes older
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class OnceKey(db.Model):
    __tablename__ = "once_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(db.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    made_url: Mapped[str | None] = mapped_column(db.String(500))  # where the first one went


def _key_of(form) -> str | None:
    key = getattr(form, "once_key", None)
    value = key.data if key is not None else None
    if not isinstance(value, str) or not KEY_SHAPE.fullmatch(value):
        return None
    scope = getattr(form, "once_scope", "")
    if scope:  # one page, several buttons (one per check-in): one key for each button
        return hashlib.sha256(f"{value}\n{scope}".encode()).hexdigest()[:64]
    return value


def earlier(form, fallback: str) -> str | None:
    """Claim the form's key for the signed-in member; call just before making anything.

    Returns None when this is the first time the key is sent (go on: make it, then call
    `made`), or the address the first submit went to (`fallback` while that one had none).
    """
    key = _key_of(form)
    if key is None:
        return None  # no key (a page from before): a fresh submission
    keys = {"user_id": current_user.id, "key": key}
    if insert_if_missing(OnceKey, keys, {"created_at": utcnow()}):
        return None
    first = db.session.scalar(
        db.select(OnceKey.made_url).filter_by(**keys).execution_options(populate_existing=True)
    )
    return first or fallback


def made(form, url: str) -> None:
    """Remember where the first submit of this form went (before the caller commits)."""
    key = _key_of(form)
    if key is not None:
        db.session.execute(
            db.update(OnceKey)
            .where(OnceKey.user_id == current_user.id, OnceKey.key == key)
            .values(made_url=url[:500])
        )


def remove_old(now: datetime | None = None) -> int:
    """Remove keys older than a day (from `pathways daily`); return how many went."""
    result = db.session.execute(
        db.delete(OnceKey).where(OnceKey.created_at < (now or utcnow()) - KEEP_FOR)
    )
    return result.rowcount or 0


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(OnceKey).where(OnceKey.user_id == user.id))


def again(form, back: str) -> bool:
    """For a form that always goes back to `back`: True when this key was sent before (go
    back without making anything); otherwise the key is claimed and the caller makes it."""
    if earlier(form, back) is not None:
        return True
    made(form, back)
    return False


def invitations_made_already():
    """A second press of a form that shows invitation codes once: the codes were on the page
    the first press opened, and are never shown again, so say where the invitations are."""
    flash(
        _(
            "These invitations were made on your first press, and their codes were shown "
            "then. If you did not see them, you can cancel them below and make new ones."
        ),
        "notice",
    )
    return redirect(url_for("orgs.invitations"))
