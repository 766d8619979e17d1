"""Loading a story or a request to use one, for the signed-in member: the one place per kind
that decides who may open it (404 otherwise, so not even its existence is shown)."""

from flask import abort
from flask_login import current_user

from lms.extensions import db
from lms.orgs.context import in_organisation_or_404, own_or_404

from . import services
from .models import Story, StoryAgreement, StoryVersion


def own_story_or_404(story_id: int) -> Story:
    """The member's own story, in the current organisation."""
    return own_or_404(Story, story_id)


def reviewable_story_or_404(story_id: int) -> Story:
    """Someone else's story in the current organisation that they shared with the viewer for
    review: the access policy's STORY_DRAFT decides, and the look is recorded (caller commits)."""
    story = in_organisation_or_404(Story, story_id)
    if story.user_id == current_user.id or not services.see_draft(story, current_user.id):
        abort(404)
    return story


def members_agreement_or_404(agreement_id: int) -> StoryAgreement:
    """A request to use a story, addressed to the signed-in member, in the current organisation."""
    return own_or_404(StoryAgreement, agreement_id, owner="member_id")


def organisations_agreement_or_404(agreement_id: int) -> StoryAgreement:
    """Any request of the current organisation (for its staff, behind staff_required)."""
    return in_organisation_or_404(StoryAgreement, agreement_id)


def version_of_story_or_404(story: Story, version_id: int) -> StoryVersion:
    """A version of `story` (already loaded for its owner), by the id in the address."""
    found = db.session.get(StoryVersion, version_id)
    if found is None or found.story_id != story.id:
        abort(404)
    return found


def agreed_or_404(agreement_id: int) -> StoryAgreement:
    """An agreement of the current organisation whose version the viewer may read: the member,
    or staff while it is in force (the look is recorded; the caller commits)."""
    agreement = organisations_agreement_or_404(agreement_id)
    if agreement.version_id is None or not services.see_agreed(agreement, current_user.id):
        abort(404)
    return agreement
