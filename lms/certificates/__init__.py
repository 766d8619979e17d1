"""Certificates: issued by organisations, verifiable by anyone, private by default."""

from flask import Blueprint

bp = Blueprint("certificates", __name__)

from . import views, views_staff  # noqa: E402,F401
