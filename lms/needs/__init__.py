"""Needs and requests: a learner states a need with the urgency they choose; mentors and staff
answer, refer to an outside service (sharing only what the learner agreed), and ask to close."""

from flask import Blueprint

bp = Blueprint("needs", __name__)

from . import services, views_helper, views_learner  # noqa: E402,F401
