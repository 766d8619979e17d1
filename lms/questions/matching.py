"""matching: match each line on the left with its answer on the right. Pure.

In a quiz file:
    kind: matching
    pairs:
      - {id: p1, left: consent, right: saying yes freely}
      - {id: p2, left: referral, right: connecting someone to help}
    feedback: {correct: ..., incorrect: ...}
and `partial_credit: true` to give part of the mark for each pair matched.
Answer: {pair id of each left line: pair id of the right side chosen}.
"""

from . import base

NAME = "matching"
TEMPLATE = "assessments/kinds/matching.html"


def parse(r, data: dict, where: tuple) -> dict:
    pairs = base.entries(r, data, where, "pairs", ("id", "left", "right"))
    return base.with_feedback(r, data, where, {"pairs": pairs})


def shape(question) -> tuple:
    return tuple(p[0] for p in question.pairs)


def grade(question, answer) -> float:
    ids = {p[0] for p in question.pairs}
    if not isinstance(answer, dict) or set(answer) != ids or not set(answer.values()) <= ids:
        raise base.AnswerError(f"question {question.id}: every pair needs one known answer")
    matched = sum(1 for left, right in answer.items() if left == right)
    return base.share_of_marks(matched, len(ids), question.partial_credit)


feedback = base.question_feedback
also_accept = base.no_other_answers
translation_gap = base.no_translation_gap


def ask(question, text, rng) -> list:
    """A select per left line, its answers shuffled (by `rng`, stable for one learner)."""
    rights = [(p[0], p[2]) for p in text.pairs]
    rng.shuffle(rights)
    allowed = tuple(p[0] for p in question.pairs)
    return [
        base.Ask("select", left, pair_id, tuple(rights), allowed)
        for pair_id, left, _right in text.pairs
    ]


def read(question, values: dict):
    return {p[0]: values[p[0]] for p in question.pairs}
