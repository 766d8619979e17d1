"""Forms: what a badge shows (name, title), and a credential to check."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileSize
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from lms.forms import choices

# A real credential is a few kilobytes; anything far larger is not one.
MAX_CREDENTIAL = 64 * 1024


class BadgeForm(FlaskForm):
    title_choice = RadioField(
        _l("Which title should the badge show?"),
        choices=choices(
            [
                ("public", _l("The general title (recommended)")),
                ("full", _l("The full course title")),
            ]
        ),
        default="public",
        validators=[InputRequired(_l("Please choose a title."))],
    )
    include_name = BooleanField(_l("Put my printed name in the badge"), default=False)


class VerifyCredentialForm(FlaskForm):
    upload = FileField(
        _l("Choose the badge file"),
        validators=[FileSize(MAX_CREDENTIAL, message=_l("This file is too big to be a badge."))],
    )
    pasted = TextAreaField(
        _l("Or paste the badge text here"),
        validators=[Length(max=MAX_CREDENTIAL, message=_l("This text is too long to be a badge."))],
    )

    def validate_pasted(self, field):
        if not (field.data or "").strip() and not self.upload.data:
            raise ValidationError(_l("Please choose a badge file or paste the badge text."))

    def credential_text(self) -> str | None:
        """Return the submitted text, or None when the file is not UTF-8 text."""
        if self.upload.data:
            try:
                return self.upload.data.read(MAX_CREDENTIAL + 1).decode("utf-8")
            except UnicodeDecodeError:
                return None
        return self.pasted.data
