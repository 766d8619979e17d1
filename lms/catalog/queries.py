"""Reading the synced catalogue: live courses and lessons by slug, and their texts by language."""

from flask import abort
from flask_babel import get_locale
from sqlalchemy import bindparam
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from lms.extensions import db
from lms.i18n import file_tag, in_language

from .models import Course, Lesson, LessonText, Quiz

# Every course and lesson page asks these: built once (building costs more than running them).
_LIVE_COURSE = db.select(Course).where(
    Course.slug == bindparam("slug"), Course.is_archived.is_(False)
)
# Course and lesson pages list every lesson: in the same query as the course.
_LIVE_COURSE_AND_LESSONS = _LIVE_COURSE.options(joinedload(Course.lessons))
_TEXTS = db.select(LessonText).where(LessonText.lesson_id == bindparam("lesson_id"))
_HEADINGS = (
    db.select(
        LessonText.lesson_id, LessonText.language, LessonText.title, LessonText.content_warning
    )
    .join(Lesson, Lesson.id == LessonText.lesson_id)
    .where(Lesson.course_id == bindparam("course_id"))
)
_LIVE_QUIZZES = (
    db.select(Quiz)
    .where(Quiz.course_id == bindparam("course_id"), Quiz.is_archived.is_(False))
    .order_by(Quiz.slug)
)


def live_course_or_404(slug: str, with_lessons: bool = False) -> Course:
    """The live course with this slug (and its lessons, loaded with it, when asked), or 404."""
    statement = _LIVE_COURSE_AND_LESSONS if with_lessons else _LIVE_COURSE
    course = db.session.execute(statement, {"slug": slug}).unique().scalar_one_or_none()
    if course is None:
        abort(404)
    return course


def load_texts(lesson: Lesson) -> None:
    """Fill `lesson.texts` with one prepared query (a lazy load costs twice as much)."""
    set_committed_value(lesson, "texts", db.session.scalars(_TEXTS, {"lesson_id": lesson.id}).all())


def live_lesson_or_404(course: Course, slug: str) -> Lesson:
    for lesson in course.lessons:
        if lesson.slug == slug and not lesson.is_archived:
            return lesson
    abort(404)


def choose_text(lesson: Lesson, locale: str, asked: str | None = None) -> tuple[LessonText, bool]:
    """Return the text to show and whether it fell back to English.

    `asked` is a file tag the learner picked on the page ("bn"); otherwise their locale decides.
    """
    texts = {text.language: text for text in lesson.texts}
    if asked in texts:
        return texts[asked], False
    text = in_language(texts, texts["en"], locale)
    return text, text.language != file_tag(locale)


def in_member_language(item):
    """A synced quiz or check-in in the member's language when translated (same ids), else
    the original: the views' one way to ask `lms.i18n.in_language`, the one picker."""
    return in_language(item.translations, item, str(get_locale()))


def lesson_headings(course: Course, locale: str) -> dict:
    """Return {lesson id: its title and content warning} in the language `choose_text` picks,
    for every lesson of the course: one query, without the lesson bodies (a course page
    shows titles only)."""
    texts: dict[int, dict] = {}
    for row in db.session.execute(_HEADINGS, {"course_id": course.id}):
        texts.setdefault(row.lesson_id, {})[row.language] = row
    return {
        lesson_id: in_language(found, found["en"], locale) for lesson_id, found in texts.items()
    }


def live_quizzes(course: Course) -> list[Quiz]:
    return db.session.scalars(_LIVE_QUIZZES, {"course_id": course.id}).all()


def quiz_title(quiz: Quiz, locale: str) -> str:
    """The quiz title in the member's language when translated, else the original."""
    return in_language(quiz.definition.get("translations", {}), quiz.definition, locale)["title"]


def quiz_language(quiz: Quiz, locale: str) -> str:
    """The file tag of the quiz version shown for a locale ("en" when it falls back)."""
    tag = file_tag(locale)
    return tag if tag in quiz.definition.get("translations", {}) else "en"
