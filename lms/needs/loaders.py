"""Loading a need for the signed-in member: the one place that decides who may open which
need, for every view of the learner's and the helper's pages (404 otherwise)."""

from lms.access.loaders import about_member_or_404
from lms.access.policy import NEEDS, SUPPORT_REQUESTS
from lms.extensions import db
from lms.needs.models import Need
from lms.orgs.context import own_or_404


def own_need_or_404(need_id: int) -> Need:
    """The learner's own need, in the current organisation."""
    return own_or_404(Need, need_id)


def helpable_need_or_404(need_id: int) -> Need:
    """Someone else's need that the signed-in member may help with: staff and admins of its
    organisation, or a mentor assigned to its learner (the access policy's NEEDS)."""
    return about_member_or_404(db.session.get(Need, need_id), NEEDS)


def support_need_or_404(need_id: int) -> Need:
    """An open request to get in touch, as the mentor's page and the staff list show it
    (the access policy's SUPPORT_REQUESTS: the same helpers as for needs)."""
    return about_member_or_404(db.session.get(Need, need_id), SUPPORT_REQUESTS)
