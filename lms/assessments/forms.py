"""A WTForms form built for one quiz: plain radio buttons, checkboxes, text and selects,
so every kind of question works without JavaScript."""

import random

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from lms.catalog.quizzes import Quiz
from lms.forms import choices

ANSWER_REQUIRED = _l("Please answer this question.")
CHOOSE = _l("Choose…")
SHORT_TEXT_MAX = 200


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


def build_quiz_form(quiz: Quiz, shown: Quiz, seed: str, formdata=None):
    """Return a form instance for `quiz` (the key), labelled with `shown` (its translation).

    `seed` keeps the shuffled order of matching answers and ordering items stable for a
    learner, so a re-shown form looks the same.
    """
    rng = random.Random(seed)  # noqa: S311 (a stable display order, not a secret)
    attrs = {"version": HiddenField()}
    for question in quiz.questions:
        text = shown.question(question.id) or question
        required = InputRequired(str(ANSWER_REQUIRED))
        if question.kind == "single_choice":
            ids = [o.id for o in question.options]
            attrs[field_name(question.id)] = RadioField(
                text.prompt,
                choices=choices((o.id, o.text) for o in text.options),
                validators=[required, AnyOf(ids, message=str(ANSWER_REQUIRED))],
                validate_choice=False,
            )
        elif question.kind == "true_false":
            attrs[field_name(question.id)] = RadioField(
                text.prompt,
                choices=choices([("true", _l("True")), ("false", _l("False"))]),
                validators=[required, AnyOf(["true", "false"], message=str(ANSWER_REQUIRED))],
                validate_choice=False,
            )
        elif question.kind == "multiple_choice":
            attrs[field_name(question.id)] = CheckboxesField(
                text.prompt,
                choices=choices((o.id, o.text) for o in text.options),
                validators=[_at_least_one],
            )
        elif question.kind == "short_text":
            attrs[field_name(question.id)] = StringField(
                text.prompt,
                validators=[
                    required,
                    Length(
                        max=SHORT_TEXT_MAX,
                        message=str(_l("Please keep your answer short (up to 200 characters).")),
                    ),
                ],
            )
        elif question.kind == "matching":
            rights = [(p[0], p[2]) for p in text.pairs]
            rng.shuffle(rights)
            for pair_id, left, _right in text.pairs:
                attrs[field_name(question.id, pair_id)] = SelectField(
                    left,
                    choices=choices([("", CHOOSE), *rights]),
                    validators=[
                        required,
                        AnyOf([p[0] for p in question.pairs], message=str(ANSWER_REQUIRED)),
                    ],
                    validate_choice=False,
                )
        elif question.kind == "ordering":
            items = list(text.items)
            rng.shuffle(items)
            positions = [(str(n), str(n)) for n in range(1, len(items) + 1)]
            for item_id, item_text in items:
                attrs[field_name(question.id, item_id)] = SelectField(
                    item_text,
                    choices=choices([("", CHOOSE), *positions]),
                    validators=[
                        required,
                        AnyOf([p for p, _ in positions], message=str(ANSWER_REQUIRED)),
                    ],
                    validate_choice=False,
                )
    form_class = type("QuizForm", (FlaskForm,), attrs)
    return form_class(formdata=formdata) if formdata is not None else form_class()


def question_fields(form, quiz: Quiz, shown: Quiz) -> list:
    """Return (question as shown, kind, [fields]) for the template, in quiz order."""
    rows = []
    for question in quiz.questions:
        text = shown.question(question.id) or question
        prefix = field_name(question.id)
        fields = [f for f in form if f.name == prefix or f.name.startswith(prefix + ".")]
        rows.append((text, question.kind, fields))
    return rows


def answers_from(form, quiz: Quiz) -> tuple[dict, dict]:
    """Return (answers for the grader, errors by question id) from a validated form."""
    answers, problems = {}, {}
    for question in quiz.questions:
        name = field_name(question.id)
        if question.kind == "single_choice" or question.kind == "short_text":
            answers[question.id] = form[name].data
        elif question.kind == "true_false":
            answers[question.id] = form[name].data == "true"
        elif question.kind == "multiple_choice":
            answers[question.id] = set(form[name].data)
        elif question.kind == "matching":
            answers[question.id] = {
                p[0]: form[field_name(question.id, p[0])].data for p in question.pairs
            }
        elif question.kind == "ordering":
            placed = {
                item[0]: int(form[field_name(question.id, item[0])].data) for item in question.items
            }
            if sorted(placed.values()) != list(range(1, len(placed) + 1)):
                problems[question.id] = str(_l("Please use each number once."))
                continue
            answers[question.id] = sorted(placed, key=placed.get)
    return answers, problems
