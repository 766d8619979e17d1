"""Sync course files into the database in one transaction; a failed sync changes nothing."""

import hashlib
import io
from pathlib import Path

from lms.extensions import db
from lms.images import MAX_IMAGE_PIXELS, pillow  # noqa: F401 (used here and re-exported)

from . import models
from .definitions import Catalog
from .quizzes import to_data
from .rendering import IMAGE_SUFFIXES, render_markdown
from .yamlfile import Problem  # noqa: F401  (SyncRefused carries Problems)

CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".m4a": "audio/mp4",
}


class SyncRefused(Exception):
    """The files have errors; the content already live stays as it was."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s) in the course files")
        self.problems = problems


def strip_metadata(data: bytes, suffix: str) -> bytes:
    """Return the image re-encoded without EXIF, GPS or other metadata (audio is unchanged)."""
    if suffix not in IMAGE_SUFFIXES:
        return data
    from PIL import ImageOps

    Image = pillow()  # noqa: N806 (Pillow's module, named as everywhere)
    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
        # Only the pixels are copied: EXIF, GPS, XMP and text chunks stay behind.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        if image.mode == "P" and image.getpalette():
            clean.putpalette(image.getpalette())
        out = io.BytesIO()
        clean.save(out, format=Image.open(io.BytesIO(data)).format or "PNG")
        return out.getvalue()


def content_digest(courses_dir: Path, assessments_dir: Path) -> str:
    """Return a SHA-256 over every content file's path and bytes."""
    digest = hashlib.sha256()
    for folder in (courses_dir, assessments_dir):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def store_catalog(catalog: Catalog, digest: str) -> models.ContentVersion:
    """Store courses, lessons, media and quizzes as a new content version (caller commits).

    Slugs are identities: a lesson keeps its row (and so every learner's progress) when
    edited or reordered; one that disappears is archived, never deleted.
    """
    version = models.ContentVersion(
        digest=digest,
        course_count=len(catalog.courses),
        lesson_count=sum(len(c.lessons) for c in catalog.courses),
    )
    db.session.add(version)
    db.session.flush()
    tracks = {t.slug: t for t in db.session.scalars(db.select(models.Track))}
    for track in catalog.tracks:
        row = tracks.get(track.slug) or models.Track(slug=track.slug)
        row.position, row.titles, row.summaries = track.order, track.titles, track.summaries
        db.session.add(row)
        tracks[track.slug] = row
    db.session.flush()

    existing = {c.slug: c for c in db.session.scalars(db.select(models.Course))}
    for course in catalog.courses:
        row = existing.pop(course.slug, None) or models.Course(slug=course.slug)
        row.track_id = tracks[course.track].id
        row.position, row.minutes = course.order, course.minutes
        row.languages, row.titles, row.summaries = (
            list(course.languages),
            course.titles,
            course.summaries,
        )
        row.outcomes = {k: list(v) for k, v in course.outcomes.items()}
        row.public_titles = dict(course.public_titles)
        row.prerequisites = list(course.prerequisites)
        row.completion_rule, row.required_quizzes = (
            course.completion_rule,
            list(course.required_quizzes),
        )
        row.awards_certificate, row.is_archived, row.version_id = (
            course.awards_certificate,
            False,
            version.id,
        )
        row.certificate_min_score = course.certificate_min_score
        db.session.add(row)
        db.session.flush()
        media_sizes = _store_media(row, course.media)
        _store_lessons(row, course, version, media_sizes)
    for gone in existing.values():
        gone.is_archived = True
    _store_quizzes(catalog, version)
    return version


def _store_quizzes(catalog: Catalog, version) -> None:
    courses = {c.slug: c for c in db.session.scalars(db.select(models.Course))}
    existing = {(q.course_id, q.slug): q for q in db.session.scalars(db.select(models.Quiz))}
    for (course_slug, quiz_slug), quiz in catalog.quizzes.items():
        course = courses[course_slug]
        row = existing.pop((course.id, quiz_slug), None) or models.Quiz(
            course_id=course.id, slug=quiz_slug
        )
        data = to_data(quiz)
        if row.definition != data:
            row.definition = data
            row.version_id = (
                version.id
            )  # a changed quiz gets the new version; unchanged keeps its own
        row.is_archived = False
        db.session.add(row)
    for gone in existing.values():
        gone.is_archived = True


def _store_media(course_row, media: dict) -> dict:
    db.session.execute(
        db.delete(models.CourseMedia).where(models.CourseMedia.course_id == course_row.id)
    )
    sizes = {}
    for name, path in media.items():
        suffix = Path(name).suffix.lower()
        data = strip_metadata(Path(path).read_bytes(), suffix)
        db.session.add(
            models.CourseMedia(
                course_id=course_row.id, name=name, content_type=CONTENT_TYPES[suffix], data=data
            )
        )
        sizes[name] = len(data)
    return sizes


def _store_lessons(course_row, course, version, media_sizes: dict) -> None:
    existing = {lesson.slug: lesson for lesson in course_row.lessons}
    for lesson in course.lessons:
        row = existing.pop(lesson.slug, None) or models.Lesson(
            slug=lesson.slug, course_id=course_row.id
        )
        row.position, row.minutes, row.quiz_slug = lesson.order, lesson.minutes, lesson.quiz
        row.is_archived, row.version_id = False, version.id
        db.session.add(row)
        db.session.flush()
        texts = {t.language: t for t in row.texts}
        for language, text in lesson.texts.items():
            html = str(render_markdown(text.markdown, course.slug))
            images = sum(size for name, size in media_sizes.items() if f'/media/{name}"' in html)
            stored = texts.pop(language, None) or models.LessonText(
                lesson_id=row.id, language=language
            )
            stored.title, stored.content_warning, stored.body_html = (
                text.title,
                text.content_warning,
                html,
            )
            stored.weight_bytes = len(html.encode()) + images
            db.session.add(stored)
        for stale in texts.values():
            db.session.delete(stale)
    for gone in existing.values():
        gone.is_archived = True
