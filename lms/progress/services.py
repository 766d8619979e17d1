"""Recording progress safely (double submits, two tabs) and reading it back for pages."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError

from lms.accounts import lifecycle
from lms.catalog.models import ContentVersion, Course, Lesson
from lms.catalog.snapshot import CourseEntry, LessonEntry, catalogue
from lms.dbutil import dialect_name, insert_or_update, plain_rows
from lms.extensions import db
from lms.orgs.services import MENTOR_NAMES
from lms.timeutil import iso, utcnow

from .models import CourseCompletion, LessonProgress
from .resume import (
    DONE,
    CourseProgress,
    course_progress,
    is_course_complete,
    next_status,
    opening_needs_recording,
    resume_point,
)

# Later features (assessments) tell completion which of a course's quizzes a learner passed.
quiz_pass_providers: list[Callable[[int, int], set]] = []
NEW_FOR_DAYS = 30


def record_event(user_id: int, lesson: Lesson, event: str) -> LessonProgress:
    """Apply a progress event idempotently and return the lesson's record (caller commits)."""
    now = utcnow()
    row = _progress_row(user_id, lesson.id)
    if row is None:
        try:
            with db.session.begin_nested():
                row = LessonProgress(
                    user_id=user_id, lesson_id=lesson.id, course_id=lesson.course_id, status=None
                )
                _apply(row, event, now)
                db.session.add(row)
            return row
        except IntegrityError:
            # Another tab or a double submit made the row first; update that one instead.
            row = _progress_row(user_id, lesson.id)
    _apply(row, event, now)
    return row


def record_opened(user_id: int, lesson: Lesson) -> None:
    """Record that the learner opened `lesson` (caller commits), as `record_event` would.

    One INSERT … ON CONFLICT DO UPDATE and no loaded row: the lesson page commits this after
    rendering, and a commit expires every loaded object, so reading the row first (or
    committing before the page is drawn) would load the course, its lessons and texts again.
    Opening never undoes anything (`next_status`): a first open makes the row, a later one
    keeps the status and first-opened time and moves only `updated_at` ("continue where you
    left off").
    """
    now = utcnow()
    # Core, through the session's own connection and transaction: the ORM adds nothing here.
    db.session.connection().execute(
        _opened_statement(dialect_name()),
        {"user_id": user_id, "lesson_id": lesson.id, "course_id": lesson.course_id, "now": now},
    )


@cache
def _opened_statement(dialect: str):
    column = LessonProgress.__table__.c
    return insert_or_update(
        dialect,
        LessonProgress,
        ["user_id", "lesson_id"],
        {
            "user_id": bindparam("user_id"),
            "lesson_id": bindparam("lesson_id"),
            "course_id": bindparam("course_id"),
            "status": "opened",
            "opened_at": bindparam("now"),
            "updated_at": bindparam("now"),
        },
        lambda new: {
            "status": db.func.coalesce(column.status, new.status),
            "opened_at": db.func.coalesce(column.opened_at, new.opened_at),
            "updated_at": new.updated_at,
        },
    )


def _progress_row(user_id: int, lesson_id: int) -> LessonProgress | None:
    return db.session.scalar(
        db.select(LessonProgress).where(
            LessonProgress.user_id == user_id, LessonProgress.lesson_id == lesson_id
        )
    )


def _apply(row: LessonProgress, event: str, now) -> None:
    row.status = next_status(row.status, event)
    stamp = f"{event}_at" if event != "saved" else "saved_at"
    if getattr(row, stamp) is None or event != "opened":
        setattr(row, stamp, now)
    row.updated_at = now


def _nothing(type_):
    return db.cast(db.null(), type_)


_STATUSES = db.select(LessonProgress.lesson_id, LessonProgress.status).where(
    LessonProgress.user_id == bindparam("user_id"),
    LessonProgress.course_id == bindparam("course_id"),
)


# The lesson page's read: the course's statuses, each lesson's last move, and which lesson
# moved last of all (the order `last_course_id` uses), in one statement.
_STATUSES_AND_LATEST = _STATUSES.add_columns(
    LessonProgress.updated_at,
    db.select(LessonProgress.lesson_id)
    .where(LessonProgress.user_id == bindparam("user_id"))
    .order_by(LessonProgress.updated_at.desc(), LessonProgress.id.desc())
    .limit(1)
    .scalar_subquery()
    .label("latest_lesson_id"),
)


def statuses_on_opening(
    user_id: int, course_id: int, lesson_id: int
) -> tuple[dict[int, str], bool]:
    """Return {lesson id: status} for one learner in one course, and whether opening
    `lesson_id` now needs recording (`resume.opening_needs_recording`)."""
    rows = plain_rows(_STATUSES_AND_LATEST, {"user_id": user_id, "course_id": course_id}).all()
    found = {row.lesson_id: row.status for row in rows}
    mine = next((row for row in rows if row.lesson_id == lesson_id), None)
    if mine is None:
        return found, True
    return found, opening_needs_recording(
        mine.status, mine.updated_at, mine.latest_lesson_id == lesson_id, utcnow()
    )


def statuses(user_id: int, course_id: int) -> dict[int, str]:
    """Return {lesson id: status} for one learner in one course."""
    return dict(plain_rows(_STATUSES, {"user_id": user_id, "course_id": course_id}).all())


def live_lessons(course: Course | CourseEntry) -> list[Lesson | LessonEntry]:
    return [lesson for lesson in course.lessons if not lesson.is_archived]


def progress_of(user_id: int, course: Course) -> CourseProgress:
    found = statuses(user_id, course.id)
    return course_progress([found.get(lesson.id) for lesson in live_lessons(course)])


def passed_quizzes(user_id: int, course_id: int) -> frozenset:
    passed = set()
    for provider in quiz_pass_providers:
        passed |= provider(user_id, course_id)
    return frozenset(passed)


_COMPLETION = db.select(CourseCompletion).where(
    CourseCompletion.user_id == bindparam("user_id"),
    CourseCompletion.course_id == bindparam("course_id"),
)


def completion(user_id: int, course_id: int) -> CourseCompletion | None:
    return db.session.scalar(_COMPLETION, {"user_id": user_id, "course_id": course_id})


# The course page's read: when the learner completed the course (a row with no lesson), and
# their status in each lesson, in one statement. The completion comes first: its columns'
# types are the result's (completed_at read back as a datetime on both databases).
_COMPLETION_AND_STATUSES = db.union_all(
    db.select(
        _nothing(db.Integer).label("lesson_id"),
        _nothing(db.String).label("status"),
        CourseCompletion.completed_at.label("completed_at"),
    ).where(
        CourseCompletion.user_id == bindparam("user_id"),
        CourseCompletion.course_id == bindparam("course_id"),
    ),
    _STATUSES.add_columns(_nothing(db.DateTime)),
)


def completion_and_statuses(user_id: int, course_id: int) -> tuple[object, dict[int, str]]:
    """When the learner completed the course (or None), and {lesson id: status} in it."""
    completed, found = None, {}
    for row in plain_rows(_COMPLETION_AND_STATUSES, {"user_id": user_id, "course_id": course_id}):
        if row.lesson_id is None:
            completed = row.completed_at
        else:
            found[row.lesson_id] = row.status
    return completed, found


def maybe_complete(user_id: int, course: Course) -> CourseCompletion | None:
    """Record the course as completed once, when its rule first holds; return the record."""
    existing = completion(user_id, course.id)
    if existing is not None:
        return existing
    progress = progress_of(user_id, course)
    if not is_course_complete(
        course.completion_rule,
        progress,
        tuple(course.required_quizzes),
        passed_quizzes(user_id, course.id),
    ):
        return None
    version_id = db.session.scalar(db.select(db.func.max(ContentVersion.id)))
    try:
        with db.session.begin_nested():
            record = CourseCompletion(user_id=user_id, course_id=course.id, version_id=version_id)
            db.session.add(record)
        return record
    except IntegrityError:
        return completion(user_id, course.id)


@dataclass(frozen=True)
class CourseSummary:
    course: CourseEntry
    progress: CourseProgress
    completed_at: object
    is_new: bool


# One statement for what the learner's own pages show of their progress, four answers as
# rows told apart by `kind` (UNION ALL): each separate statement costs more Python than SQL.
# Each part reads through the learner's own index, so the cost does not grow with the number
# of learners (nor, as a join from every lesson would, of lessons).
_LAST_COURSE = (
    db.select(LessonProgress.course_id)
    .join(Lesson, Lesson.id == LessonProgress.lesson_id)
    .where(LessonProgress.user_id == bindparam("user_id"), Lesson.is_archived.is_(False))
    .order_by(LessonProgress.updated_at.desc(), LessonProgress.id.desc())
    .limit(1)
    .scalar_subquery()
)


_PICTURE_PARTS = (
    # First: its columns' types are the result's (completed_at read back as a datetime).
    db.select(
        db.literal("completed").label("kind"),
        CourseCompletion.course_id.label("course_id"),
        _nothing(db.Integer).label("lesson_id"),
        _nothing(db.Integer).label("number"),
        _nothing(db.String).label("status"),
        CourseCompletion.completed_at.label("at"),
    ).where(CourseCompletion.user_id == bindparam("user_id")),
    # Finished lessons per course, live lessons only.
    db.select(
        db.literal("done"),
        LessonProgress.course_id,
        _nothing(db.Integer),
        db.func.count(LessonProgress.id),
        _nothing(db.String),
        _nothing(db.DateTime),
    )
    .join(Lesson, Lesson.id == LessonProgress.lesson_id)
    .where(
        LessonProgress.user_id == bindparam("user_id"),
        # One comparison per status, not IN (…): an IN list is written into the SQL at each
        # run, so the statement's SQL could not be made once and kept.
        db.or_(*(LessonProgress.status == status for status in sorted(DONE))),
        Lesson.is_archived.is_(False),
    )
    .group_by(LessonProgress.course_id),
    # The course of the most recent progress on a live lesson ("continue where you left off")…
    db.select(
        db.literal("last"),
        _LAST_COURSE,
        _nothing(db.Integer),
        _nothing(db.Integer),
        _nothing(db.String),
        _nothing(db.DateTime),
    ),
    # …and every status in it.
    db.select(
        db.literal("status"),
        LessonProgress.course_id,
        LessonProgress.lesson_id,
        _nothing(db.Integer),
        LessonProgress.status,
        _nothing(db.DateTime),
    ).where(
        LessonProgress.user_id == bindparam("user_id"), LessonProgress.course_id == _LAST_COURSE
    ),
)
_PICTURE = db.union_all(*_PICTURE_PARTS)
# The dashboard also shows the names of the learner's mentors in their organisation, the
# people lms.orgs.services.mentors_of gives: one more part, and the rows in order of kind and
# text, so the names come in the database's order of names, as that page lists them.
_MENTORS = MENTOR_NAMES.subquery()
_PICTURE_AND_MENTORS = db.union_all(
    *_PICTURE_PARTS,
    db.select(
        db.literal("mentor"),
        _nothing(db.Integer),
        _nothing(db.Integer),
        _nothing(db.Integer),
        _MENTORS.c.name,
        _nothing(db.DateTime),
    ),
).order_by(db.literal_column("kind"), db.literal_column("status"))


@dataclass(frozen=True)
class LearnerPicture:
    """One learner's progress as their own pages show it (`learner_picture`)."""

    done: dict[int, int]  # course id: finished live lessons
    completed: dict[int, object]  # course id: when the course was completed
    last_course_id: int | None
    last_course_statuses: dict[int, str]  # lesson id: status, in the last course
    # Their mentors' names in `mentors_in` (`learner_picture`), in order; none unless asked.
    mentor_names: tuple[str, ...] = ()


def learner_picture(user_id: int, mentors_in: int | None = None) -> LearnerPicture:
    """The learner's picture; with `mentors_in` (an organisation's id), their mentors' names
    there too, read in the same statement."""
    done, completed, last_statuses, mentors = {}, {}, {}, []
    last = None
    if mentors_in is None:
        rows = plain_rows(_PICTURE, {"user_id": user_id})
    else:
        rows = plain_rows(_PICTURE_AND_MENTORS, {"user_id": user_id, "organisation_id": mentors_in})
    for row in rows:
        if row.kind == "completed":
            completed[row.course_id] = row.at
        elif row.kind == "done":
            done[row.course_id] = row.number
        elif row.kind == "last":
            last = row.course_id
        elif row.kind == "mentor":
            mentors.append(row.status)
        else:
            last_statuses[row.lesson_id] = row.status
    return LearnerPicture(done, completed, last, last_statuses, tuple(mentors))


def overview(user_id: int, picture: LearnerPicture | None = None) -> list[CourseSummary]:
    """Return every live course with this learner's progress, in catalogue order.

    One query whatever the number of learners or courses (`learner_picture`, unless the page
    has it already); the courses and their lesson counts come from the process's catalogue.
    """
    if picture is None:
        picture = learner_picture(user_id)
    known = catalogue()
    totals = known.lesson_totals
    new_since = utcnow() - timedelta(days=NEW_FOR_DAYS)
    return [
        CourseSummary(
            course=course,
            progress=CourseProgress(picture.done.get(course.id, 0), totals.get(course.id, 0)),
            completed_at=picture.completed.get(course.id),
            is_new=course.first_synced_at >= new_since,
        )
        for course in known.courses
    ]


def last_course_id(user_id: int) -> int | None:
    """The course of the learner's most recent progress record on a live lesson."""
    return learner_picture(user_id).last_course_id


def resume_lesson(picture: LearnerPicture) -> LessonEntry | None:
    """Return the lesson to continue with: the first one not done in the learner's most
    recent course (`LearnerPicture.last_course_id`)."""
    course = catalogue().by_id.get(picture.last_course_id)
    if course is None:
        return None
    found = picture.last_course_statuses
    lessons = live_lessons(course)
    slug = resume_point([(lesson.slug, found.get(lesson.id)) for lesson in lessons])
    return next((lesson for lesson in lessons if lesson.slug == slug), None)


@lifecycle.exporter("learning")
def _export(user) -> dict:
    rows = db.session.execute(
        db.select(Course.slug, Lesson.slug, LessonProgress.status, LessonProgress.updated_at)
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .join(Course, Course.id == LessonProgress.course_id)
        .where(LessonProgress.user_id == user.id)
        .order_by(Course.slug, Lesson.position)
    ).all()
    completions = db.session.execute(
        db.select(Course.slug, CourseCompletion.completed_at)
        .join(Course, Course.id == CourseCompletion.course_id)
        .where(CourseCompletion.user_id == user.id)
    ).all()
    return {
        "lessons": [
            {"course": c, "lesson": lesson, "status": s, "updated_at": iso(u)}
            for c, lesson, s, u in rows
        ],
        "completed_courses": [{"course": c, "completed_at": iso(t)} for c, t in completions],
    }


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(LessonProgress).where(LessonProgress.user_id == user.id))
    db.session.execute(db.delete(CourseCompletion).where(CourseCompletion.user_id == user.id))
