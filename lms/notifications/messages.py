"""What each kind of notification says. The list shows only a neutral title; this text appears
once the member opens it, so a shared screen never shows the subject."""

from flask_babel import lazy_gettext as _l

NEUTRAL_TITLE = _l("New message")

MESSAGES = {
    "mentor_assigned": _l(
        "A mentor was added for you. You can see your mentors on the Mentors page."
    ),
    "learner_assigned": _l("A member was added to the people you mentor."),
    "mentor_change_requested": _l(
        "A member asked for a different mentor. Please look at the open requests."
    ),
    "mentor_change_resolved": _l(
        "Staff have looked at your request for a different mentor. Your mentors are on the Mentors page."
    ),
}
FALLBACK = _l("You have a message in Pathways.")


def message_text(kind: str, params: dict) -> str:
    """Return the translated body of a notification; unknown kinds get a neutral sentence."""
    template = MESSAGES.get(kind, FALLBACK)
    try:
        return str(template) % params if params else str(template)
    except (KeyError, TypeError, ValueError):
        return str(FALLBACK)
