"""Check-ins and their definitions. What a member shares and who looked live in lms.access;
needs (support requests among them) in lms.needs."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class CheckinDefinitionRow(db.Model):
    """A check-in file as synced (with its translations); check-ins keep the version they used."""

    __tablename__ = "checkin_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(60), unique=True)
    definition: Mapped[dict] = mapped_column(JSON)
    version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    is_archived: Mapped[bool] = mapped_column(default=False)


class CheckIn(db.Model):
    """One check-in by one member in one organisation; a draft until the member saves it."""

    __tablename__ = "checkins"
    __table_args__ = (Index("ix_checkins_user_org", "user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    definition_slug: Mapped[str] = mapped_column(db.String(60))
    definition_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    status: Mapped[str] = mapped_column(db.String(20), default="draft")  # draft / submitted
    answers: Mapped[dict | None] = mapped_column(JSON)  # None once removed after retention
    domain_results: Mapped[dict] = mapped_column(JSON, default=dict)  # the summary
    who5_raw: Mapped[int | None] = mapped_column()
    support_offered: Mapped[bool] = mapped_column(default=False)
    keep_summary: Mapped[bool] = mapped_column(default=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column()
    answers_removed_at: Mapped[datetime | None] = mapped_column()
