"""A lesson's status tag and a progress bar, each drawn once per language and values and kept
per process (speed).

A course page shows one tag per lesson, the dashboard a bar per course and track; calling a
template macro (`status_tag` and `progress_bar` in templates/_macros/learning.html, which
stay the HTML's only source) costs about eight to fifteen microseconds each time, a
dictionary look-up well under one. A tag is the same for everyone with that status in that
language; a bar for everyone with that count, total and label (a course or track title): they
hold nothing about the member but those numbers, given on every page. Debug mode draws them
every time, so an edited macro shows at once.
"""

from flask import current_app
from markupsafe import Markup, escape

from lms.numbers import page_locale

# Five statuses (and none) in three languages; more only if a new status appears.
TAGS_KEPT = 64
# Done counts, totals and titles of courses and tracks, in three languages: a few hundred.
BARS_KEPT = 256


def _kept(macro: str, bound: int, key: tuple, *args) -> Markup:
    app = current_app._get_current_object()
    kept = app.extensions.setdefault(f"pathways_{macro}s", {})
    key = (page_locale(), *key)
    html = kept.get(key)
    if html is None or app.debug:
        if len(kept) >= bound:
            kept.clear()
        # The module Jinja keeps on the macro file itself, as an import without context gets.
        macros = app.jinja_env.get_template("_macros/learning.html").module
        html = kept[key] = Markup(getattr(macros, macro)(*args))  # noqa: S704 (the macro's output)
    return html


def status_tag(status: str | None) -> Markup:
    """The `status_tag` template global: the macro's output for this status and language."""
    return _kept("status_tag", TAGS_KEPT, (status,), status)


def progress_bar(progress, label) -> Markup:
    """The `progress_bar` template global: the macro's output for these counts, this label
    (as the page would write it: a title and the same title already escaped are one key) and
    this language."""
    key = (progress.done, progress.total, str(escape(label)))
    return _kept("progress_bar", BARS_KEPT, key, progress, label)
