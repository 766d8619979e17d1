"""short_text: type a word or a few; any of the accepted answers is right. Pure.

In a quiz file: `accepted: [help, ...]` and `feedback: {correct, incorrect}`. A translation
lists the answers in its own language; a learner who read it may type those or the original's.
Answer: the text typed.
"""

import unicodedata
from dataclasses import replace

from . import base

NAME = "short_text"
TEMPLATE = "assessments/kinds/short_text.html"
MAX_LENGTH = 200  # also the input's maxlength in the template


def parse(r, data: dict, where: tuple) -> dict:
    accepted = data.get("accepted")
    if (
        not isinstance(accepted, list)
        or not accepted
        or not all(isinstance(a, str | int) and str(a).strip() for a in accepted)
    ):
        r.error(
            where,
            "a short_text question needs a list of 'accepted' answers (no correct answer given)",
        )
        return base.with_feedback(r, data, where, {"accepted": ()})
    return base.with_feedback(r, data, where, {"accepted": tuple(str(a) for a in accepted)})


def shape(question) -> tuple:
    # The accepted answers are words, so each language has its own.
    return ()


def normalise_text(text: str) -> str:
    """Fold case, widths (full-width forms) and Unicode forms, and collapse spaces."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(folded.replace("\u3000", " ").split()).strip(" .。!！?？")


def grade(question, answer) -> float:
    given = normalise_text(answer)
    right = given != "" and given in {normalise_text(a) for a in question.accepted}
    return 1.0 if right else 0.0


feedback = base.question_feedback


def also_accept(question, translated):
    """Accept the answers of the version shown as well as the original's.

    A learner who read the quiz in Chinese types 受害者; one who knows the English word types
    that. Both are right.
    """
    extra = tuple(a for a in translated.accepted if a not in question.accepted)
    return replace(question, accepted=question.accepted + extra)


def translation_gap(question, translated) -> str | None:
    """A translation that accepts fewer answers may have lost one."""
    if len(translated.accepted) < len(question.accepted):
        return (
            f"question '{question.id}' accepts {len(translated.accepted)} answer(s); "
            f"the English question accepts {len(question.accepted)}: is one missing?"
        )
    return None


def ask(question, text, rng) -> list:
    return [
        base.Ask(
            "text",
            text.prompt,
            max_length=MAX_LENGTH,
            too_long=base.N_("Please keep your answer short (up to 200 characters)."),
        )
    ]


def read(question, values: dict):
    return values[None]
