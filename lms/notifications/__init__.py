"""Notifications: an in-app inbox that later features use for requests, alerts and reminders."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from . import views  # noqa: E402,F401
