"""Organisations, who belongs to them in which role, mentoring links, invitations and support contacts."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.models import User
from lms.extensions import db
from lms.timeutil import utcnow

from .roles import ROLES

_ROLE_CHECK = "role IN (" + ", ".join(f"'{role}'" for role in ROLES) + ")"


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(120), unique=True)
    # Discreet mode: a neutral site title and icon for members who share a device.
    is_discreet: Mapped[bool] = mapped_column(default=False)
    support_intro: Mapped[str | None] = mapped_column(db.Text)
    # Old check-in answers are deleted after this; summaries the member kept stay.
    checkin_retention_months: Mapped[int] = mapped_column(default=12, server_default="12")
    # Unanswered support requests reach staff after this many hours.
    support_escalation_hours: Mapped[int] = mapped_column(default=48, server_default="48")
    # Certificates: an optional staff approval step, and a neutral issuer name, since an
    # anti-trafficking organisation's name on a CV can reveal that the holder is a survivor.
    certificate_approval_required: Mapped[bool] = mapped_column(default=False, server_default="0")
    certificate_issuer_name: Mapped[str | None] = mapped_column(db.String(120))
    # Staff and admins must use two-step sign-in (an authenticator app) when this is on.
    require_two_step: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "organisation_id", name="uq_memberships_user_org"),
        CheckConstraint(_ROLE_CHECK, name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[str] = mapped_column(db.String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # One step pauses all engagement; no reason is asked or stored.
    engagement_paused_at: Mapped[datetime | None] = mapped_column()
    # Self-declared "18 or older" (no date of birth is stored); confirmed in vetting.
    adult_declared_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()


class MentorAssignment(db.Model):
    """A learner may have several mentors, and a mentor several learners, per organisation."""

    __tablename__ = "mentor_assignments"
    __table_args__ = (
        UniqueConstraint(
            "organisation_id", "mentor_id", "learner_id", name="uq_mentor_assignments_link"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    learner: Mapped[User] = relationship(foreign_keys=[learner_id])


class MentorChangeRequest(db.Model):
    """A learner asks for a different mentor; no reason is asked or stored."""

    __tablename__ = "mentor_change_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # True when the learner ended the mentoring link themselves (it is already gone);
    # staff then see it to offer someone else.
    ended_link: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    learner: Mapped[User] = relationship(foreign_keys=[learner_id])
    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id])


class Invitation(db.Model):
    """A single-use, expiring invitation. Only a hash of the code is stored."""

    __tablename__ = "invitations"
    __table_args__ = (CheckConstraint(_ROLE_CHECK, name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    code_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    role: Mapped[str] = mapped_column(db.String(20))
    # A private reminder for staff ("Tuesday group"); never shown to the invited person.
    label: Mapped[str | None] = mapped_column(db.String(80))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None] = mapped_column()
    # The language the join page starts in, chosen by the inviter (en, zh_Hans, bn); None:
    # the person's own browser decides.
    locale: Mapped[str | None] = mapped_column(db.String(10))

    organisation: Mapped[Organisation] = relationship()


class ResetCode(db.Model):
    """A one-time password reset code issued by staff, for members without email."""

    __tablename__ = "reset_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    code_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()


class SupportContact(db.Model):
    """One way to get help, shown on the organisation's Support page."""

    __tablename__ = "support_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(120))
    how_to_reach: Mapped[str] = mapped_column(db.String(300))
    hours: Mapped[str | None] = mapped_column(db.String(120))
    notes: Mapped[str | None] = mapped_column(db.String(500))
    position: Mapped[int] = mapped_column(default=0)
