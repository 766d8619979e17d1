"""Grading: given a quiz and a learner's answers, the result of each question, the score and
whether it passed. Pure: no Flask, no database. Results say "right" or "not yet", never "failed".

Answer shapes, by question kind:
  single_choice   -> option id (str)
  multiple_choice -> set of option ids
  true_false      -> bool
  short_text      -> str
  matching        -> {pair id on the left: pair id of the right side chosen}
  ordering        -> list of item ids, in the learner's order
"""

import unicodedata
from dataclasses import dataclass, replace

from lms.catalog.quizzes import Question, Quiz


class AnswerError(ValueError):
    """The answers do not fit the quiz (unknown question or option ids, wrong shapes)."""


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


def normalise_text(text: str) -> str:
    """Fold case, widths (full-width forms) and Unicode forms, and collapse spaces."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(folded.replace("\u3000", " ").split()).strip(" .。!！?？")


def _single(q: Question, answer) -> tuple[float, tuple]:
    option = next((o for o in q.options if o.id == answer), None)
    if option is None:
        raise AnswerError(f"question {q.id}: unknown option {answer!r}")
    return (1.0 if option.correct else 0.0), (option.feedback,)


def _multiple(q: Question, answer) -> tuple[float, tuple]:
    chosen = set(answer)
    known = {o.id for o in q.options}
    if not chosen <= known:
        raise AnswerError(f"question {q.id}: unknown options {sorted(chosen - known)!r}")
    right = {o.id for o in q.options if o.correct}
    feedback = tuple(o.feedback for o in q.options if o.id in chosen)
    if chosen == right:
        return 1.0, feedback
    if not q.partial_credit:
        return 0.0, feedback
    earned = len(chosen & right) - len(chosen - right)
    return max(0.0, earned / len(right)), feedback


def _true_false(q: Question, answer) -> tuple[float, tuple]:
    if not isinstance(answer, bool):
        raise AnswerError(f"question {q.id}: expected true or false")
    right = answer == q.answer
    return (1.0 if right else 0.0), ()


def _short_text(q: Question, answer) -> tuple[float, tuple]:
    given = normalise_text(answer)
    right = given != "" and given in {normalise_text(a) for a in q.accepted}
    return (1.0 if right else 0.0), ()


def _matching(q: Question, answer) -> tuple[float, tuple]:
    ids = {p[0] for p in q.pairs}
    if not isinstance(answer, dict) or set(answer) != ids or not set(answer.values()) <= ids:
        raise AnswerError(f"question {q.id}: every pair needs one known answer")
    matched = sum(1 for left, right in answer.items() if left == right)
    if matched == len(ids):
        return 1.0, ()
    return (matched / len(ids) if q.partial_credit else 0.0), ()


def _ordering(q: Question, answer) -> tuple[float, tuple]:
    ids = [i[0] for i in q.items]
    if sorted(answer) != sorted(ids):
        raise AnswerError(f"question {q.id}: every item must be placed exactly once")
    in_place = sum(1 for given, expected in zip(answer, ids, strict=True) if given == expected)
    if in_place == len(ids):
        return 1.0, ()
    return (in_place / len(ids) if q.partial_credit else 0.0), ()


GRADERS = {
    "single_choice": _single,
    "multiple_choice": _multiple,
    "true_false": _true_false,
    "short_text": _short_text,
    "matching": _matching,
    "ordering": _ordering,
}


def grade_question(question: Question, answer) -> QuestionResult:
    score, feedback = GRADERS[question.kind](question, answer)
    correct = score >= 1.0
    if question.kind not in ("single_choice", "multiple_choice"):
        feedback = (question.feedback_correct if correct else question.feedback_incorrect,)
    return QuestionResult(question.id, correct, score, feedback, question.lesson)


def with_answers_of(quiz: Quiz, shown: Quiz | None) -> Quiz:
    """Return `quiz` accepting, for short texts, the answers of the version shown as well.

    A learner who read the quiz in Chinese types 受害者; one who knows the English word types
    that. Both are right. Translations share question ids, so answers join by id.
    """
    if shown is None or shown is quiz:
        return quiz
    questions = []
    for question in quiz.questions:
        translated = shown.question(question.id)
        if question.kind == "short_text" and translated is not None:
            extra = tuple(a for a in translated.accepted if a not in question.accepted)
            question = replace(question, accepted=question.accepted + extra)
        questions.append(question)
    return replace(quiz, questions=tuple(questions))


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
