"""Forms for invitations, staff work on members, support contacts and organisation settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from lms.accounts.names import clean
from lms.forms import OnceForm, plain_name
from lms.i18n import HTML_LANG, LANGUAGE_NAMES

ROLE_LABELS = {
    "learner": _l("Learner"),
    "mentor": _l("Mentor"),
    "staff": _l("Staff"),
    "admin": _l("Admin"),
}


def _strip(value):
    return clean(value) if isinstance(value, str) else value


class InviteForm(OnceForm):
    role = SelectField(_l("They will join as"), choices=[])
    label = StringField(
        _l("A note for staff (optional)"),
        description=_l(
            "Only staff see this, for example “Tuesday English group”. Do not write a full name."
        ),
        filters=[_strip],
        validators=[Optional(), Length(max=80)],
    )
    days = IntegerField(
        _l("Days until the invitation expires"),
        default=14,
        validators=[
            InputRequired(_l("Please give a number of days.")),
            NumberRange(1, 60, _l("Please choose between 1 and 60 days.")),
        ],
    )

    language = SelectField(
        _l("The language their joining page starts in"),
        description=_l("They can change it on that page, and later in their account."),
        choices=[],
        default="",  # the person's own browser decides
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


def language_choices() -> list[SelectChoice]:
    """ "Their browser's language", then each language named in its own words."""
    return [SelectChoice("", str(_l("The language of their phone or browser")))] + [
        SelectChoice(code, name, {"lang": HTML_LANG[code]}) for code, name in LANGUAGE_NAMES.items()
    ]


class AssignMentorForm(FlaskForm):
    mentor_id = SelectField(_l("Add a mentor"), coerce=int, choices=[])


class ChangeRoleForm(FlaskForm):
    role = SelectField(_l("Role in this organisation"), choices=[])


class MentorChangeRequestForm(OnceForm):
    mentor_id = SelectField(_l("Which mentor would you like to change?"), coerce=int, choices=[])


class SupportContactForm(OnceForm):
    name = StringField(
        _l("Name of the service or person"),
        filters=[_strip],
        validators=[DataRequired(_l("Please fill this in.")), Length(max=120), plain_name],
    )
    how_to_reach = StringField(
        _l("How to reach them"),
        description=_l("A phone number, a chat app name, or where to go."),
        filters=[_strip],
        validators=[DataRequired(_l("Please fill this in.")), Length(max=300)],
    )
    hours = StringField(
        _l("When they are open (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=120)],
    )
    notes = TextAreaField(
        _l("Notes (optional)"),
        description=_l("For example: which languages they speak, or that the call is free."),
        validators=[Optional(), Length(max=500)],
    )
    position = IntegerField(
        _l("Position in the list"),
        default=0,
        validators=[Optional(), NumberRange(0, 999, _l("Please use a number from 0 to 999."))],
    )


class OrganisationSettingsForm(FlaskForm):
    name = StringField(
        _l("Organisation name"),
        filters=[_strip],
        validators=[DataRequired(_l("Please fill this in.")), Length(max=120), plain_name],
    )
    is_discreet = BooleanField(
        _l("Discreet mode: show a neutral site name and icon to members"),
        description=_l("Helps members who share a phone with others."),
    )
    support_intro = TextAreaField(
        _l("Words at the top of the Support page (optional)"),
        validators=[Optional(), Length(max=1000)],
    )
    certificate_approval_required = BooleanField(
        _l("Staff approve each certificate before it is issued"),
    )
    certificate_issuer_name = StringField(
        _l("Issuer name printed on certificates (optional)"),
        description=_l(
            "A neutral name protects members: an anti-trafficking organisation's name can reveal "
            "that someone is a survivor."
        ),
        filters=[_strip],
        validators=[Optional(), Length(max=120), plain_name],
    )
    require_two_step = BooleanField(
        _l("Staff and admins sign in with a code from an authenticator app"),
        description=_l(
            "Two-step sign-in protects members' records if a staff password is guessed or seen. "
            "Staff without it are asked to set it up at their next sign-in."
        ),
    )
    checkin_retention_months = IntegerField(
        _l("Delete check-in answers after how many months"),
        description=_l("Summaries that members chose to keep stay. The default is 12."),
        validators=[
            InputRequired(_l("Please give a number of months.")),
            NumberRange(1, 60, _l("Please choose between 1 and 60 months.")),
        ],
    )
    support_escalation_hours = IntegerField(
        _l("Pass unanswered support requests to staff after how many hours"),
        validators=[
            InputRequired(_l("Please give a number of hours.")),
            NumberRange(1, 168, _l("Please choose between 1 and 168 hours.")),
        ],
    )


class NewOrganisationForm(FlaskForm):
    name = StringField(
        _l("Organisation name"),
        filters=[_strip],
        validators=[DataRequired(_l("Please fill this in.")), Length(max=120), plain_name],
    )
