"""How Pathways is served: compression, cached static files, request logs and the health check."""

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import brotli

from lms import create_app
from lms.extensions import db
from lms.serving.requestlog import LOGGER_NAME
from tests.web.conftest import TEST_CONFIG
from tests.web.migrated import _migrated_template, migrated_url  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]


def test_pages_are_compressed_with_brotli_or_gzip(client, world, auth):
    auth.sign_in("learner")
    page = client.get("/", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in page.headers["Vary"]
    html = brotli.decompress(page.data).decode()
    assert "</html>" in html
    assert len(page.data) < len(html.encode()) / 2

    gzipped = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers


def test_static_urls_carry_their_content_hash_and_are_cached_for_a_year(client):
    html = client.get("/sign-in").get_data(as_text=True)
    stylesheet = re.search(r'href="(/static/css/pathways\.css\?v=([0-9a-f]+))"', html)
    assert stylesheet, "the stylesheet link has no version"
    expected = hashlib.sha256((ROOT / "static/css/pathways.css").read_bytes()).hexdigest()[:12]
    assert stylesheet.group(2) == expected
    assert re.search(r'src="/static/js/quick-exit\.js\?v=[0-9a-f]{12}"', html)

    with client.get(stylesheet.group(1)) as cached:
        assert cached.status_code == 200
        assert cached.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    # An old or made-up version is not cached for a year: the browser checks again.
    with client.get("/static/css/pathways.css?v=000000000000") as stale:
        assert "immutable" not in stale.headers.get("Cache-Control", "")


def test_signed_in_pages_are_never_cached(client, world, auth):
    auth.sign_in("learner")
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_health_check_is_ok_only_when_the_schema_is_at_the_newest_migration(migrated_url):  # noqa: F811
    migrated = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": migrated_url("healthy")})
    answer = migrated.test_client().get("/healthz")
    with migrated.app_context():
        db.engine.dispose()  # before the database is dropped
    assert answer.status_code == 200
    assert answer.json == {
        "status": "ok",
        "checks": {"database": True, "limit_storage": True, "migrations": True},
    }

    # An empty database (never migrated) is not healthy, and the answer says only which check.
    empty_url = migrated_url("empty", migrate=False, sqlite=True)
    empty = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": empty_url})
    answer = empty.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.json["checks"] == {"database": True, "limit_storage": True, "migrations": False}
    assert set(answer.json) == {"status", "checks"}


def test_health_check_fails_when_the_database_does_not_answer(tmp_path):
    missing = tmp_path / "no-such-folder" / "p.db"
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})
    logging.getLogger(app.logger.name).disabled = True  # the expected traceback, kept quiet
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.json["checks"]["database"] is False


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_each_request_logs_one_json_line_with_nothing_personal(world):
    app = create_app({**TEST_CONFIG, "LMS_REQUEST_LOG": True})
    collect = _Collect()
    logging.getLogger(LOGGER_NAME).addHandler(collect)
    try:
        client = app.test_client()
        with app.app_context():
            db.create_all()
        answer = client.get(
            "/verify/SECRET-CODE-123",
            headers={"X-Forwarded-For": "203.0.113.9", "User-Agent": "Phone"},
        )
        client.post("/sign-in", data={"username": "min-secret", "password": "hunter22"})
    finally:
        logging.getLogger(LOGGER_NAME).removeHandler(collect)
        with app.app_context():
            db.engine.dispose()  # PostgreSQL: hand its connections back
    lines = [json.loads(line) for line in collect.lines]
    assert len(lines) == 2, lines
    first = lines[0]
    assert set(first) == {"request_id", "method", "route", "status", "ms"}
    assert first["route"] == "/verify/<code>"
    assert first["status"] == answer.status_code
    assert first["request_id"] == answer.headers["X-Request-Id"]
    assert lines[1]["route"] == "/sign-in" and lines[1]["method"] == "POST"
    text = "\n".join(collect.lines)
    for personal in ("SECRET-CODE-123", "203.0.113.9", "127.0.0.1", "min-secret", "hunter22"):
        assert personal not in text


def test_weasyprint_is_imported_only_when_a_pdf_is_made():
    code = (
        "import sys; from lms import create_app; create_app(); print('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "LMS_ENV": "testing"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_app_asks_once_per_function_whether_it_is_a_coroutine(app):
    """lms.factory.PathwaysFlask.ensure_sync keeps its answer per function, wraps a coroutine
    function unchanged, and keeps no more than its bound."""

    def view():
        return "plain"

    assert app.ensure_sync(view) is view
    assert view in app._sync_functions
    assert app.ensure_sync(view) is view
    before = len(app._sync_functions)
    app.SYNC_FUNCTIONS_KEPT = before
    try:

        def made_for_one_request():
            return None

        assert app.ensure_sync(made_for_one_request) is made_for_one_request
        assert made_for_one_request not in app._sync_functions
    finally:
        del app.SYNC_FUNCTIONS_KEPT


def test_the_request_line_is_written_as_its_handler_would_and_follows_the_level(world):
    """With only its own handler, the line goes straight to that handler's stream
    (lms.serving.requestlog._log), exactly as the handler writes it; a logger set above INFO
    writes nothing."""
    import io

    from lms.serving import requestlog

    app = create_app({**TEST_CONFIG, "LMS_REQUEST_LOG": True})
    logger = logging.getLogger(LOGGER_NAME)
    handler = requestlog._OWN_HANDLER
    assert handler in logger.handlers
    others = logger.handlers[:]
    logger.handlers = [handler]  # as in production (pytest may add its own capture)
    written = io.StringIO()
    old_stream = handler.setStream(written)
    try:
        with app.app_context():
            db.create_all()
        client = app.test_client()
        answer = client.get("/sign-in")
        lines = written.getvalue().splitlines()
        assert len(lines) == 1 and written.getvalue().endswith("\n")
        line = json.loads(lines[0])
        assert line["route"] == "/sign-in" and line["status"] == answer.status_code
        assert line["request_id"] == answer.headers["X-Request-Id"]
        logger.setLevel(logging.WARNING)
        client.get("/sign-in")
        assert written.getvalue().splitlines() == lines
    finally:
        logger.setLevel(logging.INFO)
        logger.handlers = others
        handler.setStream(old_stream)
        with app.app_context():
            db.engine.dispose()
