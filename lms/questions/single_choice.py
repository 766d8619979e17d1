"""single_choice: pick one option of several; each option has its own feedback. Pure.

In a quiz file:
    kind: single_choice
    options:
      - {id: a, text: ..., correct: true, feedback: ...}
      - {id: b, text: ..., feedback: ...}
Answer: the id of the option chosen.
"""

from . import base, choices

NAME = "single_choice"
TEMPLATE = "assessments/kinds/single_choice.html"


def parse(r, data: dict, where: tuple) -> dict:
    return choices.parse_options(r, data, where, single=True)


shape = choices.shape


def grade(question, answer) -> float:
    option = next((o for o in question.options if o.id == answer), None)
    if option is None:
        raise base.AnswerError(f"question {question.id}: unknown option {answer!r}")
    return 1.0 if option.correct else 0.0


feedback = choices.chosen_feedback
also_accept = base.no_other_answers
translation_gap = base.no_translation_gap


def ask(question, text, rng) -> list:
    return choices.ask("radio", question, text)


def read(question, values: dict):
    return values[None]
