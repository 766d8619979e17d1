"""The member's home page: it gathers what every feature has to say, so it sits above them all."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from . import views  # noqa: E402,F401
