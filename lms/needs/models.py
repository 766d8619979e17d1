"""Needs: what a learner asked for (support after a check-in is the first kind) and the
messages on each (tables unchanged since they lived in lms.readiness)."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class Need(db.Model):
    """What a learner asked for help with: the code's one name for what learners see as a
    "need" and staff as a "support request". Support after a check-in is the first kind
    (`kind="support"`); a need stated on the needs page is another."""

    # The table keeps its first name: renaming it would need a migration that also renames
    # PostgreSQL's sequence, indexes and foreign keys, for no change anyone sees.
    __tablename__ = "support_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(db.String(40), default="support")
    status: Mapped[str] = mapped_column(db.String(20), default="open")  # open / answered / closed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column()
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    escalated_at: Mapped[datetime | None] = mapped_column()
    # Needs beyond support after a check-in: what the learner wrote and how soon it matters.
    details: Mapped[str | None] = mapped_column(db.Text)
    urgency: Mapped[str] = mapped_column(db.String(20), default="soon", server_default="soon")
    # Only what the learner agreed may be passed to an outside service, in their words.
    share_with_services: Mapped[bool] = mapped_column(default=False, server_default="0")
    shareable_summary: Mapped[str | None] = mapped_column(db.Text)
    referred_to: Mapped[str | None] = mapped_column(db.String(200))
    referred_at: Mapped[datetime | None] = mapped_column()
    referral_shared: Mapped[str | None] = mapped_column(db.Text)
    # Closing needs the learner's agreement: a mentor or staff member proposes, the learner agrees.
    close_proposed_at: Mapped[datetime | None] = mapped_column()
    close_proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column()


class NeedReply(db.Model):
    """A message on a need: an answer, a referral note or the learner's own update."""

    __tablename__ = "support_request_replies"  # its first name, as for Need

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("support_requests.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
