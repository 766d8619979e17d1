"""A copy of the catalogue kept in each process, read again only when the content changes.

Every learner page shows the same synced courses, lessons, titles and quiz names, and reading
them through the ORM on every request cost more than drawing the page (each row's JSON columns
decoded again, 36 times on a lesson page). The content changes only when `flask pathways
courses sync` stores a new content version, so each process keeps one snapshot and checks, with
one small query per page, whether a newer version has been stored since (by any process: the
command line, another worker, another server).

Within a process, a flush that adds or changes a catalogue row (a sync run in this process, a
test that edits a lesson) also marks the snapshot stale, so nothing here can show content that
this process has just changed.

The entries are plain frozen objects shared by every request of the process: read them, never
change them. Lesson bodies are read from the database when a page first needs them
(`lesson_texts`) and kept beside the snapshot they belong to, for a bounded number of lessons.
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import count
from typing import NamedTuple

from flask import current_app, g
from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session

from lms.dbutil import plain_rows
from lms.extensions import db
from lms.urls import mount_path

from .models import ContentVersion, Course, Lesson, LessonText, Quiz, Track
from .rendering import stored_html

CATALOGUE_MODELS = (ContentVersion, Track, Course, Lesson, LessonText, Quiz)


class Heading(NamedTuple):
    """A lesson's title and content note in one language, without its body."""

    title: str
    content_warning: str | None


@dataclass(frozen=True, eq=False)
class TrackEntry:
    id: int
    slug: str
    position: int
    titles: dict
    summaries: dict


@dataclass(frozen=True, eq=False)
class QuizEntry:
    """What a course or lesson page shows of a quiz: its slug and its title in each language.

    The questions and answer key are not copied here; taking a quiz reads them from the
    database (lms/assessments).
    """

    id: int
    course_id: int
    slug: str
    version_id: int
    title: str
    translated_titles: dict  # {file tag: title}


@dataclass(frozen=True, eq=False)
class LessonEntry:
    id: int
    course_id: int
    slug: str
    position: int
    minutes: int
    quiz_slug: str | None
    is_archived: bool
    headings: dict  # {file tag: Heading}
    course: "CourseEntry" = field(repr=False, compare=False, default=None)


@dataclass(frozen=True, eq=False)
class CourseEntry:
    id: int
    slug: str
    track_id: int
    position: int
    minutes: int
    languages: list
    titles: dict
    summaries: dict
    outcomes: dict
    public_titles: dict
    prerequisites: list
    completion_rule: str
    required_quizzes: list
    awards_certificate: bool
    certificate_min_score: int | None
    is_archived: bool
    first_synced_at: datetime
    version_id: int
    track: TrackEntry
    lessons: tuple = ()  # every lesson, archived ones too, in order (as Course.lessons)
    quizzes: tuple = ()  # live quizzes, by slug


@dataclass(frozen=True, eq=False)
class Catalogue:
    tracks: tuple  # by position
    courses: tuple  # live courses, by track then position
    by_slug: dict  # live courses
    by_id: dict  # every course, archived ones too (progress records keep their course)

    def live_course(self, slug: str) -> CourseEntry | None:
        return self.by_slug.get(slug)

    @cached_property
    def lesson_totals(self) -> dict[int, int]:
        """{course id: number of live lessons} for every live course."""
        return {
            course.id: sum(not lesson.is_archived for lesson in course.lessons)
            for course in self.courses
        }


class TextEntry(NamedTuple):
    """One lesson in one language, as `lms.catalog.models.LessonText` (read with Core)."""

    language: str
    title: str
    content_warning: str | None
    body_html: str
    weight_bytes: int

    @property
    def body(self):
        return stored_html(self.body_html, mount_path())


# Bumped when this process flushes a catalogue change (see `_note_catalogue_changes`).
_changes = count(1)
_generation = next(_changes)
_LATEST_VERSION = select(db.func.max(ContentVersion.id))
_TEXTS = select(
    LessonText.language,
    LessonText.title,
    LessonText.content_warning,
    LessonText.body_html,
    LessonText.weight_bytes,
).where(LessonText.lesson_id == bindparam("lesson_id"))


# How many lessons' texts (every language's body) a process keeps with its snapshot: about
# 12 KB of text a lesson, so a few hundred KB at most, for the lessons being read that day.
LESSON_TEXTS_KEPT = 32


class _Kept:
    """The app's snapshot and the (generation, content version) it was read at."""

    def __init__(self):
        self.key = None
        self.catalogue = None
        self.lock = threading.Lock()
        # Until then (time.monotonic()), no need to ask the database for a newer version.
        self.trusted_until = 0.0
        # {lesson id: its texts}, read with the snapshot `texts_of` (a newer one starts afresh).
        self.texts: dict[int, list] = {}
        self.texts_of = None


def catalogue() -> Catalogue:
    """The live catalogue, read again only when a newer content version exists.

    A change this process makes shows at once (the generation moves). Whether another process
    stored a newer version is asked at most once per LMS_CATALOGUE_CHECK_SECONDS (and once per
    request when that is 0): a course synced from the command line, or changed through another
    server, shows on this one within that time. Pages ask several times (the dashboard does).
    """
    seen = g.get("pathways_catalogue")
    if seen is not None and seen[0] == _generation:
        return seen[1]
    kept = current_app.extensions.get("pathways_catalogue")
    if kept is None:
        kept = current_app.extensions.setdefault("pathways_catalogue", _Kept())
    generation = _generation
    now = time.monotonic()
    if kept.key is not None and kept.key[0] == generation and now < kept.trusted_until:
        g.pathways_catalogue = (generation, kept.catalogue)
        return kept.catalogue
    connection = db.session.connection()
    key = (generation, connection.execute(_LATEST_VERSION).scalar())
    if kept.key != key:
        with kept.lock:
            if kept.key != key:
                kept.catalogue = _read(connection)
                kept.key = key
    kept.trusted_until = now + current_app.config["LMS_CATALOGUE_CHECK_SECONDS"]
    g.pathways_catalogue = (key[0], kept.catalogue)
    return kept.catalogue


def lesson_texts(lesson_id: int) -> list[TextEntry]:
    """Every language's text of one lesson, as stored when the page's catalogue was read.

    Kept with that snapshot (LESSON_TEXTS_KEPT lessons at most): a lesson page read them on
    every view, and they change only with the catalogue, which is then read again, as are
    they.
    """
    current = catalogue()
    kept = current_app.extensions["pathways_catalogue"]
    texts = kept.texts.get(lesson_id) if kept.texts_of is current else None
    if texts is None:
        texts = [TextEntry(*row) for row in plain_rows(_TEXTS, {"lesson_id": lesson_id})]
        with kept.lock:
            if kept.texts_of is not current:
                kept.texts, kept.texts_of = {}, current
            if len(kept.texts) >= LESSON_TEXTS_KEPT:
                kept.texts.clear()
            kept.texts[lesson_id] = texts
    return texts


def _read(connection) -> Catalogue:
    tracks = {
        row.id: TrackEntry(row.id, row.slug, row.position, row.titles, row.summaries)
        for row in connection.execute(select(*Track.__table__.c).order_by(Track.position))
    }
    headings: dict[int, dict] = {}
    for row in connection.execute(
        select(
            LessonText.lesson_id, LessonText.language, LessonText.title, LessonText.content_warning
        )
    ):
        headings.setdefault(row.lesson_id, {})[row.language] = Heading(
            row.title, row.content_warning
        )
    lessons: dict[int, list] = {}
    for row in connection.execute(
        select(*Lesson.__table__.c).order_by(Lesson.course_id, Lesson.position, Lesson.id)
    ):
        lessons.setdefault(row.course_id, []).append(
            LessonEntry(
                row.id,
                row.course_id,
                row.slug,
                row.position,
                row.minutes,
                row.quiz_slug,
                row.is_archived,
                headings.get(row.id, {}),
            )
        )
    quizzes: dict[int, list] = {}
    for row in connection.execute(
        select(Quiz.id, Quiz.course_id, Quiz.slug, Quiz.version_id, Quiz.definition)
        .where(Quiz.is_archived.is_(False))
        .order_by(Quiz.slug)
    ):
        translations = row.definition.get("translations", {})
        quizzes.setdefault(row.course_id, []).append(
            QuizEntry(
                row.id,
                row.course_id,
                row.slug,
                row.version_id,
                row.definition["title"],
                {tag: version["title"] for tag, version in translations.items()},
            )
        )
    by_id = {}
    for row in connection.execute(
        select(*Course.__table__.c).order_by(Course.track_id, Course.position, Course.id)
    ):
        values = {column: getattr(row, column) for column in _COURSE_COLUMNS}
        course = CourseEntry(
            **values,
            track=tracks.get(row.track_id),
            lessons=tuple(lessons.get(row.id, ())),
            quizzes=tuple(quizzes.get(row.id, ())),
        )
        for lesson in course.lessons:
            object.__setattr__(lesson, "course", course)  # frozen; the back link is set once
        by_id[course.id] = course
    live = tuple(course for course in by_id.values() if not course.is_archived)
    return Catalogue(
        tracks=tuple(tracks.values()),
        courses=live,
        by_slug={course.slug: course for course in live},
        by_id=by_id,
    )


_COURSE_COLUMNS = [
    name for name in CourseEntry.__dataclass_fields__ if name not in {"track", "lessons", "quizzes"}
]


@event.listens_for(Session, "after_flush")
def _note_catalogue_changes(session, flush_context):
    """A catalogue row changed in this process: the next page reads the catalogue again.

    Marked again if that transaction is rolled back, since a snapshot may have been read
    inside it.
    """
    if any(
        isinstance(item, CATALOGUE_MODELS)
        for item in (*session.new, *session.dirty, *session.deleted)
    ):
        _mark_stale()
        session.info["catalogue_changed"] = True


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back_changes(session, previous_transaction):
    if session.info.pop("catalogue_changed", False):
        _mark_stale()


@event.listens_for(Session, "after_commit")
def _keep_committed_changes(session):
    session.info.pop("catalogue_changed", None)


def _mark_stale() -> None:
    global _generation
    _generation = next(_changes)
