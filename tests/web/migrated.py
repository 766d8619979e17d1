"""Databases built by the real migrations, for tests of what runs on a deployed database
(backups, the health check): SQLite files in tmp_path, or fresh PostgreSQL databases beside
the test database when the suite runs on PostgreSQL (dropped at the end)."""

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from lms.config import normalise_database_url

ROOT = Path(__file__).resolve().parents[2]


def upgrade(url: str, revision: str = "head") -> None:
    env = {
        **os.environ,
        "LMS_ENV": "development",
        "LMS_DATABASE_URL": url,
        "LMS_SECRET_KEY": "test",
        "FLASK_APP": "app.py",
    }
    env.pop("LMS_TEST_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "flask", "db", "upgrade", revision],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _create_postgres(base, database: str, template: str | None = None) -> str:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        suffix = f' TEMPLATE "{template}"' if template else ""
        connection.execute(text(f'CREATE DATABASE "{database}"{suffix}'))
    admin.dispose()
    return base.set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory):
    """One database migrated once per test run; each test gets a copy (a migration run
    takes seconds, a copy milliseconds)."""
    postgres = os.environ.get("LMS_TEST_DATABASE_URL")
    path = tmp_path_factory.mktemp("migrated") / "template.db"
    upgrade(f"sqlite:///{path}")
    if postgres:
        base = make_url(normalise_database_url(postgres))
        template = f"{base.database}_template_{secrets.token_hex(3)}"
        upgrade(_create_postgres(base, template))
        yield path, template
        _drop_postgres(base, [template])
    else:
        yield path, None


def _drop_postgres(base, databases: list[str]) -> None:
    # Our own connections are closed by then; an autovacuum worker may still be analysing a
    # freshly restored table, and only a superuser may end it, so wait for it instead.
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for database in databases:
            for attempt in range(50):
                try:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
                    break
                except OperationalError:
                    if attempt == 49:
                        raise
                    time.sleep(0.2)
    admin.dispose()


@pytest.fixture
def migrated_url(tmp_path, _migrated_template):
    """Return a function that makes a new database (migrated unless told not to) and its URL."""
    postgres = os.environ.get("LMS_TEST_DATABASE_URL")
    made = []

    def make(name: str, migrate: bool = True, sqlite: bool = False) -> str:
        """`sqlite=True`: a SQLite file even in the PostgreSQL run, for tests where the
        database kind does not matter (a PostgreSQL database costs seconds to make and drop)."""
        if postgres and not sqlite:
            base = make_url(normalise_database_url(postgres))
            database = f"{base.database}_{name}_{secrets.token_hex(3)}"
            made.append(database)
            return _create_postgres(base, database, _migrated_template[1] if migrate else None)
        path = tmp_path / f"{name}.db"
        if migrate:
            shutil.copyfile(_migrated_template[0], path)
        return f"sqlite:///{path}"

    yield make
    if made:
        _drop_postgres(make_url(normalise_database_url(postgres)), made)
