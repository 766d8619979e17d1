"""Mentoring: the mentor's dashboard, goals agreed with learners, and mentor notes."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__)

from . import models, services, views, views_goals, views_members, views_mentor  # noqa: E402,F401
