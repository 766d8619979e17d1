"""Forms for signing in, joining from an invitation, and managing one's own account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional
from wtforms.validators import Email as EmailFormat

from lms.forms import rule_validator
from lms.i18n import HTML_LANG, LANGUAGE_NAMES

from .names import check_display_name, check_username
from .passwords import PASSWORD_MAX, check_password

# Each language is offered in its own script and marked with its language for screen readers.
LANGUAGE_CHOICES = [
    SelectChoice(code, name, {"lang": HTML_LANG[code]}) for code, name in LANGUAGE_NAMES.items()
]


def _new_password_validator(form, field):
    # Forms without a username field get it from the view as `username_for_rules`.
    username = getattr(form, "username_for_rules", None)
    if username is None and "username" in form:
        username = form.username.data
    rule_validator(lambda value: check_password(value, username or ""))(form, field)


class SignInForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(_l("Please type your username."))]
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Please type your password.")), Length(max=PASSWORD_MAX)],
    )


class InvitationCodeForm(FlaskForm):
    code = StringField(
        _l("Invitation code"),
        description=_l("The code you were given, for example K7QM-RT4X-9CHD."),
        validators=[
            DataRequired(_l("Please type the invitation code.")),
            Length(max=40, message=_l("This code is too long. Please check it.")),
        ],
    )


class JoinForm(FlaskForm):
    code = HiddenField(validators=[DataRequired(), Length(max=40)])
    username = StringField(
        _l("Username"),
        description=_l(
            "The name you sign in with. It can be a made-up name. Others in your group may see it."
        ),
        validators=[rule_validator(check_username)],
    )
    display_name = StringField(
        _l("Name to show"),
        description=_l("What mentors and staff call you. It can be a made-up name too."),
        validators=[rule_validator(check_display_name)],
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. A few words together are easy to remember."),
        validators=[_new_password_validator],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same."))],
    )
    email = EmailField(
        _l("Email (optional)"),
        description=_l("You do not need an email. Leave this empty if you prefer."),
        validators=[
            Optional(),
            Length(max=254),
            EmailFormat(message=_l("This does not look like an email address.")),
        ],
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Name to show"), validators=[rule_validator(check_display_name)])
    email = EmailField(
        _l("Email (optional)"),
        validators=[
            Optional(),
            Length(max=254),
            EmailFormat(message=_l("This does not look like an email address.")),
        ],
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Your current password"),
        validators=[DataRequired(_l("Please type your current password."))],
    )
    password = PasswordField(_l("New password"), validators=[_new_password_validator])
    confirm = PasswordField(
        _l("Type the new password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class ResetWithCodeForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(_l("Please type your username."))]
    )
    code = StringField(
        _l("Reset code"),
        description=_l("The code a staff member gave you."),
        validators=[DataRequired(_l("Please type the reset code.")), Length(max=40)],
    )
    password = PasswordField(_l("New password"), validators=[_new_password_validator])
    confirm = PasswordField(
        _l("Type the new password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Please type your password."))]
    )
    understood = BooleanField(
        _l("I understand that my account and my learning records will be deleted."),
        validators=[DataRequired(_l("Please tick this box if you want to delete your account."))],
    )


class TwoStepCodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        description=_l(
            "The 6-digit code from your authenticator app, or one of your recovery codes."
        ),
        validators=[
            DataRequired(_l("Please type the code.")),
            Length(max=20, message=_l("This code is too long. Please check it.")),
        ],
    )


class TwoStepSetupForm(FlaskForm):
    # Asked again so that someone holding an unattended session cannot lock the owner out.
    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Please type your password."))]
    )
    code = StringField(
        _l("Code from the app"),
        description=_l("Type the 6 digits the app shows now for Pathways."),
        validators=[
            DataRequired(_l("Please type the code.")),
            Length(max=20, message=_l("This code is too long. Please check it.")),
        ],
    )


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Please type your password."))]
    )
