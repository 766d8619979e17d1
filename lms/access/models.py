"""What each member shares with each mentor, and every look someone else took: the stored
half of the access policy (tables unchanged since they lived in lms.readiness)."""

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class SharingConsent(db.Model):
    """What one member shares with one mentor. Deny by default, except learning progress."""

    __tablename__ = "sharing_consents"
    __table_args__ = (
        UniqueConstraint(
            "user_id", "organisation_id", "mentor_id", name="uq_sharing_consents_link"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    share_progress: Mapped[bool] = mapped_column(default=True)
    share_checkin_summaries: Mapped[bool] = mapped_column(default=False)
    share_checkin_answers: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccessRecord(db.Model):
    """Someone else looked at a member's check-ins or role records: shown to the member."""

    __tablename__ = "access_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    viewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    what: Mapped[str] = mapped_column(
        db.String(40)
    )  # checkin_summary, checkin_answers, role_record
    object_id: Mapped[int | None] = mapped_column()
    viewed_at: Mapped[datetime] = mapped_column(default=utcnow)
