"""The app factory: configuration, extensions, every feature's blueprint, CLI and error pages.

It sits above every feature and nothing under lms/ imports it, so importing a pure module
(`lms.readiness.rules`) never loads Flask; `lms.create_app` reaches it lazily (lms/__init__.py).
"""

from importlib import import_module
from pathlib import Path

import click
from flask import Blueprint, Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors, numbers, oncekeys, security, urls  # noqa: F401 (oncekeys: its table)
from .accounts.passwords import use_profile as use_password_profile
from .config import MIGRATIONS, ROOT, build_config
from .extensions import (
    babel,
    check_limits_in_views_only,
    compress,
    csrf,
    db,
    limiter,
    login_manager,
)
from .heldforms import fill_held_form
from .jinja import PagesEnvironment
from .serving import requestlog, static


class PathwaysFlask(Flask):
    """Flask, asking once per function whether it is a coroutine (speed).

    Flask asks `ensure_sync` for every before- and after-request function and the view, on
    every request (about twenty-five times a page), and the answer for a function never
    changes. Pathways has no async views; one would still be wrapped, once.
    """

    # The app's hooks and views number a few dozen; a function made for one request (Flask's
    # `after_this_request`) is not kept once this many are.
    SYNC_FUNCTIONS_KEPT = 512

    def ensure_sync(self, func):
        kept = self.__dict__.setdefault("_sync_functions", {})
        try:
            return kept[func]
        except KeyError:
            made = super().ensure_sync(func)
            if len(kept) < self.SYNC_FUNCTIONS_KEPT:
                kept[func] = made
            return made
        except TypeError:  # not hashable: ask each time
            return super().ensure_sync(func)


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, CLI and error pages. No DB work."""
    app = PathwaysFlask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.jinja_environment = PagesEnvironment  # plain template globals: lms/jinja.py (speed)
    app.config.from_mapping(build_config(Path(app.instance_path), config))

    proxies = app.config["LMS_PROXY_COUNT"]
    if proxies:
        # Behind nginx every connection comes from the proxy; trust exactly that many
        # X-Forwarded-For entries, so limits count each client's own address. Only x_for:
        # gunicorn already takes the scheme from nginx's X-Forwarded-Proto (it trusts
        # 127.0.0.1), so requests are HTTPS; Flask-WTF's Referer check is off for that
        # reason (config.py, tests/cluster).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)
    if app.config["LMS_ENV"] == "production" and app.config["RATELIMIT_STORAGE_URI"].startswith(
        "memory://"
    ):
        app.logger.warning(
            "Rate limits are kept in memory, per worker: set LMS_RATELIMIT_STORAGE_URI to a "
            "shared store (redis) when more than one worker serves Pathways."
        )

    requestlog.init_app(app)  # first, so even a request refused early is logged
    use_password_profile(app.config["PASSWORD_HASH_PROFILE"])
    db.init_app(app)
    if click.get_current_context(silent=True) is not None:
        # Only the command line (`flask db upgrade`) migrates. Flask-Migrate brings Alembic,
        # Mako and Pygments, about 11 MB in every gunicorn worker that would never use them.
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    security.init_app(app)  # sessions, locale, headers: before blueprints use them
    compress.init_app(app)
    # Registered after compression so that it runs before it (after_request runs in reverse).
    app.after_request(fill_held_form)
    static.init_app(app)
    urls.init_app(app)  # kept_url for templates
    babel.init_app(app, locale_selector=security.select_locale)
    numbers.init_app(app)  # every number through the locale: after Babel's own set-up

    for blueprint in _blueprints():
        app.register_blueprint(blueprint)

    errors.init_app(app)
    check_limits_in_views_only(app)

    from .cli import register_cli

    register_cli(app)
    return app


# Each feature's blueprint `bp` is defined in its views module, the first named in its row;
# the feature's other views modules import that `bp` and add routes to it. A module joins the
# data export, account deletion and page sections (`lms.accounts.lifecycle`, `lms.sections`)
# when it is imported, so every such module is reached from a row (stories.records directly).
# Rows are in registration order, which is also the order of those hooks and sections.
FEATURES = (
    "accounts.views accounts.views_twostep",
    "orgs.views_members orgs.views_platform orgs.views_public orgs.views_recovery orgs.views_staff",
    "notifications.views",
    "catalog.views",
    "progress.views_lessons",
    "assessments.views",
    "readiness.views",
    "roles.views_member roles.views_mentor roles.views_staff",
    "mentoring.views mentoring.views_goals mentoring.views_learner mentoring.views_members mentoring.views_mentor",
    "needs.views_learner needs.views_helper",
    "certificates.views certificates.views_staff",
    "credentials.views",
    "stories.views stories.records stories.views_staff",
    "programme.views_cohorts programme.views_activities",
    "dashboard.views",
    "serving.health",
)


def _blueprints() -> list[Blueprint]:
    """Import every module named in FEATURES and return each feature's blueprint, in order."""
    blueprints = []
    for row in FEATURES:
        home, *others = row.split()
        blueprints.append(import_module(f"lms.{home}").bp)
        for name in others:
            import_module(f"lms.{name}")
    return blueprints
