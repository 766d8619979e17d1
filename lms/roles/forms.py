"""Forms for mentor conversations, staff vetting and role settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from lms.forms import OnceForm, choices
from lms.timeutil import utcnow

from .messages import DOMAIN_LABELS


class ConversationForm(OnceForm):
    outcome = RadioField(
        _l("What did you agree?"),
        choices=choices(
            [
                ("endorse", _l("Endorse: ready for this role")),
                ("not_yet", _l("Not yet: with what would help")),
            ]
        ),
        validators=[InputRequired(_l("Please choose what you agreed."))],
        validate_choice=False,
    )
    until = DateField(
        _l("Endorsed until (optional)"),
        description=_l("For example, until the next review."),
        validators=[Optional()],
    )
    conditions = TextAreaField(
        _l("Conditions or support agreed (optional)"), validators=[Optional(), Length(max=1000)]
    )
    reasons = TextAreaField(
        _l("Reasons, in plain words (optional)"), validators=[Optional(), Length(max=1000)]
    )
    what_would_help = TextAreaField(
        _l("What would help next (optional)"), validators=[Optional(), Length(max=1000)]
    )
    agreed_domains = SelectMultipleField(
        _l("Areas you talked through and agreed are fine for this role"),
        choices=choices(DOMAIN_LABELS.items()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )

    def validate_outcome(self, field):
        if field.data not in ("endorse", "not_yet"):
            raise ValidationError(_l("Please choose what you agreed."))

    def validate_until(self, field):
        if field.data and field.data <= utcnow().date():
            raise ValidationError(_l("Please choose a date in the future."))


class VettingForm(FlaskForm):
    identity_checked = BooleanField(_l("Identity checked"))
    references_checked = BooleanField(_l("References checked"))
    interview_done = BooleanField(_l("Interview done"))
    adult_confirmed = BooleanField(_l("Confirmed 18 or older"))


class RoleSettingForm(FlaskForm):
    is_enabled = BooleanField(_l("Offer this role in our organisation"))
    review_months = IntegerField(
        _l("Review after how many months"),
        validators=[
            InputRequired(_l("Please give a number of months.")),
            NumberRange(1, 24, _l("Please choose between 1 and 24 months.")),
        ],
    )


class ExtraRequirementForm(FlaskForm):
    course = SelectField(_l("Also require this course"), choices=[])
