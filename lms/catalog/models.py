"""Course content as served: the last successful sync of the files, with stable slugs."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import utcnow
from lms.urls import mount_path

from .rendering import stored_html


class ContentVersion(db.Model):
    """One successful sync. Records that depend on content (quiz attempts) keep its id."""

    __tablename__ = "content_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)
    digest: Mapped[str] = mapped_column(db.String(64))
    course_count: Mapped[int] = mapped_column(default=0)
    lesson_count: Mapped[int] = mapped_column(default=0)


class Track(db.Model):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(60), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    titles: Mapped[dict] = mapped_column(JSON, default=dict)
    summaries: Mapped[dict] = mapped_column(JSON, default=dict)


class Course(db.Model):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(80), unique=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int] = mapped_column(default=0)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    titles: Mapped[dict] = mapped_column(JSON, default=dict)
    summaries: Mapped[dict] = mapped_column(JSON, default=dict)
    outcomes: Mapped[dict] = mapped_column(JSON, default=dict)
    # A neutral title for Open Badge credentials, so a badge does not reveal the topic.
    public_titles: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    prerequisites: Mapped[list] = mapped_column(JSON, default=list)
    completion_rule: Mapped[str] = mapped_column(db.String(40))
    required_quizzes: Mapped[list] = mapped_column(JSON, default=list)
    awards_certificate: Mapped[bool] = mapped_column(default=False)
    certificate_min_score: Mapped[int | None] = mapped_column()
    # A course removed from the files is archived, never deleted with learners' records.
    is_archived: Mapped[bool] = mapped_column(default=False)
    first_synced_at: Mapped[datetime] = mapped_column(default=utcnow)
    version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))

    track: Mapped[Track] = relationship()
    lessons: Mapped[list["Lesson"]] = relationship(
        back_populates="course", order_by="Lesson.position"
    )


class Lesson(db.Model):
    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("course_id", "slug", name="uq_lessons_course_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(db.String(80))
    position: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int] = mapped_column(default=0)
    quiz_slug: Mapped[str | None] = mapped_column(db.String(80))
    is_archived: Mapped[bool] = mapped_column(default=False)
    first_synced_at: Mapped[datetime] = mapped_column(default=utcnow)
    version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))

    course: Mapped[Course] = relationship(back_populates="lessons")
    texts: Mapped[list["LessonText"]] = relationship(
        back_populates="lesson", cascade="all, delete-orphan"
    )


class LessonText(db.Model):
    """A lesson in one language, already rendered to sanitised HTML at sync time."""

    __tablename__ = "lesson_texts"
    __table_args__ = (UniqueConstraint("lesson_id", "language", name="uq_lesson_texts_lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"), index=True)
    language: Mapped[str] = mapped_column(db.String(10))  # file tag: en, zh-Hans, bn
    title: Mapped[str] = mapped_column(db.String(200))
    content_warning: Mapped[str | None] = mapped_column(db.Text)
    body_html: Mapped[str] = mapped_column(db.Text)
    weight_bytes: Mapped[int] = mapped_column(default=0)

    lesson: Mapped[Lesson] = relationship(back_populates="texts")

    @property
    def body(self):
        return stored_html(self.body_html, mount_path())


class CourseMedia(db.Model):
    """An image or audio file from a course folder, with EXIF and location data removed."""

    __tablename__ = "course_media"
    __table_args__ = (UniqueConstraint("course_id", "name", name="uq_course_media_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(120))
    content_type: Mapped[str] = mapped_column(db.String(60))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Quiz(db.Model):
    """A quiz as synced: its parsed definition (with translations) and the version it came from.

    The answer key stays here on the server; pages only ever show prompts and options.
    """

    __tablename__ = "quizzes"
    __table_args__ = (UniqueConstraint("course_id", "slug", name="uq_quizzes_course_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(db.String(80))
    definition: Mapped[dict] = mapped_column(JSON)
    is_archived: Mapped[bool] = mapped_column(default=False)
    version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))

    course: Mapped[Course] = relationship()
