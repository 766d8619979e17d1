"""A WTForms form built for one quiz: plain radio buttons, checkboxes, text and selects,
so every kind of question works without JavaScript.

Each kind says which fields it asks with (`ask`, a list of `lms.questions.base.Ask`) and how
to read the answer back (`read`); this module only turns those into WTForms fields.
"""

import random

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from lms.catalog.quizzes import Quiz
from lms.forms import OnceForm, choices
from lms.questions.base import AnswerProblem, Ask, InterfaceText
from lms.questions.registry import KINDS

ANSWER_REQUIRED = _l("Please answer this question.")
CHOOSE = _l("Choose…")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _at_least_one(form, field):
    if not field.data:
        raise StopValidation(str(ANSWER_REQUIRED))


def field_name(question_id: str, part: str | None = None) -> str:
    # Dots never occur in ids, so the question id can be read back from any field name.
    return f"q.{question_id}" + (f".{part}" if part else "")


def question_id_of(name: str) -> str | None:
    """Return the question id a submitted field name belongs to, or None for other fields."""
    parts = name.split(".")
    return parts[1] if len(parts) >= 2 and parts[0] == "q" else None


def _labelled(pairs) -> list:
    # Interface words (True, False) are translated; words from the quiz file already are.
    return choices(
        (value, _l(str(label)) if isinstance(label, InterfaceText) else label)
        for value, label in pairs
    )


def _required():
    return InputRequired(str(ANSWER_REQUIRED))


def _one_of(ask: Ask):
    return AnyOf(list(ask.allowed), message=str(ANSWER_REQUIRED))


def _radio(ask: Ask):
    return RadioField(
        ask.label,
        choices=_labelled(ask.choices),
        validators=[_required(), _one_of(ask)],
        validate_choice=False,
    )


def _checkboxes(ask: Ask):
    return CheckboxesField(ask.label, choices=_labelled(ask.choices), validators=[_at_least_one])


def _text(ask: Ask):
    return StringField(
        ask.label,
        validators=[_required(), Length(max=ask.max_length, message=str(_l(ask.too_long)))],
    )


def _select(ask: Ask):
    return SelectField(
        ask.label,
        choices=_labelled([("", CHOOSE), *ask.choices]),
        validators=[_required(), _one_of(ask)],
        validate_choice=False,
    )


WIDGETS = {"radio": _radio, "checkboxes": _checkboxes, "text": _text, "select": _select}


def build_quiz_form(quiz: Quiz, shown: Quiz, seed: str, formdata=None):
    """Return a form instance for `quiz` (the key), labelled with `shown` (its translation).

    `seed` keeps the shuffled order of matching answers and ordering items stable for a
    learner, so a re-shown form looks the same.
    """
    rng = random.Random(seed)  # noqa: S311 (a stable display order, not a secret)
    attrs = {"version": HiddenField()}
    for question in quiz.questions:
        text = shown.question(question.id) or question
        for ask in KINDS[question.kind].ask(question, text, rng):
            attrs[field_name(question.id, ask.part)] = WIDGETS[ask.widget](ask)
    form_class = type("QuizForm", (OnceForm,), attrs)
    return form_class(formdata=formdata) if formdata is not None else form_class()


def _fields_of(form, question_id: str) -> list:
    prefix = field_name(question_id)
    return [f for f in form if f.name == prefix or f.name.startswith(prefix + ".")]


def question_fields(form, quiz: Quiz, shown: Quiz) -> list:
    """Return (question as shown, its kind's partial template, [fields]) in quiz order."""
    rows = []
    for question in quiz.questions:
        text = shown.question(question.id) or question
        rows.append((text, KINDS[question.kind].TEMPLATE, _fields_of(form, question.id)))
    return rows


def answers_from(form, quiz: Quiz) -> tuple[dict, dict]:
    """Return (answers for the grader, errors by question id) from a validated form."""
    answers, problems = {}, {}
    for question in quiz.questions:
        prefix = field_name(question.id)
        # By part: None for the question's one field, else the line's id after the prefix.
        values = {f.name[len(prefix) + 1 :] or None: f.data for f in _fields_of(form, question.id)}
        try:
            answers[question.id] = KINDS[question.kind].read(question, values)
        except AnswerProblem as problem:
            problems[question.id] = str(_l(str(problem)))
    return answers, problems
