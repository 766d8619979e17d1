"""Reading the synced catalogue: live courses and lessons by slug, and their texts by language."""

from flask import abort
from sqlalchemy import bindparam

from lms.extensions import db
from lms.i18n import file_tag, in_language
from lms.numbers import page_locale

from .models import Course, Lesson
from .snapshot import CourseEntry, LessonEntry, QuizEntry, catalogue

_LIVE_COURSE = db.select(Course).where(
    Course.slug == bindparam("slug"), Course.is_archived.is_(False)
)


def live_course_or_404(slug: str) -> Course:
    """The live course with this slug as a database row (pages that only show the catalogue
    use `catalogue_course_or_404`), or 404."""
    course = db.session.execute(_LIVE_COURSE, {"slug": slug}).scalar_one_or_none()
    if course is None:
        abort(404)
    return course


def catalogue_course_or_404(slug: str) -> CourseEntry:
    """The live course with this slug from the process's copy of the catalogue, or 404."""
    course = catalogue().live_course(slug)
    if course is None:
        abort(404)
    return course


def live_lesson_or_404(course: Course | CourseEntry, slug: str) -> Lesson | LessonEntry:
    for lesson in course.lessons:
        if lesson.slug == slug and not lesson.is_archived:
            return lesson
    abort(404)


def choose_text(texts: list, locale: str, asked: str | None = None) -> tuple:
    """Return the text to show, of a lesson's `texts` in every language, and whether it fell
    back to English.

    `asked` is a file tag the learner picked on the page ("bn"); otherwise their locale decides.
    """
    texts = {text.language: text for text in texts}
    if asked in texts:
        return texts[asked], False
    text = in_language(texts, texts["en"], locale)
    return text, text.language != file_tag(locale)


def in_member_language(item):
    """A synced quiz or check-in in the member's language when translated (same ids), else
    the original: the views' one way to ask `lms.i18n.in_language`, the one picker."""
    return in_language(item.translations, item, page_locale())


def lesson_headings(course: CourseEntry, locale: str) -> dict:
    """Return {lesson id: its title and content warning} in the language `choose_text` picks,
    for every lesson of the course (a course page shows titles only, not the bodies)."""
    return {
        lesson.id: in_language(lesson.headings, lesson.headings["en"], locale)
        for lesson in course.lessons
        if lesson.headings
    }


def quiz_title(quiz: QuizEntry, locale: str) -> str:
    """The quiz title in the member's language when translated, else the original."""
    return in_language(quiz.translated_titles, quiz.title, locale)


def quiz_language(quiz: QuizEntry, locale: str) -> str:
    """The file tag of the quiz version shown for a locale ("en" when it falls back)."""
    tag = file_tag(locale)
    return tag if tag in quiz.translated_titles else "en"
