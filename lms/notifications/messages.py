"""What each kind of notification says. The list shows only a neutral title; this text appears
once the member opens it, so a shared screen never shows the subject."""

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "story_review_requested": _l(
        "A member you mentor asked you to read a story. Only you can see it, until they stop sharing."
    ),
    "story_comment_added": _l(
        "Your mentor commented on your story. You decide what to do with it."
    ),
    "story_use_requested": _l(
        "Staff asked to use one of your stories. Only you can agree, and saying no is fine."
    ),
    "story_use_agreed": _l("A member agreed to a request to use their story."),
    "story_use_declined": _l("A member said no to a request to use their story."),
    "story_use_withdrawn": _l(
        "A member withdrew their agreement to use a story. Please take it down everywhere now, "
        "then confirm on the request page."
    ),
    "story_takedown_confirmed": _l("Staff confirmed that your story was taken down everywhere."),
    "story_version_offered": _l(
        "A member offered a story that staff may ask to use. You can ask on the Stories page."
    ),
    "story_request_closed": _l(
        "A member stopped offering a story you asked to use, so your request was closed. "
        "Nothing more is needed."
    ),
    "mentor_assigned": _l(
        "A mentor was added for you. You can see your mentors on the Mentors page."
    ),
    "learner_assigned": _l("A member was added to the people you mentor."),
    "reset_not_me": _l(
        "A member said a password reset of their account was not them. They were signed out "
        "everywhere. Please look at the audit log and contact them in a safe way."
    ),
    "mentor_change_requested": _l(
        "A member asked for a different mentor. Please look at the open requests."
    ),
    "mentor_change_resolved": _l(
        "Staff have looked at your request for a different mentor. Your mentors are on the Mentors page."
    ),
    "support_requested": _l(
        "A member you mentor asked you to get in touch. Please contact them when you can."
    ),
    "support_escalated": _l(
        "A member asked for support and nobody has answered yet. Please look at the open requests."
    ),
    "role_conversation_requested": _l("A member you mentor asked for a conversation about a role."),
    "second_mentor_requested": _l(
        "A member asked for a second mentor's view on a role. Please arrange one."
    ),
    "role_conversation_recorded": _l(
        "Your mentor recorded your conversation about a role. You can read it on the role page."
    ),
    "role_confirmed": _l("Your role is confirmed. Thank you for helping others."),
    "role_review_soon": _l(
        "Your role review is coming up. If you like, you can do a new check-in first. It is your choice."
    ),
    "certificate_pending": _l("A certificate is waiting for your approval."),
    "certificate_ready": _l(
        "Your certificate is ready. You can download it on the Certificates page."
    ),
    "certificate_name_change": _l(
        "A member asked for a certificate to be printed with a different name."
    ),
    "goal_proposed": _l(
        "Your mentor suggested a goal. You can accept it, change it or say no. It is your choice."
    ),
    "goal_note_added": _l("Your mentor added a progress note to one of your goals."),
    "goal_accepted": _l("A member you mentor accepted a goal you suggested."),
    "goal_declined": _l(
        "A member you mentor said no to a goal you suggested. No reason is needed."
    ),
    "goal_note_by_learner": _l("A member you mentor added a progress note to a goal."),
    "mentor_note_added": _l("Your mentor wrote you a note. You can read it on the Mentors page."),
    "mentoring_ended": _l(
        "A member ended mentoring with one of their mentors. Please offer them someone else."
    ),
    "need_added": _l("A member you mentor told you about a need. Please look when you can."),
    "need_for_staff": _l(
        "A member told us about a need and has no mentor yet. Please look at it when you can."
    ),
    "need_learner_replied": _l("A member added a message to one of their needs."),
    "need_replied": _l("You have an answer about something you asked for. You can read it."),
    "need_referred": _l(
        "Your mentor passed on something you asked for to a service that may help. "
        "You can see exactly what was shared."
    ),
    "need_close_proposed": _l(
        "Someone asked if one of your needs is sorted. You decide if it closes."
    ),
    "need_kept_open": _l("A member would like to keep one of their needs open."),
}
FALLBACK = _l("You have a message in Pathways.")


def message_text(kind: str, params: dict) -> str:
    """Return the translated body of a notification; unknown kinds get a neutral sentence."""
    template = MESSAGES.get(kind, FALLBACK)
    try:
        return str(template) % params if params else str(template)
    except (KeyError, TypeError, ValueError):
        return str(FALLBACK)
