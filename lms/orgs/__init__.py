"""Organisations: invitations, members, mentors, support contacts, and the audit log."""

from flask import Blueprint

bp = Blueprint("orgs", __name__)

from . import views_members, views_platform, views_public, views_staff  # noqa: E402,F401
