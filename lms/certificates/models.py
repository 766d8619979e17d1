"""Certificates: what was printed, its public code, and whether anyone may verify it."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class Certificate(db.Model):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(db.String(20))  # course / programme / role
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    # What is printed is frozen at issue, so later edits never change an issued certificate.
    title: Mapped[str] = mapped_column(db.String(300))
    outcomes: Mapped[list] = mapped_column(JSON, default=list)
    hours: Mapped[int] = mapped_column(default=0)
    printed_name: Mapped[str] = mapped_column(db.String(120))
    language: Mapped[str] = mapped_column(db.String(10), default="en")
    code: Mapped[str] = mapped_column(db.String(40), unique=True)
    status: Mapped[str] = mapped_column(
        db.String(20), default="issued"
    )  # pending / issued / revoked
    # Public verification is off until the learner switches it on.
    is_public: Mapped[bool] = mapped_column(default=False)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_at: Mapped[datetime | None] = mapped_column()
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_reason: Mapped[str | None] = mapped_column(db.Text)  # internal: never shown publicly
    name_change_requested: Mapped[str | None] = mapped_column(db.String(120))
