"""The check-in form: every item optional, with 'prefer not to say', built from the file."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.validators import AnyOf, Optional

from lms.forms import choices

from .rules import PREFER_NOT, CheckinDefinition

PREFER_NOT_LABEL = _l("I prefer not to say")


def field_name(item_id: str) -> str:
    return f"item.{item_id}"


def build_checkin_form(
    definition: CheckinDefinition, shown: CheckinDefinition, answers: dict, formdata=None
):
    """Return a form for the check-in, filled with the draft's answers when first shown."""
    attrs = {}
    values = [str(v) for v, _ in definition.scale] + [PREFER_NOT]
    labels = dict(shown.scale)
    for item in definition.items:
        text = next((i.text for i in shown.items if i.id == item.id), item.text)
        attrs[field_name(item.id)] = RadioField(
            text,
            choices=choices(
                [(str(v), labels.get(v, str(v))) for v, _ in definition.scale]
                + [(PREFER_NOT, PREFER_NOT_LABEL)]
            ),
            validators=[
                Optional(),
                AnyOf(values, message=str(_l("Please choose one of the answers shown."))),
            ],
            validate_choice=False,
        )
    form_class = type("CheckinForm", (FlaskForm,), attrs)
    if formdata is not None:
        return form_class(formdata=formdata)
    data = {field_name(k): str(v) for k, v in (answers or {}).items()}
    return form_class(formdata=None, data=data)


def answers_from(form, definition: CheckinDefinition) -> dict:
    answers = {}
    for item in definition.items:
        value = form[field_name(item.id)].data
        if value == PREFER_NOT:
            answers[item.id] = PREFER_NOT
        elif value not in (None, "", "None"):
            answers[item.id] = int(value)
    return answers


class SharingForm(FlaskForm):
    """One set of three checkboxes per mentor, named by the mentor's id."""


def sharing_form(mentor_ids: list[int], formdata=None, data=None):
    attrs = {}
    for mentor_id in mentor_ids:
        attrs[f"progress_{mentor_id}"] = BooleanField(_l("Course progress and learning activity"))
        attrs[f"summaries_{mentor_id}"] = BooleanField(_l("Summaries of my check-ins"))
        attrs[f"answers_{mentor_id}"] = BooleanField(_l("My check-in answers"))
    form_class = type("SharingForm", (SharingForm,), attrs)
    return (
        form_class(formdata=formdata)
        if formdata is not None
        else form_class(formdata=None, data=data)
    )
