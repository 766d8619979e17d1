"""Loading the signed-in member with what every page frame needs, in one statement.

The member with this browser's session record (`lms.accounts.sessions`), their memberships
with the organisations, the unread count and "is a form held?" (scalar subqueries) come back
together; `lms.frame` keeps the answers for the request.
"""

from datetime import timedelta

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.orm import contains_eager

from . import frame
from .accounts import sessions
from .accounts.models import User
from .heldforms import HeldForm
from .notifications.models import Notification
from .orgs.models import Membership, Organisation
from .timeutil import utcnow

_statement = None


def _member_and_frame():
    """USER_AND_RECORD with the unread count and "is a form held?" beside the member."""
    global _statement
    if _statement is None:
        unread = (
            select(func.count(Notification.id))
            .where(Notification.user_id == User.id, Notification.read_at.is_(None))
            .scalar_subquery()
            .label("frame_unread")
        )
        held = (
            exists()
            .where(
                HeldForm.user_id == User.id,
                HeldForm.is_draft.is_(False),
                HeldForm.held_at >= bindparam("held_since"),
            )
            .label("frame_held")
        )
        # One row per membership (one for most members, and one without for none), each
        # with its organisation, in the order lms.orgs.context.user_memberships gives.
        _statement = (
            sessions.USER_AND_RECORD.add_columns(unread, held, Membership, Organisation)
            .outerjoin(Membership, Membership.user_id == User.id)
            .outerjoin(Organisation, Organisation.id == Membership.organisation_id)
            .options(contains_eager(Membership.organisation))
            .order_by(Membership.created_at, Membership.id)
        )
    return _statement


def load_member(user_id: int, held_for: timedelta):
    """Return the live member (see `sessions.live_row`) or None, and keep for this request
    their unread count and whether a form held within `held_for` waits for them."""
    rows = sessions.live_rows(user_id, _member_and_frame(), {"held_since": utcnow() - held_for})
    if not rows:
        return None
    first = rows[0]
    frame.keep(
        user_id,
        {
            "unread": first.frame_unread,
            "held": bool(first.frame_held),
            "memberships": [row.Membership for row in rows if row.Membership is not None],
        },
    )
    return first.User
