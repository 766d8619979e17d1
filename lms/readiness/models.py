"""Check-ins, what each member shares with each mentor, who viewed what, and support requests."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, UniqueConstraint
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


class SupportRequest(db.Model):
    """A need or request. Support after a check-in is the first kind; mentoring adds more."""

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


class SupportRequestReply(db.Model):
    """A message on a need: an answer, a referral note or the learner's own update."""

    __tablename__ = "support_request_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("support_requests.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
