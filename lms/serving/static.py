"""Static files carry a hash of their content in the URL (`?v=…`), so browsers may keep them
for a year: a second page view costs one request, and a changed file gets a new URL."""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, request

IMMUTABLE = "public, max-age=31536000, immutable"


@lru_cache(maxsize=256)
def _content_hash(path: str, modified: float) -> str:
    # Keyed by modification time too, so an edited file in development gets a new URL.
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def file_version(filename: str) -> str | None:
    """Return the short content hash of a file under static/, or None if there is no such file.

    Every page links three static files. Outside debug mode each name's answer is kept for
    the life of the process (a deployment restarts the workers); in debug mode an edited
    file gets its new hash at once.
    """
    known = current_app.extensions["static_versions"]
    if not current_app.debug and filename in known:
        return known[filename]
    known[filename] = version = _file_version(filename)
    return version


def _file_version(filename: str) -> str | None:
    folder = Path(current_app.static_folder).resolve()
    path = (folder / filename).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return _content_hash(str(path), path.stat().st_mtime)


def _add_version(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        version = file_version(values["filename"])
        if version:
            values["v"] = version


def _cache_static(response):
    if request.endpoint == "static" and response.status_code == 200:
        # Read the (small) file into the response, so compression sees whole bytes: a
        # compressed file stream would never close the file it came from.
        response.direct_passthrough = False
        response.make_sequence()
        # Only a URL naming the current content is cached for a year; an old or missing
        # version is revalidated as before, so nobody keeps a stale stylesheet.
        version = request.args.get("v")
        filename = (request.view_args or {}).get("filename", "")
        if version and version == file_version(filename):
            response.headers["Cache-Control"] = IMMUTABLE
    return response


def init_app(app: Flask) -> None:
    """Call after Flask-Compress's init_app: after-request hooks run last-registered first."""
    app.extensions["static_versions"] = {}
    app.url_defaults(_add_version)
    app.after_request(_cache_static)
