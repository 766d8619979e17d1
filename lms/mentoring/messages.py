"""What goal statuses, rule problems and safeguarding categories say on screen."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "proposed": _l("Waiting for an answer"),
    "active": _l("Active"),
    "done": _l("Done"),
    "declined": _l("Declined"),
    "archived": _l("Archived"),
}

DATE_PROBLEMS = {
    "in_past": _l("Please choose today or a date in the future."),
    "too_far": _l("Please choose a date within the next 5 years."),
}

# For the mentor writing the note and the staff reading it.
CATEGORY_LABELS = {
    "harm_to_learner": _l("Risk of harm to the learner"),
    "harm_to_others": _l("Risk of harm to someone else"),
    "safeguarding_report": _l("A report to a safeguarding lead or the authorities"),
    "other_safeguarding": _l("Another safeguarding reason"),
}

NOTE_PROBLEMS = {
    "category_needed": _l("Please choose why this note is kept from the learner."),
    "reason_needed": _l("Please say why, for staff. The learner will not read this."),
    "reason_too_long": _l("Please use 2000 characters or fewer."),
}
