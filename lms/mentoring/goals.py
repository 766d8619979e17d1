"""Who may do what to a goal in which status, and when a target date is fine. Pure rules.

A goal is the learner's own. Either side may suggest one, but only the learner accepts,
changes, declines, finishes or archives it; mentors suggest goals and add progress notes.
"""

from datetime import date

LEARNER = "learner"
MENTOR = "mentor"

PROPOSED, ACTIVE, DONE, DECLINED, ARCHIVED = "proposed", "active", "done", "declined", "archived"

# Learner actions that move a goal from one status to another: {action: {from: to}}.
TRANSITIONS = {
    "accept": {PROPOSED: ACTIVE},
    "decline": {PROPOSED: DECLINED},
    "done": {ACTIVE: DONE},
    # The learner can put a goal away at any time, whatever its status.
    "archive": {status: ARCHIVED for status in (PROPOSED, ACTIVE, DONE, DECLINED)},
    # ...and take it up again: changing one's mind is always fine.
    "restore": {status: ACTIVE for status in (DONE, DECLINED, ARCHIVED)},
}
# Progress notes belong to goals someone is working on (or just finished).
NOTE_STATUSES = frozenset({PROPOSED, ACTIVE, DONE})
# A mentor sees a shared goal while it is live; closed ones only as a count.
OPEN_STATUSES = (PROPOSED, ACTIVE, DONE)
MAX_YEARS_AHEAD = 5


class GoalRuleError(ValueError):
    """Raised when an action is not possible for this person or in this status."""


def initial_status(written_by: str) -> str:
    """Return the status of a new goal: the learner's own is active, a mentor's is a suggestion."""
    return ACTIVE if written_by == LEARNER else PROPOSED


def may(action: str, who: str, status: str, shared_with_mentors: bool = True) -> bool:
    """Return True when `who` ("learner" or "mentor") may do `action` to a goal in `status`.

    Actions: accept, decline, done, archive, restore, edit, note. Deny by default.
    """
    if who == LEARNER:
        if action in TRANSITIONS:
            return status in TRANSITIONS[action]
        if action == "edit":
            return status != ARCHIVED
        if action == "note":
            return status in NOTE_STATUSES
        return False
    if who == MENTOR:
        # Mentors never decide for the learner: only a note, and only on what is shared.
        return action == "note" and shared_with_mentors and status in NOTE_STATUSES
    return False


def allowed_actions(who: str, status: str, shared_with_mentors: bool = True) -> frozenset:
    """Return every action `who` may take on a goal in `status` (for showing buttons)."""
    actions = (*TRANSITIONS, "edit", "note")
    return frozenset(a for a in actions if may(a, who, status, shared_with_mentors))


def next_status(action: str, status: str) -> str:
    """Return the status after the learner's `action`; raise GoalRuleError if it cannot happen."""
    try:
        return TRANSITIONS[action][status]
    except KeyError:
        raise GoalRuleError(f"cannot {action} a goal that is {status}") from None


def may_change_sharing(written_by_learner: bool) -> bool:
    """Return True when the learner chooses who sees the goal: for goals they wrote.

    A goal a mentor suggested was shared with mentors from the start.
    """
    return written_by_learner


def latest_target(today: date) -> date:
    """Return the furthest target date allowed: five years from today (28 February for a 29th)."""
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def target_date_problem(
    value: date | None, today: date, previous: date | None = None
) -> str | None:
    """Return a message code when a target date is not possible, else None.

    Codes: "in_past" (before today), "too_far" (more than five years ahead). A date is
    optional, and a date the goal already had is kept as it is, even once it has passed,
    so changing a goal's words never forces a new date.
    """
    if value is None or value == previous:
        return None
    if value < today:
        return "in_past"
    if value > latest_target(today):
        return "too_far"
    return None
