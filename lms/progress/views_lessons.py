"""The learner's pages: catalogue by track, course page, lesson page, and progress buttons."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.catalog.queries import (
    catalogue_course_or_404,
    choose_text,
    lesson_headings,
    live_lesson_or_404,
    quiz_language,
    quiz_title,
)
from lms.catalog.snapshot import catalogue as read_catalogue
from lms.catalog.snapshot import lesson_texts
from lms.config import ROOT
from lms.extensions import db
from lms.numbers import page_locale
from lms.orgs.context import member_required

from . import services
from .forms import ProgressForm
from .resume import course_progress, resume_point
from .tags import progress_bar, status_tag

bp = Blueprint("progress", __name__)
# The lesson status tag and progress bars, kept per language (lms/progress/tags.py: speed).
bp.add_app_template_global(status_tag)
bp.add_app_template_global(progress_bar)

# The page around a lesson: the stylesheet plus the HTML shell, measured on a real page.
SHELL_BYTES = (ROOT / "static" / "css" / "pathways.css").stat().st_size + 7_000


@bp.get("/learn")
@member_required
def catalogue():
    summaries = services.overview(current_user.id)
    tracks = read_catalogue().tracks
    by_track = {
        track.id: [s for s in summaries if s.course.track_id == track.id] for track in tracks
    }
    return render_template("progress/catalogue.html", tracks=tracks, by_track=by_track)


@bp.get("/learn/<course_slug>")
@member_required
def course(course_slug: str):
    course = catalogue_course_or_404(course_slug)
    completed_at, found = services.completion_and_statuses(current_user.id, course.id)
    lessons = services.live_lessons(course)
    progress = course_progress([found.get(lesson.id) for lesson in lessons])
    resume = resume_point([(lesson.slug, found.get(lesson.id)) for lesson in lessons])
    locale = page_locale()
    headings = lesson_headings(course, locale)
    passed = services.passed_quizzes(current_user.id, course.id)
    quizzes = [
        (quiz, quiz_title(quiz, locale), quiz_language(quiz, locale), quiz.slug in passed)
        for quiz in course.quizzes
    ]
    return render_template(
        "progress/course.html",
        quizzes=quizzes,
        course=course,
        lessons=[(lesson, found.get(lesson.id), headings[lesson.id]) for lesson in lessons],
        progress=progress,
        resume=resume,
        completed_at=completed_at,
    )


@bp.get("/learn/<course_slug>/<lesson_slug>")
@member_required
def lesson(course_slug: str, lesson_slug: str):
    course = catalogue_course_or_404(course_slug)
    lesson = live_lesson_or_404(course, lesson_slug)
    texts = lesson_texts(lesson.id)
    asked = request.args.get("lang")
    text, fell_back = choose_text(texts, page_locale(), asked)
    found, needs_recording = services.statuses_on_opening(current_user.id, course.id, lesson.id)
    status = found.get(lesson.id)
    show_warning = bool(text.content_warning) and request.args.get("read") != "1"
    lessons = services.live_lessons(course)
    position = lessons.index(lesson)
    page = render_template(
        "progress/lesson.html",
        course=course,
        lesson=lesson,
        text=text,
        fell_back=fell_back,
        other_languages=sorted(t.language for t in texts if t.language != text.language),
        show_warning=show_warning,
        status=status,
        previous=lessons[position - 1] if position > 0 else None,
        following=lessons[position + 1] if position + 1 < len(lessons) else None,
        number=position + 1,
        lesson_count=len(lessons),
        weight_kb=max(1, round((text.weight_bytes + SHELL_BYTES) / 1024)),
        quiz=_lesson_quiz(course, lesson),
    )
    if needs_recording and not show_warning:
        # After drawing the page: a commit expires what was loaded (the member), which the
        # page would otherwise load again.
        services.record_opened(current_user.id, lesson)
        db.session.commit()
    return page


def _lesson_quiz(course, lesson):
    if not lesson.quiz_slug:
        return None
    quiz = next((q for q in course.quizzes if q.slug == lesson.quiz_slug), None)
    return (quiz, quiz_title(quiz, page_locale())) if quiz else None


@bp.post("/learn/<course_slug>/<lesson_slug>/progress")
@member_required
def record(course_slug: str, lesson_slug: str):
    course = catalogue_course_or_404(course_slug)
    lesson = live_lesson_or_404(course, lesson_slug)
    form = ProgressForm()
    if not form.validate_on_submit():
        flash(_("That did not work. Please press the button again."), "notice")
        return redirect(
            url_for("progress.lesson", course_slug=course.slug, lesson_slug=lesson.slug)
        )
    services.record_event(current_user.id, lesson, form.event.data)
    completed = services.completion(current_user.id, course.id) is None and services.maybe_complete(
        current_user.id, course
    )
    db.session.commit()
    if completed:
        flash(_("You completed this course. Well done."), "notice")
        return redirect(url_for("progress.course", course_slug=course.slug))
    if form.event.data == "saved":
        flash(_("Saved for later. You can come back to it any time."), "notice")
        return redirect(url_for("progress.course", course_slug=course.slug))
    if form.event.data == "skipped":
        flash(_("Skipped for now. You can open it again any time."), "notice")
    lessons = services.live_lessons(course)
    position = lessons.index(lesson)
    if position + 1 < len(lessons):
        following = lessons[position + 1]
        return redirect(
            url_for("progress.lesson", course_slug=course.slug, lesson_slug=following.slug)
        )
    return redirect(url_for("progress.course", course_slug=course.slug))
