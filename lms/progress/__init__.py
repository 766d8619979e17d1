"""Progress: the learner's pages for courses and lessons, what they finished, where to resume."""

from flask import Blueprint

bp = Blueprint("progress", __name__)

from . import views  # noqa: E402,F401
