"""The learning macros (templates/_macros/learning.html) as template globals, for speed.

A page that imports the macro file (`{% from ... import ... %}`) pays for the import every time
it is drawn: Jinja compares the page's globals with the file's, name by name, ten to thirty
microseconds. These globals call the module Jinja already keeps on the macro template itself,
so pages use `progress_bar(...)` and `status_tag(...)` without importing anything, and the
macros stay the HTML's only source.

A lesson's status tag is also kept, per language and status: a course page shows one per
lesson, and calling a macro costs about eight microseconds, a dictionary look-up well under
one. A tag is the same for everyone with that status in that language: it holds nothing about
the member but the status, chosen on every page. Debug mode draws it every time, so an edited
macro shows at once. A progress bar holds the member's numbers: it is drawn on every call.
"""

from flask import current_app
from markupsafe import Markup

from lms.numbers import page_locale

# Five statuses (and none) in three languages; more only if a new status appears.
TAGS_KEPT = 64


def _macros(app):
    return app.jinja_env.get_template("_macros/learning.html").module


def progress_bar(progress, label) -> Markup:
    """The `progress_bar` template global: the macro of that name."""
    return _macros(current_app).progress_bar(progress, label)


def status_tag(status: str | None) -> Markup:
    """The `status_tag` template global: the macro's output for this status and language."""
    app = current_app._get_current_object()
    kept = app.extensions.setdefault("pathways_status_tags", {})
    key = (page_locale(), status)
    tag = kept.get(key)
    if tag is None or app.debug:
        if len(kept) >= TAGS_KEPT:
            kept.clear()
        tag = kept[key] = Markup(_macros(app).status_tag(status))  # noqa: S704 (the macro's)
    return tag
