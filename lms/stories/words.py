"""Words for stories in the reader's language: neutral replacements, notes, purposes, steps."""

from flask_babel import lazy_gettext as _l

from . import details


def redaction_words() -> dict:
    """Return the neutral words that replace hidden passages, in the current language."""
    return {
        "private": str(_l("[something private]")),
        "name": str(_l("[a name]")),
        "place": str(_l("[a place]")),
        details.OWN_WORD: str(_l("[something private]")),
        details.NAME: str(_l("[a name]")),
        details.PHONE: str(_l("[a phone number]")),
        details.EMAIL: str(_l("[an email address]")),
        details.URL: str(_l("[a web address]")),
        details.DATE: str(_l("[a date]")),
        details.ID_NUMBER: str(_l("[a number]")),
    }


NOTE_LABELS = {
    details.OWN_WORD: _l("This is on your \u201cnever public\u201d list."),
    details.NAME: _l("This looks like a name. Could it identify someone?"),
    details.PHONE: _l("This looks like a phone number."),
    details.EMAIL: _l("This looks like an email address."),
    details.URL: _l("This looks like a web address."),
    details.DATE: _l("This looks like a date. Dates can identify people and places."),
    details.ID_NUMBER: _l("This looks like a passport or ID number."),
}

PURPOSE_LABELS = {
    "newsletter": _l("A newsletter"),
    "funder_report": _l("A report to a funder"),
    "talk": _l("A talk"),
    "journalist": _l("A journalist"),
    "other": _l("Something else"),
}

NAME_LABELS = {
    "none": _l("No name"),
    "pseudonym": _l("A name you choose"),
    "real": _l("Your real name"),
}

PICTURE_LABELS = {
    "without": _l("Without the picture"),
    "with": _l("With the picture"),
}

PICTURE_PROBLEMS = {
    "too_big": _l("This picture is bigger than 5 MB. Please choose a smaller one."),
    "wrong_type": _l("Please choose a photo (JPEG or PNG)."),
    "unreadable": _l("We could not open this picture. Please choose another file."),
    "too_many_pixels": _l(
        "This picture is very large (more than 40 megapixels). "
        "Please make it smaller, or choose another file."
    ),
}
CHOOSE_PICTURE_AGAIN = _l("Please choose the picture again: for your safety it was not kept.")
PICTURE_ALT = _l("The picture that goes with this story")

STATUS_LABELS = {
    "requested": _l("Waiting for your answer"),
    "agreed": _l("Agreed"),
    "declined": _l("Said no"),
    "withdrawn": _l("Withdrawn"),
    "expired": _l("Ended"),
}

LANGUAGE_LABELS = {"en": "English", "zh_Hans": "简体中文", "bn": "বাংলা"}

STEP_LABELS = {
    "story_use_requested": _l("Staff asked to use a story"),
    "story_use_agreed": _l("You agreed"),
    "story_use_declined": _l("You said no"),
    "story_use_withdrawn": _l("You withdrew your agreement"),
    "story_request_cancelled": _l("Staff cancelled the request"),
    "story_takedown_confirmed": _l("Staff confirmed they took the story down everywhere"),
    "story_request_closed_offer_stopped": _l(
        "The version was no longer offered, so the request was closed"
    ),
}
