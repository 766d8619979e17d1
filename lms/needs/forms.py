"""Forms for needs: the learner's request, replies, a referral."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from lms.accounts.names import clean
from lms.forms import OnceForm, choices

from .messages import KIND_LABELS, SUMMARY_PROBLEMS, URGENCY_LABELS
from .rules import (
    DEFAULT_URGENCY,
    MAX_DETAILS,
    MAX_REPLY,
    MAX_SERVICE,
    MAX_SUMMARY,
    NEED_KINDS,
    URGENCIES,
    summary_problem,
)

TOO_LONG = _l("Please use %(max)d characters or fewer.")


def _strip(value):
    return clean(value) if isinstance(value, str) else value


def _trim(value):
    """Keep the lines someone wrote; remove only spaces around the whole text."""
    return value.strip() if isinstance(value, str) else value


def _share_field():
    return BooleanField(
        _l(
            "If someone outside Pathways could help (such as a legal clinic), "
            "my mentor may share a short summary with them"
        ),
    )


def _summary_field():
    return TextAreaField(
        _l("The summary they may share (only if you ticked the box)"),
        description=_l("Only these words are shared, nothing else. You can leave out names."),
        filters=[_trim],
    )


def _check_summary(form, field):
    problem = summary_problem(bool(form.share_with_services.data), field.data)
    if problem:
        raise ValidationError(str(SUMMARY_PROBLEMS[problem]) % {"max": MAX_SUMMARY})


class NeedForm(OnceForm):
    kind = RadioField(
        _l("What do you need?"),
        choices=choices((kind, KIND_LABELS[kind]) for kind in NEED_KINDS),
        validators=[
            DataRequired(_l("Please choose what you need.")),
            AnyOf(NEED_KINDS, message=_l("Please choose one of the answers shown.")),
        ],
        validate_choice=False,
    )
    urgency = RadioField(
        _l("How soon does it matter?"),
        choices=choices((u, URGENCY_LABELS[u]) for u in URGENCIES),
        default=DEFAULT_URGENCY,
        validators=[
            DataRequired(_l("Please choose how soon it matters.")),
            AnyOf(URGENCIES, message=_l("Please choose one of the answers shown.")),
        ],
        validate_choice=False,
    )
    details = TextAreaField(
        _l("Anything you want to add (optional)"),
        description=_l("Write only what you are comfortable sharing."),
        filters=[_trim],
        validators=[Length(max=MAX_DETAILS, message=TOO_LONG)],
    )
    share_with_services = _share_field()
    shareable_summary = _summary_field()

    def validate_shareable_summary(self, field):
        _check_summary(self, field)


class SharingForm(FlaskForm):
    """The learner changes, on a need, what may be shared outside Pathways."""

    share_with_services = _share_field()
    shareable_summary = _summary_field()

    def validate_shareable_summary(self, field):
        _check_summary(self, field)


class ReplyForm(OnceForm):
    body = TextAreaField(
        _l("Your message"),
        filters=[_trim],
        validators=[
            DataRequired(_l("Please write a message.")),
            Length(max=MAX_REPLY, message=TOO_LONG),
        ],
    )


class ReferForm(FlaskForm):
    service = StringField(
        _l("Name of the service"),
        description=_l("For example: a legal clinic or a housing project."),
        filters=[_strip],
        validators=[
            DataRequired(_l("Please write the name of the service.")),
            Length(max=MAX_SERVICE, message=TOO_LONG),
        ],
    )
