"""Loading another member, or an object about one, for the signed-in viewer: the organisation,
the relation and the access policy checked in one place, or "not found".

Views behind `lms.orgs.context.role_required` call these (so `g.membership` is set). Each
feature keeps the loaders of its own objects in its `loaders.py`; those about another member
come through here. "Not found" rather than "forbidden", so not even an object's existence
is revealed to someone who may not see it.
"""

from flask import abort, g
from flask_login import current_user

from lms.accounts.models import User
from lms.extensions import db
from lms.orgs.services import learners_of

from . import policy, services


def mentee_or_404(user_id: int) -> User:
    """Return the learner whom the signed-in member mentors in the current organisation.

    Only an assigned mentor (a mentor, or staff assigned as one) stands in the policy's
    MENTOR relation to the learner; anyone else gets 404."""
    membership = g.membership
    assigned = any(
        learner.id == user_id
        for learner in learners_of(membership.organisation_id, current_user.id)
    )
    relation = policy.relation_of(current_user.id, user_id, membership.role, assigned)
    if relation != policy.MENTOR:
        abort(404)
    return db.session.get(User, user_id)


def about_member_or_404(obj, kind: str):
    """Return `obj` (it carries `organisation_id` and the member's `user_id`) when it belongs
    to the current organisation, is about someone other than the viewer, and the policy lets
    the viewer see `kind` about that member; else 404. Nothing is recorded: the page records
    each look when it shows something (`services.see`)."""
    if (
        obj is None
        or obj.organisation_id != g.membership.organisation_id
        or obj.user_id == current_user.id
        or not services.decide(current_user.id, obj.user_id, obj.organisation_id, kind)
    ):
        abort(404)
    return obj
