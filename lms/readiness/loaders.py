"""Loading a check-in for the signed-in member: only their own, in the current organisation
(404 otherwise). Mentors never load a check-in; they see what the access policy shows them
on the mentor's page."""

from lms.orgs.context import own_or_404

from .models import CheckIn


def own_checkin_or_404(checkin_id: int) -> CheckIn:
    return own_or_404(CheckIn, checkin_id)
