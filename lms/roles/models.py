"""Engagement roles: the synced catalogue, each organisation's settings, applications,
mentor conversations and staff vetting."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class RoleDefinition(db.Model):
    __tablename__ = "role_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(60), unique=True)
    data: Mapped[dict] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(default=0)
    version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    is_archived: Mapped[bool] = mapped_column(default=False)


class RoleSetting(db.Model):
    """An organisation's choices for one role: on or off, extra requirements, review period."""

    __tablename__ = "role_settings"
    __table_args__ = (
        UniqueConstraint("organisation_id", "role_slug", name="uq_role_settings_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role_slug: Mapped[str] = mapped_column(db.String(60))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    review_months: Mapped[int] = mapped_column(default=6)
    extra_requirements: Mapped[list] = mapped_column(JSON, default=list)


class RoleApplication(db.Model):
    __tablename__ = "role_applications"
    __table_args__ = (
        UniqueConstraint(
            "user_id", "organisation_id", "role_slug", name="uq_role_applications_role"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role_slug: Mapped[str] = mapped_column(db.String(60))
    status: Mapped[str] = mapped_column(
        db.String(20), default="interested"
    )  # interested / active / ended
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    conversation_requested_at: Mapped[datetime | None] = mapped_column()
    second_opinion_requested_at: Mapped[datetime | None] = mapped_column()
    confirmed_at: Mapped[datetime | None] = mapped_column()
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    review_at: Mapped[datetime | None] = mapped_column()
    review_reminder_sent_at: Mapped[datetime | None] = mapped_column()


class MentorConversation(db.Model):
    __tablename__ = "mentor_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("role_applications.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(db.String(20))  # endorse / not_yet
    until: Mapped[datetime | None] = mapped_column()
    conditions: Mapped[str | None] = mapped_column(db.Text)  # conditions or support agreed
    reasons: Mapped[str | None] = mapped_column(db.Text)
    what_would_help: Mapped[str | None] = mapped_column(db.Text)
    agreed_domains: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Vetting(db.Model):
    """Staff vetting for operational roles: what was checked, never copies of documents."""

    __tablename__ = "vettings"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("role_applications.id"), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    identity_checked: Mapped[bool] = mapped_column(default=False)
    references_checked: Mapped[bool] = mapped_column(default=False)
    interview_done: Mapped[bool] = mapped_column(default=False)
    adult_confirmed: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def complete(self) -> bool:
        return (
            self.identity_checked
            and self.references_checked
            and self.interview_done
            and self.adult_confirmed
        )
