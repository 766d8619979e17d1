"""Mentoring: the mentor's dashboard, goals agreed with learners, and mentor notes."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__)

from . import (  # noqa: E402,F401
    models,
    services,
    views,
    views_goals,
    views_learner,
    views_members,
    views_mentor,
)
