"""Grading: given a quiz and a learner's answers, the result of each question, the score and
whether it passed. Pure: no Flask, no database. Results say "right" or "not yet", never "failed".

Each kind grades its own questions (`lms/questions/`, where each module says the shape of
its answers); this module adds them up.
"""

from dataclasses import dataclass, replace

from lms.catalog.quizzes import Question, Quiz
from lms.questions.base import AnswerError
from lms.questions.registry import KINDS

__all__ = ["AnswerError", "QuestionResult", "QuizResult", "grade", "grade_question"]


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    correct: bool
    score: float  # 0.0 to 1.0
    feedback: tuple  # texts that teach, for right and wrong answers alike
    lesson: str | None


@dataclass(frozen=True)
class QuizResult:
    questions: tuple
    score: int  # 0 to 100
    passed: bool


def grade_question(question: Question, answer) -> QuestionResult:
    kind = KINDS[question.kind]
    score = kind.grade(question, answer)
    correct = score >= 1.0
    return QuestionResult(
        question.id, correct, score, kind.feedback(question, answer, correct), question.lesson
    )


def with_answers_of(quiz: Quiz, shown: Quiz | None) -> Quiz:
    """Return `quiz` accepting the answers of the version shown as well, where the kind's
    answers are words (short texts). Translations share question ids, so answers join by id."""
    if shown is None or shown is quiz:
        return quiz
    questions = []
    for question in quiz.questions:
        translated = shown.question(question.id)
        if translated is not None and translated.kind == question.kind:
            question = KINDS[question.kind].also_accept(question, translated)
        questions.append(question)
    return replace(quiz, questions=tuple(questions))


def shown_feedback(original: Question | None, question: Question | None, answer, stored) -> list:
    """The feedback of a stored result, in the language shown now, when the question still
    exists as graded; else the feedback stored with the attempt."""
    if original is None or question is None:
        return stored["feedback"]
    notes = KINDS[original.kind].feedback(question, answer, stored["correct"])
    return list(notes) or stored["feedback"]


def grade(quiz: Quiz, answers: dict, shown: Quiz | None = None) -> QuizResult:
    """Return the result of every question, the score (0 to 100) and whether the quiz passed.

    `shown` is the translation the learner answered, if any: its short-text answers count
    as well as the original's. Raises AnswerError for answers to questions the quiz does not
    have, or of the wrong shape. A question with no answer scores nothing (the view asks for
    every answer first).
    """
    quiz = with_answers_of(quiz, shown)
    unknown = set(answers) - {q.id for q in quiz.questions}
    if unknown:
        raise AnswerError(f"answers to unknown questions: {sorted(unknown)!r}")
    results = []
    for question in quiz.questions:
        if question.id in answers:
            results.append(grade_question(question, answers[question.id]))
        else:
            results.append(
                QuestionResult(
                    question.id, False, 0.0, (question.feedback_incorrect,), question.lesson
                )
            )
    total = sum(r.score for r in results)
    score = round(100 * total / len(results)) if results else 0
    return QuizResult(tuple(results), score, score >= quiz.pass_mark)
