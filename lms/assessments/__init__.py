"""Assessments: quizzes from the synced content, graded on the server, with feedback that teaches."""

from flask import Blueprint

bp = Blueprint("assessments", __name__)

from . import views  # noqa: E402,F401
