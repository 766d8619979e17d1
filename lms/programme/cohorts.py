"""Cohorts: groups of learners with their mentors, and how far the learners got."""

from dataclasses import dataclass

from lms.accounts import lifecycle
from lms.accounts.models import User
from lms.audit.models import record
from lms.catalog.models import Course, Lesson, Track
from lms.dbutil import ensure_row
from lms.extensions import db
from lms.orgs.models import Membership
from lms.progress.models import CourseCompletion, LessonProgress
from lms.progress.resume import DONE
from lms.timeutil import iso, utcnow

from . import cohort_progress
from .models import Cohort, CohortMember

NAME_MAX = 120
DESCRIPTION_MAX = 500


def cohorts_of(organisation_id: int) -> list[Cohort]:
    """Return the organisation's cohorts: open ones first, then archived, by name."""
    return db.session.scalars(
        db.select(Cohort)
        .where(Cohort.organisation_id == organisation_id)
        .order_by(Cohort.archived_at.is_not(None), db.func.lower(Cohort.name), Cohort.id)
    ).all()


def member_counts(organisation_id: int) -> dict[int, dict[str, int]]:
    """Return {cohort id: {"learner": n, "mentor": n}} for the organisation's cohorts."""
    rows = db.session.execute(
        db.select(CohortMember.cohort_id, CohortMember.role, db.func.count(CohortMember.id))
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .join(User, User.id == CohortMember.user_id)
        .where(Cohort.organisation_id == organisation_id, User.deleted_at.is_(None))
        .group_by(CohortMember.cohort_id, CohortMember.role)
    ).all()
    counts: dict[int, dict[str, int]] = {}
    for cohort_id, role, count in rows:
        counts.setdefault(cohort_id, {"learner": 0, "mentor": 0})[role] = count
    return counts


def name_taken(organisation_id: int, name: str, except_id: int | None = None) -> bool:
    """Return True when another cohort of the organisation has this name (ignoring case)."""
    query = db.select(Cohort.id).where(
        Cohort.organisation_id == organisation_id,
        db.func.lower(Cohort.name) == name.strip().lower(),
    )
    if except_id is not None:
        query = query.where(Cohort.id != except_id)
    return db.session.scalar(query) is not None


def create(
    organisation_id: int, name: str, description: str | None, actor_id: int
) -> Cohort | None:
    """Make the cohort; return None when another request made one of this name a moment ago."""
    keys = {"organisation_id": organisation_id, "name": name}
    cohort, created = ensure_row(Cohort, keys, {"description": description or None})
    if not created:
        return None
    record(
        "cohort_created",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="cohort",
        object_id=cohort.id,
    )
    return cohort


def update(cohort: Cohort, name: str, description: str | None, actor_id: int) -> None:
    cohort.name = name
    cohort.description = description or None
    record(
        "cohort_changed",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        object_type="cohort",
        object_id=cohort.id,
    )


def set_archived(cohort: Cohort, archived: bool, actor_id: int) -> None:
    cohort.archived_at = utcnow() if archived else None
    record(
        "cohort_archived" if archived else "cohort_reopened",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        object_type="cohort",
        object_id=cohort.id,
    )


@dataclass(frozen=True)
class Person:
    member_id: int
    user: User
    role: str


def people(cohort: Cohort) -> list[Person]:
    """Return the cohort's learners and mentors (accounts not deleted), by display name."""
    rows = db.session.execute(
        db.select(CohortMember, User)
        .join(User, User.id == CohortMember.user_id)
        .where(CohortMember.cohort_id == cohort.id, User.deleted_at.is_(None))
        .order_by(db.func.lower(User.display_name), User.id)
    ).all()
    return [Person(member.id, user, member.role) for member, user in rows]


def candidates(cohort: Cohort, role: str) -> list[Membership]:
    """Return the organisation's members of `role` who are not in the cohort yet."""
    inside = db.select(CohortMember.user_id).where(CohortMember.cohort_id == cohort.id)
    return db.session.scalars(
        db.select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organisation_id == cohort.organisation_id,
            Membership.role == role,
            User.deleted_at.is_(None),
            Membership.user_id.not_in(inside),
        )
        .order_by(db.func.lower(User.display_name), User.id)
    ).all()


def add_member(cohort: Cohort, username: str, role: str, actor_id: int) -> bool:
    """Add an organisation member of that role (by username) to the cohort.

    Return False, adding no one, when nobody of that role and organisation, outside the
    cohort, has this username (another organisation's member, or a forged value).
    """
    found = [m.user_id for m in candidates(cohort, role) if m.user.username == username]
    if not found:
        return False
    user_id = found[0]
    # A second identical request at the same moment finds the first one's row: nothing to add.
    _member, created = ensure_row(
        CohortMember, {"cohort_id": cohort.id, "user_id": user_id}, {"role": role}
    )
    if not created:
        return True
    record(
        "cohort_member_added",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        object_type="cohort",
        object_id=cohort.id,
        subject_user_id=user_id,
        detail={"role": role},
    )
    return True


def remove_member(cohort: Cohort, member: CohortMember, actor_id: int) -> None:
    record(
        "cohort_member_removed",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        object_type="cohort",
        object_id=cohort.id,
        subject_user_id=member.user_id,
        detail={"role": member.role},
    )
    db.session.delete(member)


def record_export(cohort: Cohort, actor_id: int) -> None:
    """Audit a cohort's CSV export: it holds learners' progress, so each export is recorded."""
    record(
        "cohort_exported",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        object_type="cohort",
        object_id=cohort.id,
    )


def member_of(cohort: Cohort, member_id: int) -> CohortMember | None:
    member = db.session.get(CohortMember, member_id)
    return member if member is not None and member.cohort_id == cohort.id else None


def cohort_names_for(user_id: int, organisation_id: int, role: str) -> list[str]:
    """Return the names of the open cohorts someone belongs to in one organisation."""
    return db.session.scalars(
        db.select(Cohort.name)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(
            CohortMember.user_id == user_id,
            CohortMember.role == role,
            Cohort.organisation_id == organisation_id,
            Cohort.archived_at.is_(None),
        )
        .order_by(Cohort.name)
    ).all()


@dataclass(frozen=True)
class Progress:
    """Everything the cohort page and its CSV show, from a handful of queries."""

    learners: list[User]
    courses: list[Course]
    tracks: list[Track]
    by_course: list[cohort_progress.Counts]
    by_track: list[cohort_progress.Counts]
    lessons_done: dict[tuple[int, int], int]


def progress(cohort: Cohort) -> Progress:
    learners = [p.user for p in people(cohort) if p.role == "learner"]
    ids = [u.id for u in learners]
    courses = db.session.scalars(
        db.select(Course)
        .join(Track, Track.id == Course.track_id)
        .where(Course.is_archived.is_(False))
        .order_by(Track.position, Track.id, Course.position, Course.id)
    ).all()
    tracks = []
    for course in courses:
        if course.track not in tracks:
            tracks.append(course.track)
    started = db.session.execute(
        db.select(LessonProgress.user_id, LessonProgress.course_id)
        .where(LessonProgress.user_id.in_(ids))
        .distinct()
    ).all()
    completed = db.session.execute(
        db.select(CourseCompletion.user_id, CourseCompletion.course_id).where(
            CourseCompletion.user_id.in_(ids)
        )
    ).all()
    done = db.session.execute(
        db.select(LessonProgress.user_id, LessonProgress.course_id, db.func.count())
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .where(
            LessonProgress.user_id.in_(ids),
            LessonProgress.status.in_(DONE),
            Lesson.is_archived.is_(False),
        )
        .group_by(LessonProgress.user_id, LessonProgress.course_id)
    ).all()
    started_pairs = [tuple(row) for row in started]
    completed_pairs = [tuple(row) for row in completed]
    return Progress(
        learners=learners,
        courses=courses,
        tracks=tracks,
        by_course=cohort_progress.per_course(
            ids, [c.id for c in courses], started_pairs, completed_pairs
        ),
        by_track=cohort_progress.per_track(
            ids,
            [t.id for t in tracks],
            {c.id: c.track_id for c in courses},
            started_pairs,
            completed_pairs,
        ),
        lessons_done={(user, course): count for user, course, count in done},
    )


@lifecycle.exporter("cohorts")
def _export(user) -> list:
    rows = db.session.execute(
        db.select(Cohort.name, CohortMember.role, CohortMember.added_at)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user.id)
    ).all()
    return [{"cohort": name, "role": role, "added": iso(added)} for name, role, added in rows]


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(CohortMember).where(CohortMember.user_id == user.id))
