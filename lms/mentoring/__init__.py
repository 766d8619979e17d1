"""Mentoring: the mentor's dashboard of the learners assigned to them."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__)

from . import views  # noqa: E402,F401
