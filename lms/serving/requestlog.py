"""One JSON line per request: request id, route, status and time taken.

The route is the URL rule (`/courses/<course_slug>`), never the path, so codes in URLs
(verification, invitations) stay out of logs; and no usernames, names, addresses or form
contents are ever logged: a log file is a list of who did what, and survivors are at risk.
"""

import json
import logging
import re
import secrets
import sys
import time

from flask import Flask, g, request

LOGGER_NAME = "pathways.requests"
# One encoder for every line (json.dumps with separators makes a new one each time).
_as_json = json.JSONEncoder(separators=(",", ":")).encode
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _start():
    g.request_started = time.perf_counter()
    incoming = request.headers.get("X-Request-Id", "")
    # A proxy may pass its own id so its log and ours can be matched; anything odd is replaced.
    g.request_id = incoming if _VALID_ID.match(incoming) else secrets.token_hex(8)


def _finish(response):
    started = g.pop("request_started", None)
    if started is None:
        return response
    response.headers["X-Request-Id"] = g.request_id
    line = {
        "request_id": g.request_id,
        "method": request.method,
        "route": request.url_rule.rule if request.url_rule else None,
        "status": response.status_code,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    _log(_as_json(line))
    return response


# The handler this module set up; see _log.
_OWN_HANDLER: logging.Handler | None = None


def _log(line: str) -> None:
    """Log one line at INFO on LOGGER_NAME.

    While the logger has only the handler this module gave it (and nothing above it hears),
    the line goes straight to that handler's stream, as the handler would write it: Python's
    logging made about 180 function calls of a line, a few per cent of a page. Any other
    handler (an operator's logging set-up, a test) gets the full path.
    """
    logger = logging.getLogger(LOGGER_NAME)
    handler = _OWN_HANDLER
    if (
        handler is not None
        and not logger.propagate
        and logger.handlers == [handler]
        and not logger.filters
        and not handler.filters
        and logger.isEnabledFor(logging.INFO)
        and handler.level <= logging.INFO
    ):
        with handler.lock:
            handler.stream.write(line + handler.terminator)
            handler.flush()
        return
    logger.info(line)


def _configure_logger() -> None:
    global _OWN_HANDLER
    logger = logging.getLogger(LOGGER_NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        _OWN_HANDLER = handler
    logger.setLevel(logging.INFO)
    logger.propagate = False


def init_app(app: Flask) -> None:
    if not app.config["LMS_REQUEST_LOG"]:
        return
    _configure_logger()
    app.before_request(_start)
    app.after_request(_finish)
