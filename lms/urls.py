"""Links: absolute ones for things printed or copied outside the browser (invitations,
certificates), and page links kept per process (`kept_url`)."""

from flask import Flask, current_app, request, url_for
from flask.globals import _cv_request

# How many links a process keeps: each page's fixed links and one per catalogue course, lesson
# and quiz, for each mount point; far fewer than this.
URLS_KEPT = 4096


def absolute_url(path: str) -> str:
    """Return `path` prefixed with LMS_BASE_URL, or with this request's host in development."""
    base = current_app.config["LMS_BASE_URL"] or request.host_url.rstrip("/")
    return base + path


def mount_path() -> str:
    """Where the app is mounted for this request (its script root, such as "/pathways"); ""
    at the site's root or outside a request."""
    context = _cv_request.get(None)
    return context.request.script_root if context is not None else ""


def kept_url(endpoint: str, **values) -> str:
    """`url_for(endpoint, **values)` in a page, built once per process and mount point.

    Building a link costs about five microseconds (Werkzeug's rule builder, Flask's URL
    defaults); the learner pages have ten to twenty, most of them the same on every page (the
    course list, a course's lessons). A link from `url_for` in a request depends only on the
    endpoint, the values and where the app is mounted (SCRIPT_NAME: the request's script
    root): no host or scheme, since it is not external, and no URL defaults but the static
    files' version (fixed outside debug mode). So it is kept under those. For full endpoint
    names with plain values only: relative ones ('.name') depend on the page's blueprint, and
    `_external`, `_scheme` or `_anchor` go to `url_for` each time. Debug mode builds every
    link, as `page_frame` draws every part, so an edited route shows at once.
    """
    context = _cv_request.get(None)
    if context is None or context.app.debug or endpoint[0] == "." or _has_options(values):
        return url_for(endpoint, **values)
    key = (context.request.script_root, endpoint, *values.items())
    kept = context.app.extensions["pathways_kept_urls"]
    try:
        url = kept.get(key)
    except TypeError:  # a list of values for one query argument
        return url_for(endpoint, **values)
    if url is None:
        if len(kept) >= URLS_KEPT:
            kept.clear()
        url = kept[key] = url_for(endpoint, **values)
    return url


def _has_options(values: dict) -> bool:
    for name in values:
        if name[0] == "_":
            return True
    return False


def init_app(app: Flask) -> None:
    app.extensions["pathways_kept_urls"] = {}
    app.jinja_env.globals["kept_url"] = kept_url
