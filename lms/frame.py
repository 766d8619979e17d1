"""What the frame of every signed-in page needs, kept for the request it was read in.

Every signed-in page loads the member with this browser's session record, their
memberships with the organisations (header, access checks, two-step check), asks whether a
form is held for them (lms.heldforms) and shows how many notifications are unread (the
menu). Each statement through the ORM costs more Python than SQL, so all of it is one
statement (`lms.signed_in.load_member`): the memberships joined to the member, the two
answers as scalar subqueries. This module keeps those answers for the request, and the page
uses them instead of asking again; it imports no feature's models, so the features that read
it (orgs, heldforms) and the loader that fills it import it without a cycle.

They are what the database held when the member was loaded, so they are forgotten as soon
as this request writes anything to the database (a flush, any INSERT/UPDATE/DELETE):
opening a notification marks it read and then draws the page, which must count again.
"""

from flask import g, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

_KEY = "frame_prefetched"


def keep(user_id: int, values: dict) -> None:
    """Keep what was read with the member for the rest of this request (until a write)."""
    g.setdefault(_KEY, {})[user_id] = values


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
