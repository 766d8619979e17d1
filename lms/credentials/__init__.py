"""Open Badges 3.0 credentials: signed, privacy-preserving copies of certificates anyone can verify."""

from flask import Blueprint

bp = Blueprint("credentials", __name__)

from . import views  # noqa: E402,F401
