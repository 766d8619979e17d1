"""Reading the synced catalogue: live courses and lessons by slug, and their texts by language."""

from flask import abort
from flask_babel import get_locale

from lms.extensions import db
from lms.i18n import file_tag, in_language

from .models import Course, Lesson, LessonText, Quiz


def live_course_or_404(slug: str) -> Course:
    course = db.session.scalar(
        db.select(Course).where(Course.slug == slug, Course.is_archived.is_(False))
    )
    if course is None:
        abort(404)
    return course


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


def live_quizzes(course: Course) -> list[Quiz]:
    return db.session.scalars(
        db.select(Quiz)
        .where(Quiz.course_id == course.id, Quiz.is_archived.is_(False))
        .order_by(Quiz.slug)
    ).all()


def quiz_title(quiz: Quiz, locale: str) -> str:
    """The quiz title in the member's language when translated, else the original."""
    return in_language(quiz.definition.get("translations", {}), quiz.definition, locale)["title"]


def quiz_language(quiz: Quiz, locale: str) -> str:
    """The file tag of the quiz version shown for a locale ("en" when it falls back)."""
    tag = file_tag(locale)
    return tag if tag in quiz.definition.get("translations", {}) else "en"
