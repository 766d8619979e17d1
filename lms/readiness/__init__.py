"""Readiness: voluntary check-ins, what each member shares with whom, and support when needed."""

from flask import Blueprint

bp = Blueprint("readiness", __name__)

from . import views  # noqa: E402,F401
