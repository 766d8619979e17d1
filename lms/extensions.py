"""Unbound Flask extensions, bound to an app in `create_app`."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so migrations behave the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
compress = Compress()
limiter = Limiter(key_func=get_remote_address)


def check_limits_in_views_only(app) -> None:
    """Drop Flask-Limiter's check before every request when it can have nothing to check.

    That check looks for default, application and blueprint limits. Pathways has none: each
    limit is declared on its view (`@limiter.limit`), and the decorated view checks its own
    limits. Without this, every page (most have no limit) pays for an empty check. Called
    after the blueprints are registered; if such limits are ever added, the check stays.
    """
    manager = limiter.limit_manager
    if (
        manager.default_limits
        or manager.application_limits
        or any(manager.blueprint_limits(app, name) for name in app.blueprints)
    ):
        return
    before = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in before:
        before.remove(limiter._check_request_limit)
