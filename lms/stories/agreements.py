"""The life of an agreement to use a story: pure rules, no Flask, no database.

requested → agreed or declined; agreed → withdrawn (by the member, at any time, no reason);
an agreed agreement past its end date is expired (not public, not usable). After a
withdrawal, staff confirm they took the story down elsewhere.
"""

from datetime import date

REQUESTED = "requested"
AGREED = "agreed"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"  # shown, never stored: an agreed agreement past its end date
STATUSES = (REQUESTED, AGREED, DECLINED, WITHDRAWN)

PURPOSES = ("newsletter", "funder_report", "talk", "journalist", "other")
NAME_CHOICES = ("none", "pseudonym", "real")
# A request is for one version's text, with or without that version's picture.
WITHOUT_PICTURE, WITH_PICTURE = "without", "with"
PICTURE_CHOICES = (WITHOUT_PICTURE, WITH_PICTURE)

MEMBER, STAFF = "member", "staff"

# (action, actor) -> statuses in which it may happen, and the status it leads to.
_TRANSITIONS = {
    ("agree", MEMBER): ((REQUESTED,), AGREED),
    ("decline", MEMBER): ((REQUESTED,), DECLINED),
    ("withdraw", MEMBER): ((REQUESTED, AGREED), WITHDRAWN),
    ("cancel", STAFF): ((REQUESTED,), WITHDRAWN),
}


class NotAllowed(ValueError):
    """The action cannot happen in this state, or not by this person."""


def shown_status(status: str, until: date, today: date) -> str:
    """Return the status as the member and staff read it (an agreement past its end is expired)."""
    if status == AGREED and today > until:
        return EXPIRED
    return status


def may(action: str, actor: str, status: str, until: date, today: date) -> bool:
    """Return whether `actor` may take `action` on an agreement in `status` today."""
    rule = _TRANSITIONS.get((action, actor))
    if rule is None:
        return False
    if action == "agree" and today > until:
        return False  # a request whose end date has passed can no longer be agreed
    return status in rule[0]


def next_status(action: str, actor: str, status: str, until: date, today: date) -> str:
    """Return the status after the action; raise NotAllowed when it may not happen."""
    if not may(action, actor, status, until, today):
        raise NotAllowed(f"{actor} may not {action} an agreement that is {status}")
    return _TRANSITIONS[(action, actor)][1]


def in_force(status: str, until: date, today: date) -> bool:
    """Return whether the agreement covers its version today: agreed and not past its end."""
    return shown_status(status, until, today) == AGREED


def is_public(status: str, until: date, today: date, public_page: bool) -> bool:
    """Return whether the story's public page on Pathways exists today."""
    return public_page and in_force(status, until, today)


def needs_takedown(status: str, was_agreed: bool, confirmed: bool) -> bool:
    """Return whether staff still have to confirm they took a withdrawn story down elsewhere."""
    return status == WITHDRAWN and was_agreed and not confirmed


def may_confirm_takedown(status: str, was_agreed: bool, confirmed: bool) -> bool:
    """Staff confirm a take-down once, and only for an agreement that was given and withdrawn."""
    return needs_takedown(status, was_agreed, confirmed)


def shown_name(choice: str, name: str | None) -> str | None:
    """Return the name printed with the story, or None when no name is shown."""
    if choice == "none" or not (name or "").strip():
        return None
    return name.strip()


def picture_problem(choice: str, version_has_picture: bool) -> str | None:
    """Return why a request's picture choice cannot be, or None: staff may ask for a picture
    only when the version they ask for has one; "without" is always possible."""
    if choice not in PICTURE_CHOICES:
        return "unknown"
    if choice == WITH_PICTURE and not version_has_picture:
        return "no_picture"
    return None


def shows_picture(asked_for_picture: bool, version_has_picture: bool) -> bool:
    """Return whether the agreed use includes the picture: only when the request asked for it
    (so the member saw it before agreeing) and the version has one."""
    return asked_for_picture and version_has_picture
