"""How a role application moves: interested, then active once staff confirm it, with a review
date. Pure rules, no Flask; `lms.roles.services.confirm` is the one writer that applies them."""

from datetime import datetime, timedelta

INTERESTED, ACTIVE, ENDED = "interested", "active", "ended"
STATUSES = (INTERESTED, ACTIVE, ENDED)
# A review month is 30 days, so a review date never depends on which month it starts in.
DAYS_PER_REVIEW_MONTH = 30


def may_confirm(status: str, requirements_met: bool) -> bool:
    """Return True when staff may confirm the role: every requirement holds, and the
    application is one of interest, or an active role confirmed again at its review.
    An ended role (or an unknown status) is not confirmed: the member applies again."""
    return requirements_met and status in (INTERESTED, ACTIVE)


def review_date(confirmed_at: datetime, review_months: int) -> datetime:
    """Return when a role confirmed at `confirmed_at` is next reviewed."""
    return confirmed_at + timedelta(days=DAYS_PER_REVIEW_MONTH * int(review_months))
