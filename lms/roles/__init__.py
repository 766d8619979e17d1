"""Roles: engagement roles, their transparent checklists, mentor conversations, staff vetting."""

from flask import Blueprint

bp = Blueprint("roles", __name__)

from . import views_member, views_mentor, views_staff  # noqa: E402,F401
