"""Pathways: a learning platform for survivors of trafficking and the organisations that support them."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors, numbers, security
from .accounts.passwords import use_profile as use_password_profile
from .config import ROOT, build_config
from .extensions import babel, compress, csrf, db, limiter, login_manager, migrate
from .heldforms import fill_held_form
from .serving import requestlog, static


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, CLI and error pages. No DB work."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
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
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    security.init_app(app)  # sessions, locale, headers: before blueprints use them
    compress.init_app(app)
    # Registered after compression so that it runs before it (after_request runs in reverse).
    app.after_request(fill_held_form)
    static.init_app(app)
    babel.init_app(app, locale_selector=security.select_locale)
    numbers.init_app(app)  # every number through the locale: after Babel's own set-up

    from .accounts import bp as accounts_bp
    from .assessments import bp as assessments_bp
    from .catalog import bp as catalog_bp
    from .certificates import bp as certificates_bp
    from .credentials import bp as credentials_bp
    from .dashboard import bp as dashboard_bp
    from .mentoring import bp as mentoring_bp
    from .needs import bp as needs_bp
    from .notifications import bp as notifications_bp
    from .orgs import bp as orgs_bp
    from .programme import bp as programme_bp
    from .progress import bp as progress_bp
    from .readiness import bp as readiness_bp
    from .roles import bp as roles_bp
    from .serving.health import bp as serving_bp
    from .stories import bp as stories_bp

    blueprints = (
        accounts_bp,
        orgs_bp,
        notifications_bp,
        catalog_bp,
        progress_bp,
        assessments_bp,
        readiness_bp,
        needs_bp,
        roles_bp,
        mentoring_bp,
        certificates_bp,
        credentials_bp,
        stories_bp,
        programme_bp,
        dashboard_bp,
        serving_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)

    errors.init_app(app)

    from .cli import register_cli

    register_cli(app)
    return app
