"""What a person typed is never lost at the idle sign-out.

When a form arrives just after the quiet-time sign-out (a quiz, a goal, a need, an activity
record), what was typed is held on the server for that member, keyed by the form's address.
After signing in again, opening that address brings back a page that sends it on with one
press, so the answers reach the same form as if nothing had happened. Held forms are kept
a short time only, never include passwords or codes, and go with the account.
"""

from datetime import datetime, timedelta

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from .accounts import lifecycle
from .extensions import db
from .timeutil import iso, utcnow

KEEP_FOR = timedelta(hours=24)
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
    if not fields:
        return
    db.session.execute(
        db.delete(HeldForm).where(
            HeldForm.user_id == user_id,
            (HeldForm.path == request.path) | (HeldForm.held_at < utcnow() - KEEP_FOR),
        )
    )
    db.session.add(HeldForm(user_id=user_id, path=request.path, fields=fields))
    db.session.commit()


def offer_held_form():
    """Before a signed-in page opens: if a form for this address was held, offer to send it.

    The held copy is removed as it is shown: it now lives only in that page.
    """
    if request.method != "GET" or not current_user.is_authenticated:
        return None
    held = db.session.scalar(
        db.select(HeldForm)
        .where(
            HeldForm.user_id == current_user.id,
            HeldForm.path == request.path,
            HeldForm.held_at >= utcnow() - KEEP_FOR,
        )
        .order_by(HeldForm.id.desc())
        .limit(1)
    )
    if held is None:
        return None
    db.session.delete(held)
    db.session.commit()
    return render_template("accounts/held_form.html", held=held)


@lifecycle.exporter("held_forms")
def _export(user) -> list:
    return [
        {"page": h.path, "held_at": iso(h.held_at), "fields": h.fields}
        for h in db.session.scalars(db.select(HeldForm).where(HeldForm.user_id == user.id))
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(HeldForm).where(HeldForm.user_id == user.id))
