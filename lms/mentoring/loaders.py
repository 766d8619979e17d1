"""Loading goals and mentors for the signed-in member: the one place per kind that decides
who may open which (404 otherwise). The learner a mentor opens is `lms.access.loaders.mentee_or_404`."""

from flask import abort, g
from flask_login import current_user

from lms.accounts.models import User
from lms.orgs.context import in_organisation_or_404, own_or_404
from lms.orgs.services import mentors_of

from .models import Goal


def own_goal_or_404(goal_id: int) -> Goal:
    """The learner's own goal, in the current organisation."""
    return own_or_404(Goal, goal_id, owner="learner_id")


def shared_goal_or_404(goal_id: int, learner: User) -> Goal:
    """A goal of the mentor's learner (already loaded with `mentee_or_404`) that the learner
    shares with their mentors: a goal they keep to themselves does not exist for a mentor."""
    goal = in_organisation_or_404(Goal, goal_id)
    if goal.learner_id != learner.id or not goal.shared_with_mentors:
        abort(404)
    return goal


def my_mentor_or_404(mentor_id: int) -> User:
    """One of the signed-in learner's mentors in the current organisation."""
    for mentor in mentors_of(g.membership.organisation_id, current_user.id):
        if mentor.id == mentor_id:
            return mentor
    abort(404)
