"""Running a programme: cohorts, printable invitations, activity records and funder reports."""

from flask import Blueprint

bp = Blueprint("programme", __name__)

from . import models  # noqa: E402,F401
