"""The one form of a lesson page: a button that records finished, skipped or saved."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, DataRequired


class ProgressForm(FlaskForm):
    event = HiddenField(validators=[DataRequired(), AnyOf(["finished", "skipped", "saved"])])
