"""Shared test set-up: tests never read LMS_DATABASE_URL, only LMS_TEST_DATABASE_URL.

With pytest-xdist (`-n 2`) each worker process gets its own PostgreSQL database, named after
the one in LMS_TEST_DATABASE_URL plus the worker id (`pathways_test_123_gw0`): created when
the worker starts, dropped when it ends. SQLite needs nothing: each worker's database is in
its own memory.
"""

import os

from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Belt and braces: whatever the shell exported, the suite never touches a real database.
os.environ.pop("LMS_DATABASE_URL", None)
os.environ["LMS_ENV"] = "testing"

# Property tests check what the rules do, not how fast examples are drawn: on a busy shared
# machine (CI, two xdist workers, browsers) Hypothesis' timing checks fail at random.
settings.register_profile("pathways", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("pathways")

_BASE_URL = os.environ.get("LMS_TEST_DATABASE_URL", "")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_database_urls():
    """(URL to connect to for CREATE/DROP DATABASE, the worker's own URL), or None."""
    if not _WORKER or not _BASE_URL.startswith(("postgres://", "postgresql")):
        return None
    from lms.config import normalise_database_url

    base = make_url(normalise_database_url(_BASE_URL))
    return base, base.set(database=f"{base.database}_{_WORKER}")


def _admin(base, statement: str) -> None:
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def pytest_configure(config):
    urls = _worker_database_urls()
    if urls is None:
        return
    base, own = urls
    _admin(base, f'DROP DATABASE IF EXISTS "{own.database}"')
    _admin(base, f'CREATE DATABASE "{own.database}"')
    os.environ["LMS_TEST_DATABASE_URL"] = own.render_as_string(hide_password=False)


def pytest_unconfigure(config):
    urls = _worker_database_urls()
    if urls is None:
        return
    base, own = urls
    # FORCE: a connection a test forgot to close must not keep the database alive.
    _admin(base, f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)')
