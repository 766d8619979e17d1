"""Taking a quiz, seeing the result with feedback, and trying again."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys
from lms.catalog.models import Quiz as QuizRow
from lms.catalog.queries import in_member_language, live_course_or_404
from lms.catalog.quizzes import from_data
from lms.extensions import db
from lms.forms import ActionForm
from lms.heldforms import draft_fields, release, restores_itself, save_draft
from lms.orgs.context import member_required

from . import services
from .forms import answers_from, build_quiz_form, question_fields, question_id_of
from .grading import AnswerError, grade, shown_feedback
from .models import QuizAttempt

bp = Blueprint("assessments", __name__)


def _quiz_or_404(course, quiz_slug: str) -> QuizRow:
    quiz = db.session.scalar(
        db.select(QuizRow).where(
            QuizRow.course_id == course.id,
            QuizRow.slug == quiz_slug,
            QuizRow.is_archived.is_(False),
        )
    )
    if quiz is None:
        abort(404)
    return quiz


@bp.route("/learn/<course_slug>/quizzes/<quiz_slug>", methods=["GET", "POST"])
@member_required
def take(course_slug: str, quiz_slug: str):
    course = live_course_or_404(course_slug)
    row = _quiz_or_404(course, quiz_slug)
    quiz = from_data(row.definition)
    shown = in_member_language(quiz)
    seed = f"{current_user.id}-{row.id}"
    past = services.attempts(current_user.id, row.id)
    out_of_attempts = quiz.attempts is not None and len(past) >= quiz.attempts
    saving = request.method == "POST" and request.form.get("action") == "save"
    if saving and ActionForm().validate_on_submit():
        return _save_for_later(course)
    draft = draft_fields(current_user.id, request.path) if request.method == "GET" else None
    form = build_quiz_form(quiz, shown, seed, formdata=draft)
    if draft:
        # Saved for later, or sent just as the quiet-time sign-out happened: filled back in.
        flash(
            _("What you typed is filled in again. When you are ready, check your answers."),
            "notice",
        )
    dropped: list[str] = []
    problems: dict = {}
    if request.method == "POST" and not out_of_attempts:
        if form.version.data and form.version.data != str(row.version_id):
            # The quiz was re-synced while the learner answered: keep what still fits.
            submitted = {question_id_of(name) for name in request.form} - {None}
            dropped = sorted(submitted - {q.id for q in quiz.questions})
        if form.validate_on_submit():
            answers, problems = answers_from(form, quiz)
            if not problems:
                try:
                    result = grade(quiz, answers, shown)
                except AnswerError:
                    abort(400)
                first = oncekeys.earlier(form, request.path)
                if first is not None:
                    return redirect(first)  # the same answers again: marked once already
                attempt = services.record_attempt(current_user.id, row, answers, result, dropped)
                release(current_user.id, request.path)
                made = url_for(
                    "assessments.result",
                    course_slug=course.slug,
                    quiz_slug=row.slug,
                    attempt_id=attempt.id,
                )
                oncekeys.made(form, made)
                db.session.commit()
                return redirect(made)
        if dropped:
            flash(
                _(
                    "This quiz was updated while you were answering. Answers to removed questions were set aside; please check the questions below."
                ),
                "notice",
            )
    form.version.data = str(row.version_id)
    best = services.best(current_user.id, row.id)
    return render_template(
        "assessments/take.html",
        course=course,
        quiz=shown,
        row=row,
        form=form,
        questions=question_fields(form, quiz, shown),
        problems=problems,
        attempts_used=len(past),
        out_of_attempts=out_of_attempts,
        best=best,
    ), 400 if (form.errors or problems) else 200


def _save_for_later(course):
    """Keep the answers as a draft on the server, as check-ins do; nothing is graded."""
    if save_draft(current_user.id, request.path):
        db.session.commit()
        flash(_("Your answers are saved. You can come back and finish any time."), "notice")
    return redirect(url_for("progress.course", course_slug=course.slug))


restores_itself("assessments.take")


@bp.get("/learn/<course_slug>/quizzes/<quiz_slug>/attempts/<int:attempt_id>")
@member_required
def result(course_slug: str, quiz_slug: str, attempt_id: int):
    course = live_course_or_404(course_slug)
    row = _quiz_or_404(course, quiz_slug)
    attempt = db.session.get(QuizAttempt, attempt_id)
    # Attempts are private: anyone else gets "not found", not even "forbidden".
    if attempt is None or attempt.user_id != current_user.id or attempt.quiz_id != row.id:
        abort(404)
    quiz = from_data(row.definition)
    shown = in_member_language(quiz)
    lessons = {lesson.slug: lesson for lesson in course.lessons if not lesson.is_archived}
    rows = []
    for stored in attempt.results:
        question = shown.question(stored["question_id"]) or quiz.question(stored["question_id"])
        original = quiz.question(stored["question_id"])
        lesson = lessons.get(stored["lesson"]) if stored.get("lesson") else None
        feedback = shown_feedback(
            original, question, attempt.answers.get(stored["question_id"]), stored
        )
        rows.append((question, stored, feedback, lesson))
    return render_template(
        "assessments/result.html",
        course=course,
        quiz=shown,
        row=row,
        attempt=attempt,
        rows=rows,
        best=services.best(current_user.id, row.id),
        completed=services.progress.completion(current_user.id, course.id),
    )
