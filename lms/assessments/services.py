"""Recording quiz attempts, reading best results, and telling progress which quizzes passed."""

from dataclasses import asdict
from datetime import timedelta

from sqlalchemy import bindparam

from lms.accounts import lifecycle
from lms.catalog.models import Course
from lms.catalog.models import Quiz as QuizRow
from lms.dbutil import plain_rows
from lms.extensions import db
from lms.progress import services as progress
from lms.timeutil import iso, utcnow

from .grading import QuizResult
from .models import QuizAttempt

DOUBLE_SUBMIT_SECONDS = 10


def _jsonable(answers: dict) -> dict:
    return {k: sorted(v) if isinstance(v, set) else v for k, v in answers.items()}


def record_attempt(
    user_id: int, quiz: QuizRow, answers: dict, result: QuizResult, dropped: list
) -> QuizAttempt:
    """Store the attempt and update course completion; a double submit returns the first one."""
    stored_answers = _jsonable(answers)
    recent = db.session.scalar(
        db.select(QuizAttempt)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.quiz_id == quiz.id,
            QuizAttempt.created_at >= utcnow() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS),
        )
        .order_by(QuizAttempt.id.desc())
        .limit(1)
    )
    if recent is not None and recent.answers == stored_answers:
        return recent
    attempt = QuizAttempt(
        user_id=user_id,
        quiz_id=quiz.id,
        course_id=quiz.course_id,
        version_id=quiz.version_id,
        answers=stored_answers,
        results=[asdict(r) | {"feedback": list(r.feedback)} for r in result.questions],
        score=result.score,
        passed=result.passed,
        dropped_questions=dropped,
    )
    db.session.add(attempt)
    db.session.flush()
    if result.passed:
        progress.maybe_complete(user_id, db.session.get(Course, quiz.course_id))
    return attempt


def attempts(user_id: int, quiz_id: int) -> list[QuizAttempt]:
    return db.session.scalars(
        db.select(QuizAttempt)
        .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz_id)
        .order_by(QuizAttempt.created_at, QuizAttempt.id)
    ).all()


def best(user_id: int, quiz_id: int) -> QuizAttempt | None:
    """Return the learner's best attempt (the highest score, the earliest among equals)."""
    return db.session.scalar(
        db.select(QuizAttempt)
        .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz_id)
        .order_by(QuizAttempt.score.desc(), QuizAttempt.id)
        .limit(1)
    )


# Every course page asks: built once.
_PASSED_QUIZZES = (
    db.select(QuizRow.slug)
    .join(QuizAttempt, QuizAttempt.quiz_id == QuizRow.id)
    .where(
        QuizAttempt.user_id == bindparam("user_id"),
        QuizAttempt.course_id == bindparam("course_id"),
        QuizAttempt.passed.is_(True),
    )
)


def _passed_quizzes(user_id: int, course_id: int) -> set:
    return set(plain_rows(_PASSED_QUIZZES, {"user_id": user_id, "course_id": course_id}).scalars())


if _passed_quizzes not in progress.quiz_pass_providers:
    progress.quiz_pass_providers.append(_passed_quizzes)


@lifecycle.exporter("quiz_attempts")
def _export(user) -> list:
    rows = db.session.execute(
        db.select(
            Course.slug,
            QuizRow.slug,
            QuizAttempt.score,
            QuizAttempt.passed,
            QuizAttempt.created_at,
            QuizAttempt.answers,
        )
        .join(QuizRow, QuizRow.id == QuizAttempt.quiz_id)
        .join(Course, Course.id == QuizAttempt.course_id)
        .where(QuizAttempt.user_id == user.id)
        .order_by(QuizAttempt.created_at)
    ).all()
    return [
        {"course": c, "quiz": q, "score": s, "passed": p, "at": iso(t), "answers": a}
        for c, q, s, p, t, a in rows
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(QuizAttempt).where(QuizAttempt.user_id == user.id))
