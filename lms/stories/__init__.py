"""Stories: a member's private drafts with versions, notes on identifying details, review by a
mentor they choose, agreements for each use, withdrawal, and public pages only when agreed."""

from flask import Blueprint

bp = Blueprint("stories", __name__)

from . import records, views, views_staff  # noqa: E402,F401
