"""multiple_choice: choose every option that applies. Pure.

In a quiz file: like single_choice, with any number of options `correct: true`, and
`partial_credit: true` to give part of the mark for part of the right set.
Answer: the set of option ids chosen.
"""

from . import base, choices

NAME = "multiple_choice"
TEMPLATE = "assessments/kinds/multiple_choice.html"


def parse(r, data: dict, where: tuple) -> dict:
    return choices.parse_options(r, data, where, single=False)


shape = choices.shape


def grade(question, answer) -> float:
    chosen = set(answer)
    known = {o.id for o in question.options}
    if not chosen <= known:
        raise base.AnswerError(
            f"question {question.id}: unknown options {sorted(chosen - known)!r}"
        )
    right = {o.id for o in question.options if o.correct}
    if chosen == right:
        return 1.0
    if not question.partial_credit:
        return 0.0
    # Each wrong choice takes back what a right one earned, so choosing everything earns nothing.
    earned = len(chosen & right) - len(chosen - right)
    return max(0.0, earned / len(right))


feedback = choices.chosen_feedback
also_accept = base.no_other_answers
translation_gap = base.no_translation_gap


def ask(question, text, rng) -> list:
    return choices.ask("checkboxes", question, text)


def read(question, values: dict):
    return set(values[None])
