"""Quiz attempts: what the learner answered, the score and the outcome, per attempt."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class QuizAttempt(db.Model):
    __tablename__ = "quiz_attempts"
    __table_args__ = (Index("ix_quiz_attempts_user_quiz", "user_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    # The content version of the quiz that was graded, so later edits never rewrite history.
    version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    answers: Mapped[dict] = mapped_column(JSON)
    results: Mapped[list] = mapped_column(JSON)
    score: Mapped[int] = mapped_column()
    passed: Mapped[bool] = mapped_column()
    # Answers to questions removed by a re-sync while the learner was answering.
    dropped_questions: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
