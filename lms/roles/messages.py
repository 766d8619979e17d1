"""Plain words for each requirement message code and next step, translated when shown."""

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "course_done": _l("You completed the course “%(course)s”."),
    "course_needed": _l("Finish the course “%(course)s”."),
    "quiz_passed": _l("You passed the quiz of “%(course)s”."),
    "quiz_needed": _l("Pass the quiz of “%(course)s”. You can try as often as you like."),
    "checkin_needed": _l("A check-in in the last %(days)s days."),
    "checkin_talk": _l("Your recent check-in shows some areas to talk about first: %(domains)s."),
    "checkin_ready": _l("Your recent check-in shows you feel ready in the areas this role needs."),
    "endorsement_needed": _l(
        "A conversation with your mentor, who can then endorse you for this role."
    ),
    "endorsement_not_yet": _l("Your mentor said “not yet” for now, with what would help."),
    "endorsement_ended": _l(
        "Your mentor's endorsement has ended. A new conversation can renew it."
    ),
    "endorsed": _l("Your mentor endorsed you for this role."),
    "vetting_needed": _l(
        "Staff vetting: identity, references and an interview, to keep rescue work safe."
    ),
    "vetting_done": _l("Staff vetting is complete."),
    "adult_needed": _l("Say that you are 18 or older (no date of birth is asked)."),
    "adult_declared": _l("You said that you are 18 or older."),
    # Seen by someone the member does not share these with: "met" or "not met yet" only.
    "checkin_private": _l("A check-in this role asks for."),
    "course_private": _l("The course “%(course)s”, which this role asks for."),
    "quiz_private": _l("The quiz of “%(course)s”, which this role asks for."),
}
# The same facts for staff and mentors reading about a member: "you" would mean the reader.
ABOUT_MEMBER = {
    "course_done": _l("Completed the course “%(course)s”."),
    "course_needed": _l("The course “%(course)s” is not finished yet."),
    "quiz_passed": _l("Passed the quiz of “%(course)s”."),
    "quiz_needed": _l("The quiz of “%(course)s” is not passed yet."),
    "checkin_talk": _l("Their recent check-in shows some areas to talk about first: %(domains)s."),
    "checkin_ready": _l(
        "Their recent check-in shows they feel ready in the areas this role needs."
    ),
    "endorsement_needed": _l(
        "A conversation with their mentor, who can then endorse them for this role."
    ),
    "endorsement_not_yet": _l("Their mentor said “not yet” for now, with what would help."),
    "endorsement_ended": _l(
        "Their mentor's endorsement has ended. A new conversation can renew it."
    ),
    "endorsed": _l("Their mentor endorsed them for this role."),
    "adult_needed": _l("They have not said yet that they are 18 or older."),
    "adult_declared": _l("They said that they are 18 or older."),
}
ABOUT_MEMBER_STATUS = {"conversation": _l("A mentor conversation first")}
ABOUT_MEMBER_DOMAINS = {"choice": _l("their choice"), "story": _l("their story and boundaries")}
NEXT_STEPS = {
    "finish_course": _l("Go to the course"),
    "take_quiz": _l("Go to the quiz"),
    "take_checkin": _l("Do a check-in when you are ready"),
    "talk_with_mentor": _l("Talk with your mentor"),
    "ask_mentor": _l("Ask your mentor for a conversation"),
    "talk_or_second_mentor": _l("Talk it through, or ask for a second mentor's view"),
    "staff_vetting": _l("Staff will contact you to arrange this"),
    "declare_adult": _l("Say that you are 18 or older"),
}
STATUS_LABELS = {
    "met": _l("Done"),
    "not_yet": _l("Not yet"),
    "conversation": _l("Talk with your mentor first"),
}
PRIVATE_STATUS_LABELS = {"met": _l("Met"), "not_yet": _l("Not met yet")}
CATEGORY_LABELS = {
    "private": _l("Private: one to one"),
    "public": _l("Public: seen by others"),
    "operational": _l("Operational: with staff vetting"),
}
DOMAIN_LABELS = {
    "safety": _l("safety and stability now"),
    "support": _l("support around you"),
    "pacing": _l("wellbeing and pacing"),
    "choice": _l("your choice"),
    "story": _l("your story and boundaries"),
    "role": _l("readiness for the role"),
}


def message_text(code: str, params: dict, course_titles: dict, about_member: bool = False) -> str:
    """Return the translated sentence for a requirement message code: to the member, or
    (`about_member`) about them, for staff and mentors."""
    values = dict(params)
    domains = {**DOMAIN_LABELS, **ABOUT_MEMBER_DOMAINS} if about_member else DOMAIN_LABELS
    if "course" in values:
        values["course"] = course_titles.get(values["course"], values["course"])
    if "domains" in values:
        values["domains"] = ", ".join(str(domains.get(d, d)) for d in values["domains"])
    message = (ABOUT_MEMBER if about_member else {}).get(code, MESSAGES[code])
    return str(message) % values if values else str(message).replace("%%", "%")
