"""Friendly error pages in the member's language that never show internals."""

from flask import Flask, current_app, g, has_request_context, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy import event
from werkzeug.exceptions import HTTPException

from .extensions import db

ERROR_TEXT = {
    400: (
        _l("Something in that request was not right"),
        _l("Please go back and try again. If it keeps happening, tell your organisation."),
    ),
    403: (
        _l("This page is not open to you"),
        _l("Your account cannot see this page. If you think it should, ask your organisation."),
    ),
    404: (
        _l("Page not found"),
        _l("We could not find this page. The link may be old or mistyped."),
    ),
    405: (_l("This page cannot do that"), _l("Please go back and use the buttons on the page.")),
    413: (_l("That file is too big"), _l("Please choose a smaller file and try again.")),
    429: (
        _l("Please wait a moment"),
        _l("There were many tries in a short time. Please wait a minute, then try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("It is not your fault. Please try again in a moment."),
    ),
}


def render_error(code: int):
    title, message = ERROR_TEXT.get(code, ERROR_TEXT[400])
    try:
        page = render_template("errors/error.html", code=code, title=title, message=message)
    except Exception:  # the page itself failed: answer plainly rather than not at all
        current_app.logger.exception("Error page failed")
        page = f"<!doctype html><title>Pathways</title><h1>{escape(str(title))}</h1>"
    return page, code


def _handle_http_error(error: HTTPException):
    if error.code == 429 and request.endpoint in RATE_LIMITED_FORMS:
        return RATE_LIMITED_FORMS[request.endpoint]()
    return render_error(error.code or 500)


class _ReadOnlyRequest(Exception):
    """Raised on commit while a refused form is being re-shown."""


def _refuse_commit_after_csrf_failure(session) -> None:
    if has_request_context() and g.get("csrf_failed", False):
        raise _ReadOnlyRequest


def _handle_csrf_error(error: CSRFError):
    """Re-show the form with what the person typed, instead of throwing it away.

    The token fails when a session ended or the form came from elsewhere. The view runs
    again with `g.csrf_failed` set; its form fails CSRF validation, so it re-renders the
    fields with a kind message and a fresh token. Nothing may change on the way: a commit
    is refused, whatever the view added is rolled back, and a view that cannot re-show
    itself (it aborts, or commits, say an access record) gives the kind 400 page instead.
    """
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or g.get("csrf_failed", False):
        return render_error(400)
    g.csrf_failed = True
    db.session.rollback()
    try:
        response = current_app.make_response(view(**(request.view_args or {})))
    except HTTPException as refused:  # e.g. the form's own rate limit: its page, not a 500
        db.session.rollback()
        return _handle_http_error(refused) if refused.code == 429 else render_error(400)
    except Exception:
        db.session.rollback()
        current_app.logger.info("A form refused for its CSRF token could not be re-shown")
        return render_error(400)
    db.session.rollback()
    if response.status_code == 200:
        response.status_code = 400
    return response


def _handle_unexpected(error: Exception):
    db.session.rollback()
    current_app.logger.exception("Unhandled error")
    return render_error(500)


# Forms that re-render with what was typed when rate-limited; views register themselves.
RATE_LIMITED_FORMS: dict = {}


def init_app(app: Flask) -> None:
    if not event.contains(db.session, "before_commit", _refuse_commit_after_csrf_failure):
        event.listen(db.session, "before_commit", _refuse_commit_after_csrf_failure)
    app.register_error_handler(CSRFError, _handle_csrf_error)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(Exception, _handle_unexpected)
