"""Mentoring: the mentor's dashboard, goals agreed with learners, and mentor notes."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__)

from . import models, views  # noqa: E402,F401
