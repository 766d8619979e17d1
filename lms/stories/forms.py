"""Forms for stories: writing, word lists, review, comments, requests and agreements."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from lms.forms import OnceForm, choices

from . import agreements
from .models import LANGUAGES
from .words import LANGUAGE_LABELS, NAME_LABELS, PICTURE_LABELS, PURPOSE_LABELS

FILL_IN = _l("Please fill this in.")
TOO_LONG = _l("Please use %(max)d characters or fewer.")


def _trim(value):
    return value.strip() if isinstance(value, str) else value


class StoryForm(OnceForm):
    title = StringField(
        _l("A title only you will see"),
        filters=[_trim],
        validators=[DataRequired(FILL_IN), Length(max=120, message=TOO_LONG)],
    )
    language = SelectField(
        _l("Language"), choices=choices((code, LANGUAGE_LABELS[code]) for code in LANGUAGES)
    )
    text = TextAreaField(
        _l("Your story"),
        filters=[_trim],
        validators=[DataRequired(FILL_IN), Length(max=50_000, message=TOO_LONG)],
        render_kw={"rows": 14},
    )
    picture = FileField(
        _l("A picture to go with your story (optional)"),
        description=_l(
            "A photo (JPEG or PNG), up to 5 MB. Pathways removes everything stored inside it "
            "(where and when it was taken, the camera). It is never public unless you agree."
        ),
        render_kw={"accept": "image/jpeg,image/png"},
    )
    remove_picture = BooleanField(_l("Remove the picture from the new version"))


class WordsForm(FlaskForm):
    words = TextAreaField(
        _l("Names and places, one on each line"),
        render_kw={"rows": 8},
        validators=[Length(max=10_000, message=TOO_LONG)],
    )


class ReviewForm(FlaskForm):
    mentor = SelectField(_l("Mentor"), coerce=int, validators=[InputRequired(FILL_IN)])


class CommentForm(OnceForm):
    quote = StringField(
        _l("The words you are commenting on (optional)"),
        filters=[_trim],
        validators=[Optional(), Length(max=300, message=TOO_LONG)],
    )
    body = TextAreaField(
        _l("Your comment"),
        filters=[_trim],
        validators=[DataRequired(FILL_IN), Length(max=3000, message=TOO_LONG)],
    )


class RequestForm(OnceForm):
    version = SelectField(
        _l("Which story version (offered by a member)"),
        coerce=int,
        validators=[InputRequired(FILL_IN)],
    )
    purpose = RadioField(
        _l("What it is for"),
        choices=choices((p, PURPOSE_LABELS[p]) for p in agreements.PURPOSES),
        validators=[InputRequired(FILL_IN)],
    )
    audience = StringField(
        _l("Who will read or hear it, and where"),
        filters=[_trim],
        validators=[DataRequired(FILL_IN), Length(max=200, message=TOO_LONG)],
    )
    until = DateField(
        _l("Until when (the last day)"),
        validators=[InputRequired(_l("Please give a date, like 2027-03-31."))],
    )
    name_choice = RadioField(
        _l("Name shown with the story"),
        choices=choices((n, NAME_LABELS[n]) for n in agreements.NAME_CHOICES),
        default="none",
        validators=[InputRequired(FILL_IN)],
    )
    picture = RadioField(
        _l("Picture"),
        choices=choices((p, PICTURE_LABELS[p]) for p in agreements.PICTURE_CHOICES),
        default=agreements.WITHOUT_PICTURE,
        validators=[InputRequired(FILL_IN)],
    )
    public_page = BooleanField(_l("Ask for a public page on Pathways"))

    def __init__(self, *args, today=None, with_picture=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._today = today
        self._with_picture = set(with_picture)  # the offered versions that have a picture

    def validate_until(self, field):
        if self._today is not None and field.data is not None and field.data < self._today:
            raise ValidationError(_l("Please choose a day from today on."))

    def validate_picture(self, field):
        has_picture = self.version.data in self._with_picture
        if agreements.picture_problem(field.data, has_picture) == "no_picture":
            raise ValidationError(
                _l("This version has no picture. Please choose “Without the picture”.")
            )


class AgreeForm(FlaskForm):
    shown_name = StringField(
        _l("The name shown with your story"),
        filters=[_trim],
        validators=[Optional(), Length(max=60, message=TOO_LONG)],
    )
    redact_details = BooleanField(
        _l("Also hide the details Pathways noted (phone numbers, dates, names...)"), default=True
    )
    allow_indexing = BooleanField(_l("Let search engines find the public page"))
