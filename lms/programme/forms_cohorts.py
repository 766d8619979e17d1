"""Forms for cohorts and printable invitation cards."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from lms.accounts.names import clean
from lms.forms import OnceForm, plain_name

from .cohorts import DESCRIPTION_MAX, NAME_MAX

MAX_CARDS = 30


def _strip(value):
    return clean(value) if isinstance(value, str) else value


def _trim(value):
    return value.strip() if isinstance(value, str) else value


class CohortForm(FlaskForm):
    name = StringField(
        _l("Name of the cohort"),
        description=_l("For example “Spring English group”."),
        filters=[_strip],
        validators=[
            DataRequired(_l("Please give the cohort a name.")),
            Length(max=NAME_MAX, message=_l("Please use %(max)d characters or fewer.")),
            plain_name,
        ],
    )
    description = TextAreaField(
        _l("About this cohort (optional)"),
        description=_l("Only staff see this. Do not write private details about members."),
        filters=[_trim],
        validators=[
            Optional(),
            Length(max=DESCRIPTION_MAX, message=_l("Please use %(max)d characters or fewer.")),
        ],
    )


class AddLearnerForm(FlaskForm):
    learner = SelectField(_l("Add a learner"), choices=[], validate_choice=False)


class AddMentorForm(FlaskForm):
    mentor = SelectField(_l("Add a mentor"), choices=[], validate_choice=False)


class WholeNumberField(IntegerField):
    """A number field whose "not a number" message is plain and kind (WTForms' is neither)."""

    def __init__(self, *args, not_a_number=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(self.not_a_number or error)) from error


class InvitationCardsForm(OnceForm):
    role = SelectField(_l("They will join as"), choices=[])
    count = WholeNumberField(
        _l("How many cards"),
        not_a_number=_l("Please give a number of cards, such as 5."),
        description=_l("Each card has its own code and works for one person."),
        default=1,
        validators=[
            InputRequired(_l("Please give a number of cards.")),
            NumberRange(1, MAX_CARDS, _l("Please choose between 1 and 30 cards.")),
        ],
    )
    days = WholeNumberField(
        _l("Days until the cards expire"),
        not_a_number=_l("Please give a number of days, such as 14."),
        default=14,
        validators=[
            InputRequired(_l("Please give a number of days.")),
            NumberRange(1, 60, _l("Please choose between 1 and 60 days.")),
        ],
    )
    language = SelectField(
        _l("The language printed on the cards"),
        description=_l("The joining page starts in it too. They can change it there."),
        choices=[],
        default="",
    )
    label = StringField(
        _l("A note for staff (optional)"),
        description=_l(
            "Only staff see this, for example “Tuesday English group”. Do not write a full name."
        ),
        filters=[_strip],
        validators=[Optional(), Length(max=80)],
    )
