"""Absolute links for things printed or copied outside the browser (invitations, certificates)."""

from flask import current_app, request


def absolute_url(path: str) -> str:
    """Return `path` prefixed with LMS_BASE_URL, or with this request's host in development."""
    base = current_app.config["LMS_BASE_URL"] or request.host_url.rstrip("/")
    return base + path
