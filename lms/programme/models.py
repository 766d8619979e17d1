"""Cohorts of learners with their mentors, and the activity records funders ask for."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class Cohort(db.Model):
    """A group of learners, such as "Spring English group", with the mentors who work with it."""

    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="uq_cohorts_org_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(120))
    description: Mapped[str | None] = mapped_column(db.String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column()


class CohortMember(db.Model):
    """One person in a cohort, as a learner or as one of its mentors."""

    __tablename__ = "cohort_members"
    __table_args__ = (
        UniqueConstraint("cohort_id", "user_id", name="uq_cohort_members_link"),
        CheckConstraint("role IN ('learner', 'mentor')", name="cohort_role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(db.String(20), default="learner")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class Activity(db.Model):
    """Something a group or organisation did, recorded for funders.

    Attendance is a count. Names are kept only for attendees who agreed to be named.
    """

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(db.String(30))
    title: Mapped[str | None] = mapped_column(db.String(200))
    attendance: Mapped[int] = mapped_column(default=0)
    facilitator: Mapped[str | None] = mapped_column(db.String(120))
    outcome: Mapped[str | None] = mapped_column(db.Text)
    named_attendees: Mapped[str | None] = mapped_column(db.Text)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"))
    # An optional evidence file, stored under instance/evidence with metadata removed.
    evidence_file: Mapped[str | None] = mapped_column(db.String(80))
    evidence_type: Mapped[str | None] = mapped_column(db.String(60))
    evidence_size: Mapped[int | None] = mapped_column()
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
