"""What every question kind shares: ids, the two errors, interface words, form field
descriptions and the helpers most kinds use. Pure: no Flask, no database.

The kinds receive the quiz file reader from `lms/catalog/quizzes.py` (`r`, with `r.error`,
`r.text` and `r.feedback_pair`) rather than importing it, so this package sits below the
catalogue and both the catalogue and assessments can use it.
"""

import re
from dataclasses import dataclass

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class AnswerError(ValueError):
    """The answers do not fit the quiz (unknown question or option ids, wrong shapes)."""


class AnswerProblem(ValueError):
    """An answer the learner can fix (say, the same number twice): its message asks them to."""


class InterfaceText(str):
    """Words of the interface, which the form translates, as opposed to words from a quiz file."""


def N_(text: str) -> InterfaceText:
    """Mark interface words for translation where Flask-Babel cannot be imported (Babel
    extracts `N_("…")` calls; the form translates the words when it shows them)."""
    return InterfaceText(text)


@dataclass(frozen=True)
class Ask:
    """One form field a question is asked with; `lms/assessments/forms.py` builds it.

    widget: "radio", "checkboxes", "text" or "select" (a select starts with "Choose…").
    part: None for a question's one field, else the id of a line (a pair, an item).
    choices: (value, label) pairs; a label is course text or InterfaceText.
    allowed: the values an answer may take (anything else: "Please answer this question.");
    checkboxes check their own choices.
    """

    widget: str
    label: str
    part: str | None = None
    choices: tuple = ()
    allowed: tuple = ()
    max_length: int | None = None
    too_long: str = ""  # interface words, shown when the text is longer than max_length


def entries(r, data: dict, where: tuple, key: str, fields: tuple) -> tuple:
    """Read a list of at least two entries with unique ids, as tuples of `fields` in order."""
    raw = data.get(key)
    if not isinstance(raw, list) or len(raw) < 2:
        r.error(where, f"this question needs a list of at least two '{key}'")
        return ()
    parsed, seen = [], set()
    for position, entry in enumerate(raw):
        spot = (*where, key, position)
        if not isinstance(entry, dict):
            r.error(spot, f"each entry needs {', '.join(fields)}")
            continue
        entry_id = str(entry.get("id", ""))
        if not ID.match(entry_id):
            r.error(spot, "each entry needs an 'id' of letters, digits or hyphens")
        elif entry_id in seen:
            r.error(spot, f"duplicate id '{entry_id}'")
        seen.add(entry_id)
        parsed.append((entry_id, *(r.text(entry, spot, name) for name in fields[1:])))
    return tuple(parsed)


def with_feedback(r, data: dict, where: tuple, fields: dict) -> dict:
    """Add the question's own feedback (`feedback: {correct, incorrect}`) to its fields."""
    correct, incorrect = r.feedback_pair(data, where)
    return {**fields, "feedback_correct": correct, "feedback_incorrect": incorrect}


def share_of_marks(right: int, total: int, partial_credit: bool) -> float:
    """The mark for `right` of `total` parts: all of it when every part is right, otherwise
    that share with `partial_credit`, or nothing."""
    if right == total:
        return 1.0
    return right / total if partial_credit else 0.0


def question_feedback(question, answer, correct: bool) -> tuple:
    """The question's one note: for a right answer, or for one that is not yet right."""
    return (question.feedback_correct if correct else question.feedback_incorrect,)


def no_other_answers(question, translated):
    """Answers are ids, the same in every language: the version shown adds nothing."""
    return question


def no_translation_gap(question, translated) -> str | None:
    return None
