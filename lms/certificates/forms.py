"""Forms: choosing the printed name, staff issuing and revoking, and typing a code to verify."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    ValidationError,
)

from lms.accounts.forms import LANGUAGE_CHOICES  # each language named in its own words
from lms.accounts.names import PRINTED_NAME_MAX, check_display_name, clean
from lms.forms import choices, plain_name, rule_validator


class CertificateRequestForm(FlaskForm):
    course = HiddenField(validators=[DataRequired(_l("Please choose a course."))])
    name_choice = RadioField(
        _l("Which name should be printed?"),
        choices=[],
        validators=[InputRequired(_l("Please choose a name."))],
        validate_choice=False,
    )
    language = RadioField(
        _l("Which language should the certificate be in?"),
        choices=LANGUAGE_CHOICES,
        validators=[InputRequired(_l("Please choose a language."))],
    )
    other_name = StringField(
        _l("Another name (for example your legal name)"),
        description=_l(
            "Only if you chose “another name”. Think about who will see the certificate."
        ),
        filters=[lambda v: clean(v) if isinstance(v, str) else v],
        validators=[
            Length(max=PRINTED_NAME_MAX, message=_l("Please use %(max)d characters or fewer."))
        ],
    )

    def validate_other_name(self, field):
        if self.name_choice.data != "other":
            return
        if not field.data:
            raise ValidationError(_l("Please type the name to print."))
        plain_name(self, field)
        rule_validator(lambda value: check_display_name(value, PRINTED_NAME_MAX))(self, field)


class NameChangeForm(FlaskForm):
    name = StringField(
        _l("The name you would like printed instead"),
        filters=[lambda v: clean(v) if isinstance(v, str) else v],
        validators=[
            DataRequired(_l("Please type the name to print.")),
            Length(max=PRINTED_NAME_MAX, message=_l("Please use %(max)d characters or fewer.")),
            plain_name,
        ],
    )


class RevokeForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason (kept inside your organisation, never shown publicly)"),
        validators=[DataRequired(_l("Please give a short reason.")), Length(max=500)],
    )


class IssueAgainForm(FlaskForm):
    reason = TextAreaField(
        _l("Why it is issued again (kept inside your organisation)"),
        validators=[DataRequired(_l("Please give a short reason.")), Length(max=500)],
    )
    language = SelectField(_l("Language of the certificate"), choices=LANGUAGE_CHOICES)


class StaffIssueForm(FlaskForm):
    member = SelectField(_l("Member"), coerce=int, choices=[])
    kind = SelectField(
        _l("Kind"),
        choices=choices(
            [
                ("programme", _l("A programme of several courses")),
                ("role", _l("Training for an engagement role")),
            ]
        ),
    )
    title = StringField(
        _l("What the certificate is for"),
        validators=[DataRequired(_l("Please fill this in.")), Length(max=200)],
    )
    hours = IntegerField(
        _l("Hours of learning"),
        validators=[
            InputRequired(_l("Please give a number of hours.")),
            NumberRange(1, 2000, _l("Please choose between 1 and 2000 hours.")),
        ],
    )


class VerifyForm(FlaskForm):
    code = StringField(
        _l("Certificate code"),
        description=_l("It is printed at the bottom of the certificate."),
        validators=[
            DataRequired(_l("Please type the code.")),
            Length(max=40, message=_l("This code is too long. Please check it.")),
        ],
    )
