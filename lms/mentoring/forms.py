"""Forms for goals, progress notes and mentor notes."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from lms.accounts.names import clean
from lms.forms import OnceForm, choices
from lms.timeutil import utcnow

from .goals import target_date_problem
from .messages import CATEGORY_LABELS, DATE_PROBLEMS, NOTE_PROBLEMS
from .notes import MAX_REASON, held_back_problems

TOO_LONG = _l("Please use %(max)d characters or fewer.")


def _strip(value):
    return clean(value) if isinstance(value, str) else value


class CheckboxesField(SelectMultipleField):
    """Ticked choices; a value that is not on the list gets a plain message."""

    def pre_validate(self, form):
        known = {choice.value for choice in self.choices}
        if any(value not in known for value in self.data or []):
            raise ValidationError(_l("Please choose from the list."))


def _checkboxes(label):
    return CheckboxesField(
        label,
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )


class _GoalFields(OnceForm):
    target_date = DateField(
        _l("Target date (optional)"),
        description=_l("A day to aim for. It can change later."),
        validators=[Optional()],
    )
    courses = _checkboxes(_l("Courses that help with it (optional)"))
    roles = _checkboxes(_l("Roles it leads to (optional)"))

    # The date the goal has now: it may stay even after it passed.
    previous_target_date = None

    def validate_target_date(self, field):
        problem = target_date_problem(field.data, utcnow().date(), self.previous_target_date)
        if problem:
            raise ValidationError(DATE_PROBLEMS[problem])


class GoalForm(_GoalFields):
    """The learner's own goal: new, or changed."""

    title = StringField(
        _l("Your goal, in your own words"),
        description=_l("For example: “Finish the English course” or “Speak at one meeting”."),
        filters=[_strip],
        validators=[
            DataRequired(_l("Please write your goal.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    shared_with_mentors = BooleanField(
        _l("Let my mentors see this goal"),
        description=_l("If you untick this, only you see it."),
        default=True,
    )


class ProposeGoalForm(_GoalFields):
    """A mentor suggests a goal; the learner decides."""

    title = StringField(
        _l("The goal, in plain words"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Please write the goal.")),
            Length(max=200, message=TOO_LONG),
        ],
    )


class GoalNoteForm(OnceForm):
    body = TextAreaField(
        _l("Progress note"),
        description=_l("What went well, what is next, or what would help."),
        validators=[
            DataRequired(_l("Please write the note.")),
            Length(max=2000, message=TOO_LONG),
        ],
    )


class MentorNoteForm(OnceForm):
    body = TextAreaField(
        _l("Your note"),
        description=_l("The member reads this note, unless you keep it back below."),
        validators=[
            DataRequired(_l("Please write the note.")),
            Length(max=4000, message=TOO_LONG),
        ],
    )
    held_back = BooleanField(
        _l("Keep this note from the learner (only for safeguarding)"),
        description=_l(
            "Only when reading it could put someone at risk. Staff can read it. "
            "The learner’s data export says that a note is kept back, and the kind of reason."
        ),
    )
    category = SelectField(
        _l("Why is it kept back?"),
        description=_l("Needed only when you keep the note back."),
        choices=choices([("", _l("Choose one")), *CATEGORY_LABELS.items()]),
        # Checked by the held-back rule below, which knows the categories.
        validate_choice=False,
    )
    reason = TextAreaField(
        _l("The reason, for staff"),
        description=_l(
            "Needed only when you keep the note back. Staff read this, the learner does not."
        ),
        validators=[Optional(), Length(max=MAX_REASON, message=TOO_LONG)],
    )

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        problems = held_back_problems(self.held_back.data, self.category.data, self.reason.data)
        for name, code in problems.items():
            if not self[name].errors:
                self[name].errors.append(NOTE_PROBLEMS[code])
        return valid and not problems
