"""What the frame of every signed-in page needs, read with the member in one statement.

Every signed-in page loads the member with this browser's session record, their
memberships with the organisations (header, access checks, two-step check), asks whether a
form is held for them (lms.heldforms) and shows how many notifications are unread (the
menu). Each statement through the ORM costs more Python than SQL, so all of it is one
statement (`sessions.live_rows`): the memberships joined to the member, the two answers as
scalar subqueries, and the page uses them instead of asking again.

They are what the database held when the member was loaded, so they are forgotten as soon
as this request writes anything to the database (a flush, any INSERT/UPDATE/DELETE):
opening a notification marks it read and then draws the page, which must count again.
"""

from datetime import timedelta

from flask import g, has_app_context
from sqlalchemy import bindparam, event, exists, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import contains_eager

from .accounts import sessions
from .timeutil import utcnow

_KEY = "frame_prefetched"
_statement = None


def _member_and_frame():
    """USER_AND_RECORD with the unread count and "is a form held?" beside the member."""
    global _statement
    if _statement is None:
        # Imported here: both modules import this one's users (security, heldforms).
        from .accounts.models import User
        from .heldforms import HeldForm
        from .notifications.models import Notification
        from .orgs.models import Membership, Organisation

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
    g.setdefault(_KEY, {})[user_id] = {
        "unread": first.frame_unread,
        "held": bool(first.frame_held),
        "memberships": [row.Membership for row in rows if row.Membership is not None],
    }
    return first.User


def prefetched(user_id: int, what: str):
    """The value read with the member ("unread", "held" or "memberships"), or None when it
    was not read in this request or this request has written since."""
    kept = g.get(_KEY)
    if not kept:
        return None
    values = kept.get(user_id)
    return None if values is None else values.get(what)


def _forget_after_a_write(conn, statement, *_args) -> None:
    # Anything but a SELECT (an INSERT/UPDATE/DELETE, a flush's, text SQL) may change them.
    if not getattr(statement, "is_select", False) and has_app_context():
        g.pop(_KEY, None)


# Every statement on every engine, through the session (the ORM, a flush) or straight on its
# connection (lms.dbutil, the prebuilt selects): a write of any kind makes the prefetched
# answers old.
event.listen(Engine, "before_execute", _forget_after_a_write)
