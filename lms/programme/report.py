"""The funder report: what an organisation did and what its members achieved in a period.

The shaping and the period rules are pure; `gather` runs the queries. Every count about
people goes through `suppression`, so the template only shows cells. Counts of activities
(events, not people) are shown as they are; attendance is about people, so it is suppressed.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .models import ACTIVITY_KINDS
from .suppression import Cell, Table, single, suppress

EARLIEST = date(2000, 1, 1)
MAX_SPAN_DAYS = 5 * 366  # five years, leap days included


def default_period(today: date) -> tuple[date, date]:
    """The current calendar year to date."""
    return date(today.year, 1, 1), today


def period_problem(start: date, end: date, today: date) -> str | None:
    """Return a problem code for a period, or None: "order", "too_long", "too_early", "future"."""
    if start < EARLIEST or end < EARLIEST:
        return "too_early"
    if start > today or end > today:
        return "future"
    if start > end:
        return "order"
    if (end - start).days > MAX_SPAN_DAYS:
        return "too_long"
    return None


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Return [start of the first day, start of the day after the last) as naive UTC times."""
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


@dataclass(frozen=True)
class KindRow:
    kind: str
    activities: int
    attendance: Cell


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    activities_total: int
    kinds: tuple[KindRow, ...]
    attendance: Table
    courses: Table  # parts keyed by course title
    lessons: Cell
    certificates: Cell
    roles: Table  # parts keyed by role title

    @property
    def attendance_total(self) -> Cell:
        return self.attendance.total


def shape(
    start: date,
    end: date,
    activities: Iterable[tuple[str, int]],
    course_completions: Sequence[tuple[str, int]],
    lessons: int,
    certificates: int,
    roles: Sequence[tuple[str, int]],
) -> Report:
    """Build the report from (kind, attendance) per activity and plain counts."""
    count = dict.fromkeys(ACTIVITY_KINDS, 0)
    people = dict.fromkeys(ACTIVITY_KINDS, 0)
    for kind, attendance in activities:
        kind = kind if kind in count else "other"
        count[kind] += 1
        people[kind] += max(0, int(attendance))
    attendance = suppress(sum(people.values()), people.items())
    kinds = tuple(KindRow(k, count[k], attendance.part(k)) for k in ACTIVITY_KINDS)
    return Report(
        start=start,
        end=end,
        activities_total=sum(count.values()),
        kinds=kinds,
        attendance=attendance,
        courses=suppress(sum(n for _t, n in course_completions), course_completions),
        lessons=single(lessons),
        certificates=single(certificates),
        roles=suppress(sum(n for _t, n in roles), roles),
    )


def gather(organisation_id: int, start: date, end: date, locale: str) -> Report:
    """Run the queries for one organisation and period, and shape the report."""
    from lms.catalog.models import Course
    from lms.certificates.models import Certificate
    from lms.extensions import db
    from lms.i18n import localised
    from lms.orgs.models import Membership
    from lms.progress.models import CourseCompletion, LessonProgress
    from lms.progress.resume import DONE
    from lms.roles.models import RoleApplication, RoleDefinition

    from .models import Activity

    since, until = bounds(start, end)
    activities = db.session.execute(
        db.select(Activity.kind, Activity.attendance).where(
            Activity.organisation_id == organisation_id,
            Activity.held_on >= start,
            Activity.held_on <= end,
        )
    ).all()
    members = (
        db.select(Membership.user_id)
        .where(Membership.organisation_id == organisation_id)
        .scalar_subquery()
    )
    completions = db.session.execute(
        db.select(Course, db.func.count(db.distinct(CourseCompletion.user_id)))
        .join(CourseCompletion, CourseCompletion.course_id == Course.id)
        .where(
            CourseCompletion.user_id.in_(members),
            CourseCompletion.completed_at >= since,
            CourseCompletion.completed_at < until,
        )
        .group_by(Course.id)
        .order_by(Course.position, Course.id)
    ).all()
    lessons = db.session.scalar(
        db.select(db.func.count(LessonProgress.id)).where(
            LessonProgress.user_id.in_(members),
            # Finished lessons only: a skipped lesson is "not now", not a lesson completed.
            LessonProgress.status.in_(sorted(DONE)),
            LessonProgress.finished_at >= since,
            LessonProgress.finished_at < until,
        )
    )
    certificates = db.session.scalar(
        db.select(db.func.count(Certificate.id)).where(
            Certificate.organisation_id == organisation_id,
            Certificate.status == "issued",
            Certificate.issued_at >= since,
            Certificate.issued_at < until,
        )
    )
    roles = db.session.execute(
        db.select(RoleApplication.role_slug, db.func.count(RoleApplication.id))
        .where(
            RoleApplication.organisation_id == organisation_id,
            RoleApplication.status == "active",
            db.func.coalesce(RoleApplication.confirmed_at, RoleApplication.created_at) < until,
        )
        .group_by(RoleApplication.role_slug)
        .order_by(RoleApplication.role_slug)
    ).all()
    definitions = {
        row.slug: row.data
        for row in db.session.scalars(
            db.select(RoleDefinition).where(RoleDefinition.slug.in_([s for s, _n in roles]))
        )
    }

    def role_title(slug: str) -> str:
        data = definitions.get(slug) or {}
        titles = data.get("titles") if isinstance(data.get("titles"), dict) else None
        return (localised(titles, locale) if titles else None) or data.get("title") or slug

    return shape(
        start,
        end,
        [(kind, attendance) for kind, attendance in activities],
        [(localised(course.titles, locale) or course.slug, n) for course, n in completions],
        lessons or 0,
        certificates or 0,
        [(role_title(slug), n) for slug, n in roles],
    )
