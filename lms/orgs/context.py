"""The organisation a member is acting in right now, and the access checks that follow from it."""

from functools import wraps

from flask import abort, g, request, session
from flask_login import current_user, login_required
from sqlalchemy import bindparam
from sqlalchemy.orm import contains_eager

from lms.accounts.sessions import DISCREET_COOKIE
from lms.extensions import db
from lms.frame import prefetched

from .models import Membership, Organisation
from .roles import ADMIN, HELPER_ROLES, ROLES, STAFF_ROLES

# Every signed-in page asks (header, access checks, two-step): built once, with each
# membership's organisation in the same query.
_MEMBERSHIPS = (
    db.select(Membership)
    .join(Organisation)
    .options(contains_eager(Membership.organisation))
    .where(Membership.user_id == bindparam("user_id"))
    .order_by(Membership.created_at, Membership.id)
)


def user_memberships() -> list[Membership]:
    """Return the signed-in member's memberships with their organisations, oldest first
    (cached for the request)."""
    request_globals = g._get_current_object()  # asked several times a page: one look-up
    memberships = request_globals.get("memberships")
    if memberships is None:
        # Usually read with the member already (lms.frame).
        user_id = current_user.id
        memberships = prefetched(user_id, "memberships")
        if memberships is None:
            memberships = db.session.scalars(_MEMBERSHIPS, {"user_id": user_id}).all()
        request_globals.memberships = memberships
    return memberships


def current_membership() -> Membership | None:
    """Return the membership for the organisation chosen in this session, else the first one."""
    memberships = user_memberships()
    chosen = session.get("org_id")
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    return memberships[0] if memberships else None


def discreet_mode(membership: Membership | None) -> bool:
    """Return True when pages should wear the neutral title and icon."""
    if membership is not None and membership.organisation.is_discreet:
        return True
    return bool(session.get("discreet")) or request.cookies.get(DISCREET_COOKIE) == "1"


def current_organisation_id() -> int:
    """The organisation the current page works in: the membership `role_required` put on `g`."""
    return g.membership.organisation_id


def in_organisation_or_404(model, object_id: int):
    """Load an object by id, or 404 when it belongs to another organisation (or to none).

    For views behind role_required: the object must carry `organisation_id`. Another
    organisation's ids get "not found", so not even their existence is revealed.
    """
    obj = db.session.get(model, object_id)
    if obj is None or obj.organisation_id != g.membership.organisation_id:
        abort(404)
    return obj


def own_or_404(model, object_id: int, owner: str = "user_id"):
    """Load the signed-in member's own object in the current organisation, or 404.

    `owner` names the column holding the owner's user id. For views behind role_required;
    each feature's `loaders.py` names one loader per kind of object on top of this."""
    obj = in_organisation_or_404(model, object_id)
    if getattr(obj, owner) != current_user.id:
        abort(404)
    return obj


def role_required(*roles: str):
    """Allow the view only to members whose role in the current organisation is one of `roles`.

    The membership is put on `g.membership`; every object the view loads must then be
    checked against `g.membership.organisation_id`.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            membership = current_membership()
            if membership is None or membership.role not in roles:
                abort(403)
            g.membership = membership
            return view(*args, **kwargs)

        return wrapped

    return decorator


# The guards, each from the one definition of the role sets in `lms.orgs.roles`.
member_required = role_required(*ROLES)
helper_required = role_required(*HELPER_ROLES)
staff_required = role_required(*STAFF_ROLES)
admin_required = role_required(ADMIN)


def platform_admin_required(view):
    """Allow the view only to the platform administrator."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_platform_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
