"""What a person typed is never lost at the idle sign-out.

When a form arrives just after the quiet-time sign-out (a goal, a need, an activity record),
what was typed is held on the server for that member, keyed by the form's address. After
signing in again, opening that address brings back a page that sends it on with one press.
Pages that keep drafts themselves (quizzes, see `restores_itself`) get the held answers back
as their draft and show the same form filled in. Held forms never include passwords or
codes, are kept a short time only, and go with the account.
"""

from datetime import datetime, timedelta

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, bindparam
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from .accounts import lifecycle
from .extensions import db
from .timeutil import iso, utcnow

KEEP_FOR = timedelta(hours=24)  # a form held at the idle sign-out
DRAFT_KEEP_FOR = timedelta(days=90)  # a draft the member saved, or one a page restores
# Endpoints whose pages fill their form from a draft (`draft_fields`) instead of the
# "send what I typed" page.
RESTORES_ITSELF: set[str] = set()
# Never held: secrets, and the token that is made new for every page.
SECRET_WORDS = ("password", "confirm", "code", "token", "secret", "otp")
# Actions that carry nothing a person typed at length.
NOT_HELD = {"accounts.sign_out", "accounts.set_language", "accounts.sign_in"}


class HeldForm(db.Model):
    __tablename__ = "held_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    path: Mapped[str] = mapped_column(db.String(500))
    fields: Mapped[list] = mapped_column(JSON, default=list)  # [name, value] pairs, in order
    held_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_draft: Mapped[bool] = mapped_column(default=False)


def restores_itself(endpoint: str) -> None:
    """Register a page that fills its own form from a held draft."""
    RESTORES_ITSELF.add(endpoint)


def _kept_fields() -> list[list[str]]:
    return [
        [name, value]
        for name, values in request.form.lists()
        for value in values
        if not any(word in name.lower() for word in SECRET_WORDS)
    ]


def hold_submitted_form(user_id: int) -> None:
    """Keep the form being sent now for this member (called as the idle sign-out happens)."""
    if request.method != "POST" or request.endpoint in NOT_HELD or request.files:
        return
    fields = _kept_fields()
    if fields:
        _hold(user_id, request.path, fields, request.endpoint in RESTORES_ITSELF)
        db.session.commit()


def _hold(user_id: int, path: str, fields: list, is_draft: bool) -> None:
    now = utcnow()
    db.session.execute(
        db.delete(HeldForm).where(
            HeldForm.user_id == user_id,
            (HeldForm.path == path)
            | (HeldForm.is_draft.is_(False) & (HeldForm.held_at < now - KEEP_FOR))
            | (HeldForm.held_at < now - DRAFT_KEEP_FOR),
        )
    )
    db.session.add(HeldForm(user_id=user_id, path=path, fields=fields, is_draft=is_draft))


def save_draft(user_id: int, path: str) -> bool:
    """Keep the form being sent now as this member's draft for `path` (caller commits).

    Returns False when there was nothing typed to keep.
    """
    fields = _kept_fields()
    if fields:
        _hold(user_id, path, fields, True)
    return bool(fields)


def draft_fields(user_id: int, path: str) -> MultiDict | None:
    """Return the member's draft for `path` as form data, or None."""
    held = db.session.scalar(
        db.select(HeldForm)
        .where(
            HeldForm.user_id == user_id,
            HeldForm.path == path,
            HeldForm.is_draft.is_(True),
            HeldForm.held_at >= utcnow() - DRAFT_KEEP_FOR,
        )
        .order_by(HeldForm.id.desc())
        .limit(1)
    )
    return MultiDict([tuple(pair) for pair in held.fields]) if held else None


def release(user_id: int, path: str) -> None:
    """Forget what was held for `path` (it was sent and saved; caller commits)."""
    db.session.execute(
        db.delete(HeldForm).where(HeldForm.user_id == user_id, HeldForm.path == path)
    )


# Asked before every signed-in page, and almost always empty: built once, the id only.
_HELD_HERE = (
    db.select(HeldForm.id)
    .where(
        HeldForm.user_id == bindparam("user_id"),
        HeldForm.path == bindparam("path"),
        HeldForm.is_draft.is_(False),
        HeldForm.held_at >= bindparam("since"),
    )
    .order_by(HeldForm.id.desc())
    .limit(1)
)


def offer_held_form():
    """Before a signed-in page opens: if a form for this address was held, offer to send it.

    The held copy is removed as it is shown: it now lives only in that page.
    """
    if request.method != "GET" or not current_user.is_authenticated:
        return None
    held_id = db.session.scalar(
        _HELD_HERE,
        {"user_id": current_user.id, "path": request.path, "since": utcnow() - KEEP_FOR},
    )
    if held_id is None:
        return None
    held = db.session.get(HeldForm, held_id)
    db.session.delete(held)
    db.session.commit()
    return render_template("accounts/held_form.html", held=held)


@lifecycle.exporter("held_forms")
def _export(user) -> list:
    return [
        {"page": h.path, "held_at": iso(h.held_at), "draft": h.is_draft, "fields": h.fields}
        for h in db.session.scalars(db.select(HeldForm).where(HeldForm.user_id == user.id))
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(HeldForm).where(HeldForm.user_id == user.id))
