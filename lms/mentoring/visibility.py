"""When a gentle "check in?" cue is shown, and who reads a mentor note. Pure rules.

What a mentor may see of a learner at all is `lms.access.policy`."""

from datetime import datetime, timedelta

QUIET_DAYS = 14


def suggest_check_in(last_activity: datetime | None, now: datetime, days: int = QUIET_DAYS) -> bool:
    """Return True when a learner has been quiet for a while: a cue to the mentor, never a flag on the person."""
    return last_activity is None or last_activity < now - timedelta(days=days)


def may_read_note(reader: str, held_back: bool, is_author: bool = False) -> bool:
    """Return True when `reader` ("learner", "mentor" or "staff") may read a mentor note.

    The learner reads every note that is not kept back. A note kept back for
    safeguarding is read by staff and by the mentor who wrote it, never by the learner
    or by other mentors.
    """
    if reader == "learner":
        return not held_back
    if reader == "mentor":
        return not held_back or is_author
    return reader == "staff"
