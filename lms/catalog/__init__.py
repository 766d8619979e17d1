"""The catalogue: course files loaded, validated and synced; lesson media and printable PDFs."""

from flask import Blueprint
from flask_babel import get_locale

from lms.i18n import FILE_TAG_NAMES, localised

bp = Blueprint("catalog", __name__)


@bp.app_template_filter("localised")
def _localised(values: dict):
    """Pick the member's language from a {file tag: text} mapping, else English."""
    return localised(values, str(get_locale()))


@bp.app_template_filter("language_name")
def _language_name(tag: str) -> str:
    return FILE_TAG_NAMES.get(tag, tag)


from . import views  # noqa: E402,F401
