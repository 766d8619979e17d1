"""ordering: put the lines in order. Pure.

In a quiz file, the items in the right order (the form shows them shuffled):
    kind: ordering
    items:
      - {id: s1, text: Ask what the person wants}
      - {id: s2, text: Explain who will see the information}
    feedback: {correct: ..., incorrect: ...}
and `partial_credit: true` to give part of the mark for each item in its place.
Answer: the item ids in the learner's order.
"""

from . import base

NAME = "ordering"
TEMPLATE = "assessments/kinds/ordering.html"


def parse(r, data: dict, where: tuple) -> dict:
    items = base.entries(r, data, where, "items", ("id", "text"))
    return base.with_feedback(r, data, where, {"items": items})


def shape(question) -> tuple:
    return tuple(i[0] for i in question.items)


def grade(question, answer) -> float:
    ids = [i[0] for i in question.items]
    if sorted(answer) != sorted(ids):
        raise base.AnswerError(f"question {question.id}: every item must be placed exactly once")
    in_place = sum(1 for given, expected in zip(answer, ids, strict=True) if given == expected)
    return base.share_of_marks(in_place, len(ids), question.partial_credit)


feedback = base.question_feedback
also_accept = base.no_other_answers
translation_gap = base.no_translation_gap


def ask(question, text, rng) -> list:
    """A select of positions (1, 2, …) per item, the items shuffled (stable for one learner)."""
    items = list(text.items)
    rng.shuffle(items)
    positions = tuple((str(n), str(n)) for n in range(1, len(items) + 1))
    allowed = tuple(p for p, _ in positions)
    return [
        base.Ask("select", item_text, item_id, positions, allowed) for item_id, item_text in items
    ]


def read(question, values: dict):
    """The ids in the order of the numbers given; each number must be used once."""
    placed = {item[0]: int(values[item[0]]) for item in question.items}
    if sorted(placed.values()) != list(range(1, len(placed) + 1)):
        raise base.AnswerProblem(base.N_("Please use each number once."))
    return sorted(placed, key=placed.get)
