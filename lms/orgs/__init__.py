"""Organisations: invitations, members, mentors, support contacts, and the audit log."""

from flask import Blueprint

bp = Blueprint("orgs", __name__)

from . import (  # noqa: E402,F401
    views_members,
    views_platform,
    views_public,
    views_recovery,
    views_staff,
)
