"""The funder report's queries: counts for one organisation and period, shaped by `report`."""

from datetime import date

from lms.catalog.models import Course
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.i18n import localised
from lms.orgs.models import Membership
from lms.progress.models import CourseCompletion, LessonProgress
from lms.progress.resume import DONE
from lms.roles.models import RoleApplication, RoleDefinition

from . import report
from .models import Activity
from .report import role_title


def gather(organisation_id: int, start: date, end: date, locale: str) -> report.Report:
    """Run the queries for one organisation and period, and shape the report."""
    since, until = report.bounds(start, end)
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

    return report.shape(
        start,
        end,
        [(kind, attendance) for kind, attendance in activities],
        [(localised(course.titles, locale) or course.slug, n) for course, n in completions],
        lessons or 0,
        certificates or 0,
        [(role_title(slug, definitions.get(slug), locale), n) for slug, n in roles],
    )
