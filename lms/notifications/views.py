"""The inbox: neutral titles in the list, the message itself once opened."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from lms.accounts import lifecycle
from lms.extensions import db
from lms.forms import ActionForm
from lms.redirects import is_safe_next
from lms.timeutil import iso, utcnow

from .loaders import own_notification_or_404
from .messages import message_text
from .models import Notification

bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
@login_required
def inbox():
    notes = db.session.scalars(
        db.select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(100)
    ).all()
    return render_template("notifications/inbox.html", notes=notes, form=ActionForm())


@bp.get("/notifications/<int:notification_id>")
@login_required
def show(notification_id: int):
    note = own_notification_or_404(notification_id)
    if note.read_at is None:
        note.read_at = utcnow()
        db.session.commit()
    link = note.link if is_safe_next(note.link) else None
    return render_template(
        "notifications/show.html", note=note, text=message_text(note.kind, note.params), link=link
    )


@bp.post("/notifications/read-all")
@login_required
def read_all():
    if ActionForm().validate_on_submit():
        db.session.execute(
            db.update(Notification)
            .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        db.session.commit()
    return redirect(url_for("notifications.inbox"))


@lifecycle.exporter("notifications")
def _export(user) -> list[dict]:
    notes = db.session.scalars(db.select(Notification).where(Notification.user_id == user.id))
    return [{"message": message_text(n.kind, n.params), "at": iso(n.created_at)} for n in notes]


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(Notification).where(Notification.user_id == user.id))
