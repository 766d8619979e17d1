"""Goals a learner and their mentors agree, progress notes on them, and mentor notes."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow

GOAL_STATUSES = ("proposed", "active", "done", "declined", "archived")


class Goal(db.Model):
    """A goal is the learner's own. Either side proposes it; only the learner accepts it.

    A goal a mentor proposes waits as "proposed" until the learner accepts, edits or
    declines it; a goal the learner writes is active at once. The learner may archive it
    at any time.
    """

    __tablename__ = "goals"
    __table_args__ = (Index("ix_goals_learner_org", "learner_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(db.String(200))
    target_date: Mapped[date | None] = mapped_column()
    course_slugs: Mapped[list] = mapped_column(JSON, default=list)
    role_slugs: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(db.String(20), default="proposed")
    # The learner decides whether their mentors see a goal they wrote themselves.
    shared_with_mentors: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column()


class GoalNote(db.Model):
    """A progress note on a goal, by the learner or one of their mentors."""

    __tablename__ = "goal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MentorNote(db.Model):
    """A mentor's note about a learner. The learner reads it, unless it is held back.

    Holding a note back is allowed only for safeguarding, needs a reason, and such notes
    stay readable by staff. The learner's data export says that they exist and why.
    """

    __tablename__ = "mentor_notes"
    __table_args__ = (Index("ix_mentor_notes_learner_org", "learner_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(db.Text)
    held_back: Mapped[bool] = mapped_column(default=False)
    # Why, in two parts: a category the learner's export names, and detail only staff read.
    held_back_category: Mapped[str | None] = mapped_column(db.String(40))
    held_back_reason: Mapped[str | None] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
