"""A lesson's status tag, drawn once per language and status and kept per process (speed).

A course page shows one tag per lesson; calling the template macro (`status_tag` in
templates/_macros/learning.html, which stays the HTML's only source) costs about eight
microseconds each time, a dictionary look-up well under one. A tag is the same for everyone
with that status in that language: it holds nothing about the member but the status, chosen
on every page. Debug mode draws it every time, so an edited macro shows at once.
"""

from flask import current_app
from markupsafe import Markup

from lms.numbers import page_locale

# Five statuses (and none) in three languages; more only if a new status appears.
TAGS_KEPT = 64


def status_tag(status: str | None) -> Markup:
    """The `status_tag` template global: the macro's output for this status and language."""
    app = current_app._get_current_object()
    kept = app.extensions.setdefault("pathways_status_tags", {})
    key = (page_locale(), status)
    tag = kept.get(key)
    if tag is None or app.debug:
        if len(kept) >= TAGS_KEPT:
            kept.clear()
        # The module Jinja keeps on the macro file itself, as an import without context gets.
        macros = app.jinja_env.get_template("_macros/learning.html").module
        tag = kept[key] = Markup(macros.status_tag(status))  # noqa: S704 (the macro's output)
    return tag
