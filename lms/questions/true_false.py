"""true_false: is the statement true? Pure.

In a quiz file: `answer: true` or `answer: false`, and `feedback: {correct, incorrect}`.
Answer: True or False.
"""

from . import base

NAME = "true_false"
TEMPLATE = "assessments/kinds/true_false.html"


def parse(r, data: dict, where: tuple) -> dict:
    answer = data.get("answer")
    if not isinstance(answer, bool):
        r.error(where, "a true_false question needs 'answer: true' or 'answer: false'")
    return base.with_feedback(
        r, data, where, {"answer": answer if isinstance(answer, bool) else None}
    )


def shape(question) -> tuple:
    return (question.answer,)


def grade(question, answer) -> float:
    if not isinstance(answer, bool):
        raise base.AnswerError(f"question {question.id}: expected true or false")
    return 1.0 if answer == question.answer else 0.0


feedback = base.question_feedback
also_accept = base.no_other_answers
translation_gap = base.no_translation_gap


def ask(question, text, rng) -> list:
    return [
        base.Ask(
            "radio",
            text.prompt,
            choices=(("true", base.N_("True")), ("false", base.N_("False"))),
            allowed=("true", "false"),
        )
    ]


def read(question, values: dict):
    return values[None] == "true"
