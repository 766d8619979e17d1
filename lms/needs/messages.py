"""Words for needs: kinds, urgency and status, as the learner and their helpers read them."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "english_tutoring": _l("English tutoring"),
    "legal_advice": _l("Legal advice"),
    "housing": _l("Housing"),
    "phone_data": _l("A phone or mobile data"),
    "someone_to_talk_to": _l("Someone to talk to"),
    "other": _l("Something else"),
    "support": _l("Support after a check-in"),
}

URGENCY_LABELS = {
    "today": _l("Today"),
    "soon": _l("In the next few days"),
    "no_rush": _l("No rush"),
}

STATUS_LABELS = {
    "open": _l("Waiting for an answer"),
    "answered": _l("Answered"),
    "closed": _l("Closed"),
}

SUMMARY_PROBLEMS = {
    "summary_missing": _l(
        "Please write a short summary to share, or untick the box if you prefer not to share."
    ),
    "summary_too_long": _l("Please use %(max)d characters or fewer."),
}
