"""In-app notifications: no email needed, and neutral words until the member opens one."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, bindparam
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # A message code from notifications/messages.py; the text is made when it is shown.
    kind: Mapped[str] = mapped_column(db.String(60))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    # A path inside Pathways that the message points to, if any.
    link: Mapped[str | None] = mapped_column(db.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column()


def notify(
    user_id: int,
    kind: str,
    *,
    organisation_id: int | None = None,
    link: str | None = None,
    **params,
) -> Notification:
    """Add a notification to the session; the caller commits it with the action that caused it."""
    note = Notification(
        user_id=user_id, organisation_id=organisation_id, kind=kind, params=params, link=link
    )
    db.session.add(note)
    return note


def unread_count(user_id: int) -> int:
    """Return how many notifications `user_id` has not opened yet."""
    return db.session.scalar(_UNREAD, {"user_id": user_id})


# Every signed-in page's header shows it: built once (building costs more than running it).
_UNREAD = db.select(db.func.count(Notification.id)).where(
    Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None)
)
