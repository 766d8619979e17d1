"""Accounts: sign in and out, quick exit, language, and the member's own account."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from . import views, views_twostep  # noqa: E402,F401  (routes register on the blueprint)
