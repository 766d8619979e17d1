"""Options, shared by the choice kinds (single_choice, multiple_choice). Pure."""

from dataclasses import dataclass

from .base import ID, Ask


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False
    feedback: str = ""


def parse_options(r, data: dict, where: tuple, single: bool) -> dict:
    """Read `options`; each has its own feedback, so the question has none of its own."""
    options = data.get("options")
    if not isinstance(options, list) or len(options) < 2:
        r.error(where, "a choice question needs a list of at least two 'options'")
        return {}
    parsed, seen = [], set()
    for position, raw in enumerate(options):
        spot = (*where, "options", position)
        if not isinstance(raw, dict):
            r.error(spot, "each option needs 'id', 'text' and 'feedback'")
            continue
        option_id = str(raw.get("id", ""))
        if not ID.match(option_id):
            r.error(spot, "each option needs an 'id' of letters, digits or hyphens")
        elif option_id in seen:
            r.error(spot, f"duplicate option id '{option_id}'")
        seen.add(option_id)
        correct = raw.get("correct", False)
        if not isinstance(correct, bool):
            r.error((*spot, "correct"), "'correct' must be true or false")
        parsed.append(
            Option(
                option_id, r.text(raw, spot, "text"), correct is True, r.text(raw, spot, "feedback")
            )
        )
    right = sum(1 for o in parsed if o.correct)
    if right == 0:
        r.error(where, "no option is marked 'correct: true'")
    elif single and right > 1:
        r.error(where, "a single_choice question has exactly one correct option")
    return {"options": tuple(parsed)}


def shape(question) -> tuple:
    """What a translation keeps: the option ids and which are correct."""
    return tuple((o.id, o.correct) for o in question.options)


def chosen_feedback(question, answer, correct: bool) -> tuple:
    """The note of each option chosen, in the order the options come.

    `answer` may also come back from a stored attempt (a list, or one id), so any shape is
    read as the ids it holds.
    """
    chosen = set(answer) if isinstance(answer, list | set | tuple) else {answer}
    return tuple(o.feedback for o in question.options if o.id in chosen)


def ask(widget: str, question, text) -> list:
    """One field listing the options as shown, accepting the ids of the quiz's options."""
    return [
        Ask(
            widget,
            text.prompt,
            choices=tuple((o.id, o.text) for o in text.options),
            allowed=tuple(o.id for o in question.options),
        )
    ]
