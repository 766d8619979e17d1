"""Plain words for each kind of information, as the member reads them in "Who has seen my
information". Earlier records used "role_record", kept so they still read well."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "progress": _l("your learning progress"),
    "quiz_results": _l("your quiz results"),
    "checkin_done": _l("whether you did a check-in"),
    "checkin_summary": _l("a check-in summary"),
    "checkin_answers": _l("check-in answers"),
    "role_requirements": _l("your role records"),
    "goals": _l("your goals"),
    "needs": _l("your needs and requests"),
    "mentor_notes": _l("notes about you"),
    "support_requests": _l("your requests for support"),
    "certificates": _l("your certificates"),
    "export": _l("an export of your information"),
    "role_record": _l("your role records"),
    "story_draft": _l("a draft of your story"),
    "story_agreed": _l("a story you agreed to share"),
}

# A viewer's role, as it follows their name: "Mai (mentor)".
VIEWER_ROLES = {
    "learner": _l("learner"),
    "mentor": _l("mentor"),
    "staff": _l("staff"),
    "admin": _l("admin"),
}

# Each sharing choice a member makes for one mentor, in the member's words.
CHOICE_LABELS = {
    "progress": _l("your learning progress"),
    "checkin_summaries": _l("summaries of your check-ins"),
    "checkin_answers": _l("your check-in answers"),
}
