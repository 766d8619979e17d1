"""Needs and requests: kinds, urgency, when an unanswered need reaches staff, who may move a
need from one status to another, and what a referral may carry. Pure rules, no Flask.

A need is the learner's own. Mentors and staff answer it (a reply), refer it to an outside
service, and ask whether it can be closed; only the learner closes it (agreeing to the
proposal, or on their own at any time). A referral carries only the summary the learner
wrote and agreed to share: never their details.
"""

from datetime import datetime, timedelta

# What a learner can ask for. "support" is the kind a check-in's "let my mentor know" makes.
NEED_KINDS = (
    "english_tutoring",
    "legal_advice",
    "housing",
    "phone_data",
    "someone_to_talk_to",
    "other",
)
SUPPORT = "support"
ALL_KINDS = (*NEED_KINDS, SUPPORT)

TODAY, SOON, NO_RUSH = "today", "soon", "no_rush"
URGENCIES = (TODAY, SOON, NO_RUSH)
DEFAULT_URGENCY = SOON

OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
LIVE_STATUSES = (OPEN, ANSWERED)

MAX_DETAILS = 1000
MAX_SUMMARY = 500
MAX_REPLY = 2000
MAX_SERVICE = 200

# "today" reaches staff within at most this many hours, however long the organisation waits.
TODAY_MAX_HOURS = 4
# "no rush" waits twice the organisation's time, but never longer than a week.
NO_RUSH_MAX_HOURS = 168


def escalation_hours(urgency: str, org_hours: int) -> int:
    """Return how many hours an unanswered need waits before staff are told.

    - "today": the organisation's hours, but at most 4 (someone needs help now);
    - "soon" (and any unknown urgency): the organisation's hours, as for check-in support;
    - "no_rush": twice the organisation's hours, capped at 168 (one week).
    """
    org_hours = max(int(org_hours), 0)
    if urgency == TODAY:
        return min(org_hours, TODAY_MAX_HOURS)
    if urgency == NO_RUSH:
        return min(org_hours * 2, NO_RUSH_MAX_HOURS)
    return org_hours


def escalation_due_at(created_at: datetime, urgency: str, org_hours: int) -> datetime:
    """Return when an unanswered need created at `created_at` is passed to staff."""
    return created_at + timedelta(hours=escalation_hours(urgency, org_hours))


def is_overdue(created_at: datetime, urgency: str, org_hours: int, now: datetime) -> bool:
    return escalation_due_at(created_at, urgency, org_hours) <= now


# Who may do what: "learner" (the need's owner) or "helper" (an assigned mentor, staff or admin).
LEARNER = "learner"
HELPER = "helper"


def may(action: str, who: str, status: str, close_proposed: bool = False) -> bool:
    """Return True when `who` may do `action` to a need in `status`. Deny by default.

    Actions:
    - reply: both sides, while the need is not closed (a helper's reply answers it);
    - mark_answered: a helper who got in touch outside the platform, while the need is open;
    - refer: a helper, while the need is not closed;
    - propose_close: a helper, while the need is not closed and no proposal is waiting;
    - agree_close / keep_open: the learner, only while a proposal is waiting;
    - close: the learner, at any time while the need is not closed;
    - change_sharing: the learner, while the need is not closed (what a later referral may carry).
    """
    live = status in LIVE_STATUSES
    if who == LEARNER:
        if action in ("reply", "close", "change_sharing"):
            return live
        if action in ("agree_close", "keep_open"):
            return live and close_proposed
        return False
    if who == HELPER:
        if action in ("reply", "refer"):
            return live
        if action == "mark_answered":
            return status == OPEN
        if action == "propose_close":
            return live and not close_proposed
        return False
    return False


def status_after(action: str, who: str, status: str) -> str:
    """Return the status after an allowed action (the caller checks `may` first)."""
    if action in ("reply", "mark_answered") and who == HELPER and status == OPEN:
        return ANSWERED
    if action in ("agree_close", "close"):
        return CLOSED
    return status


def referral_payload(kind: str, share_with_services: bool, shareable_summary: str | None) -> dict:
    """Return exactly what a referral may pass to an outside service.

    The kind of need always; the learner's own summary only when they agreed to share it
    and wrote one. Never the details, the learner's name or anything else.
    """
    payload = {"kind": kind}
    summary = (shareable_summary or "").strip()
    if share_with_services and summary:
        payload["summary"] = summary
    return payload


def summary_problem(share_with_services: bool, shareable_summary: str | None) -> str | None:
    """Return a problem code when the summary does not fit the learner's choice, else None."""
    if not share_with_services:
        return None  # nothing will be kept or shared, so nothing to check
    summary = (shareable_summary or "").strip()
    if not summary:
        return "summary_missing"
    if len(summary) > MAX_SUMMARY:
        return "summary_too_long"
    return None
