"""`/healthz`: 200 only when the database answers, the limit storage answers and the schema is at
the newest migration. It says which check failed and nothing else: no names, no counts."""

from functools import cache

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from lms.config import MIGRATIONS
from lms.extensions import db, limiter

bp = Blueprint("serving", __name__)


# Alembic is imported by the check itself, not at start-up: workers that are never asked
# do not carry it (issue 15, memory per worker).


@cache
def _migration_heads(directory: str) -> frozenset:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", directory)
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def _database_and_migrations() -> tuple[bool, bool]:
    from alembic.migration import MigrationContext

    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = frozenset(MigrationContext.configure(connection).get_current_heads())
    except Exception:  # any failure means "not healthy"
        current_app.logger.exception("health check: database")
        return False, False
    heads = _migration_heads(str(MIGRATIONS))
    return True, current == heads


def _limit_storage() -> bool:
    try:
        return bool(limiter.storage.check())
    except Exception:
        current_app.logger.exception("health check: limit storage")
        return False


@bp.get("/healthz")
@limiter.exempt
def healthz():
    database, migrations = _database_and_migrations()
    checks = {"database": database, "limit_storage": _limit_storage(), "migrations": migrations}
    healthy = all(checks.values())
    response = jsonify(status="ok" if healthy else "unavailable", checks=checks)
    response.status_code = 200 if healthy else 503
    return response
