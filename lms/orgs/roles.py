"""Who counts as what in an organisation, and which parts of the site that opens: the role
sets (defined once, in lms/rolenames.py) and the rules that read them. Route guards (`lms.orgs.context`), services, the access policy
and the main menu all read these, so "staff" or "may mentor" cannot mean one thing in one
place and another elsewhere. Pure: no Flask, no database."""

from dataclasses import dataclass
from functools import cache

# The role names and sets live in lms/rolenames.py (below accounts, which needs them for
# two-step sign-in); they are re-exported here, where features look for them.
from lms.rolenames import (  # noqa: F401 (re-exported)
    ADMIN,
    HELPER_ROLES,
    LEARNER,
    MENTOR,
    ROLES,
    STAFF,
    STAFF_ROLES,
)


def is_staff(role: str | None) -> bool:
    return role in STAFF_ROLES


def is_helper(role: str | None) -> bool:
    return role in HELPER_ROLES


@dataclass(frozen=True)
class Navigation:
    """What the main menu offers: ready-made flags, so templates show and never decide."""

    member: bool = False  # any role in the current organisation: courses, roles, goals…
    mentees: bool = False  # "People you mentor"
    stories_to_read: bool = False  # stories members shared for review
    staff: bool = False  # the staff area and story requests
    admin: bool = False  # organisation settings and the audit log
    platform: bool = False  # the platform administrator's list of organisations


@cache  # asked on every page; a handful of answers, each a frozen value shared by all
def navigation(role: str | None, is_platform_admin: bool = False) -> Navigation:
    """Return the menu for someone holding `role` in the current organisation (None: no
    membership) and, separately, whether they administer the platform."""
    if role not in ROLES:
        return Navigation(platform=is_platform_admin)
    return Navigation(
        member=True,
        # Only mentors get the menu link; staff reach the same page from the staff area.
        mentees=role == MENTOR,
        stories_to_read=role != LEARNER,
        staff=is_staff(role),
        admin=role == ADMIN,
        platform=is_platform_admin,
    )
