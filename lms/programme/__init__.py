"""Running a programme: cohorts, printable invitations, activity records and funder reports."""

from flask import Blueprint

bp = Blueprint("programme", __name__)

from . import activities, models, views_cohorts  # noqa: E402,F401
