"""Loading the signed-in member with what every page frame needs, in one statement.

The member with this browser's session record (`lms.accounts.sessions`), their memberships
with the organisations, the unread count and "is a form held?" (scalar subqueries) come back
together; `lms.frame` keeps the answers for the request.

A page that only shows (GET, HEAD) gets the member and memberships as read-only copies of
their rows (`Member`, `MembershipRow`, `OrganisationRow`): building ORM objects cost more
than the statement itself, on every page. A request that may change something (POST…) gets
ORM objects as before. A view that changes the account calls
`lms.accounts.services.signed_in_account()`, which gives the
ORM object whatever the method; a change to a read-only copy raises, so none is lost.
"""

from datetime import timedelta

from flask import has_request_context, request
from flask_login import UserMixin
from sqlalchemy import bindparam, exists, func, inspect, select
from sqlalchemy.orm import contains_eager

from . import frame
from .accounts import sessions
from .accounts.models import User
from .heldforms import HeldForm
from .notifications.models import Notification
from .orgs.models import Membership, Organisation
from .timeutil import utcnow

_statement = None
_rows_statement = None


def _column_keys(model) -> tuple[str, ...]:
    """The model's column attributes by their Python names (what the ORM object has)."""
    return tuple(attribute.key for attribute in inspect(model).column_attrs)


class _ReadOnlyRow:
    """A model's columns copied from a row; changing one raises instead of being lost.

    The values live in the instance's `__dict__`, filled in one step from a row's positions
    (`from_values`) rather than attribute by attribute and by name."""

    @classmethod
    def from_values(cls, names: tuple[str, ...], values, **more):
        """The copy with `names` set to `values`, in order (and `more`), without keywords."""
        copy = cls.__new__(cls)
        fields = vars(copy)
        fields.update(zip(names, values, strict=True))
        fields.update(more)
        return copy

    def __setattr__(self, name, value):
        raise AttributeError(
            f"{type(self).__name__} is a read-only copy: load the ORM object to change {name}"
        )


class OrganisationRow(_ReadOnlyRow):
    pass


class MembershipRow(_ReadOnlyRow):
    pass


class Member(UserMixin, _ReadOnlyRow):
    """The signed-in member as a page shows them (see the module's docstring)."""

    get_id = User.get_id
    is_active = User.is_active

    def __repr__(self) -> str:
        return f"<Member {self.id}>"


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


_FRAME_COLUMNS = (
    "record_id",
    "record_expires_at",
    "record_last_seen_at",
    "frame_unread",
    "frame_held",
)
_USER_KEYS = _column_keys(User)
_MEMBERSHIP_KEYS = _column_keys(Membership)
_ORGANISATION_KEYS = _column_keys(Organisation)
# Where each model's columns begin in a row of `_member_rows_and_frame` (see there).
_MEMBERSHIP_AT = len(_USER_KEYS)
_ORGANISATION_AT = _MEMBERSHIP_AT + len(_MEMBERSHIP_KEYS)
_FRAME_AT = _ORGANISATION_AT + len(_ORGANISATION_KEYS)
_MEMBERSHIP_ID_AT = _MEMBERSHIP_AT + _MEMBERSHIP_KEYS.index("id")


def _member_rows_and_frame():
    """`_member_and_frame` (its joins, conditions and order), selecting plain columns: the
    member's, membership's and organisation's with u_, m_ and o_ before their names."""
    global _rows_statement
    if _rows_statement is None:
        ormed = _member_and_frame()
        statement = ormed.with_only_columns(
            *(getattr(User, key).label(f"u_{key}") for key in _USER_KEYS),
            *(getattr(Membership, key).label(f"m_{key}") for key in _MEMBERSHIP_KEYS),
            *(getattr(Organisation, key).label(f"o_{key}") for key in _ORGANISATION_KEYS),
            *(c for c in ormed.selected_columns if c.name in _FRAME_COLUMNS),
            maintain_column_froms=False,
        )
        # load_member reads the rows by position: the columns must be where it looks.
        names = [column.name for column in statement.selected_columns]
        if (
            names[_MEMBERSHIP_AT] != f"m_{_MEMBERSHIP_KEYS[0]}"
            or names[_ORGANISATION_AT] != f"o_{_ORGANISATION_KEYS[0]}"
            or names[_FRAME_AT:] != list(_FRAME_COLUMNS)
        ):
            raise RuntimeError(f"the member's columns are not in the expected order: {names}")
        _rows_statement = statement
    return _rows_statement


def _only_shows() -> bool:
    return has_request_context() and request.method in ("GET", "HEAD")


def load_member(user_id: int, held_for: timedelta):
    """Return the live member (see `sessions.live_row`) or None, and keep for this request
    their unread count and whether a form held within `held_for` waits for them."""
    params = {"held_since": utcnow() - held_for}
    if _only_shows():
        rows = sessions.live_rows(user_id, _member_rows_and_frame(), params, plain=True)
        if not rows:
            return None
        first = rows[0]
        # The statement's columns are the member's, the membership's, the organisation's,
        # then the frame's, each model's in its keys' order.
        values = tuple(first)
        member = Member.from_values(_USER_KEYS, values[:_MEMBERSHIP_AT])
        memberships = []
        for row in rows:
            values = tuple(row)
            if values[_MEMBERSHIP_ID_AT] is None:  # the row of a member with no membership
                continue
            memberships.append(
                MembershipRow.from_values(
                    _MEMBERSHIP_KEYS,
                    values[_MEMBERSHIP_AT:_ORGANISATION_AT],
                    organisation=OrganisationRow.from_values(
                        _ORGANISATION_KEYS, values[_ORGANISATION_AT:_FRAME_AT]
                    ),
                )
            )
    else:
        rows = sessions.live_rows(user_id, _member_and_frame(), params)
        if not rows:
            return None
        first = rows[0]
        member = first.User
        memberships = [row.Membership for row in rows if row.Membership is not None]
    frame.keep(
        user_id,
        {"unread": first.frame_unread, "held": bool(first.frame_held), "memberships": memberships},
    )
    return member
