"""Configuration: safe defaults plus whatever the `LMS_*` environment variables say."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "migrations"
LOCALES = ("en", "zh_Hans", "bn")
ENVIRONMENTS = ("development", "production", "testing")


class ConfigError(RuntimeError):
    """Raised when the configuration is unsafe or incomplete; the app refuses to start."""


def normalise_database_url(url: str) -> str:
    """Return a SQLAlchemy URL, rewriting bare PostgreSQL schemes to the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key(env: str, instance_path: Path) -> str:
    key = os.environ.get("LMS_SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigError("LMS_SECRET_KEY must be set in production.")
    if env == "testing":
        return secrets.token_hex(32)
    # Development: generate once and keep it, so sessions survive a restart.
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ConfigError(f"{name} must be a whole number, not {value!r}.") from error


def build_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Return the configuration mapping for one app, from defaults, environment and overrides."""
    overrides = dict(overrides or {})
    env = overrides.get("LMS_ENV") or os.environ.get("LMS_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"LMS_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}.")
    production = env == "production"

    if env == "testing":
        # Tests never read LMS_DATABASE_URL, so they cannot touch a real database.
        database_url = os.environ.get("LMS_TEST_DATABASE_URL") or "sqlite://"
    else:
        database_url = os.environ.get(
            "LMS_DATABASE_URL", f"sqlite:///{instance_path / 'pathways.db'}"
        )

    config = {
        "LMS_ENV": env,
        "TESTING": env == "testing",
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(env, instance_path),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        # Cookies: never readable by scripts, never sent cross-site, HTTPS-only in production.
        "SESSION_COOKIE_NAME": "pathways_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        # Devices are shared: no remember-me cookie, and an idle session ends.
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "IDLE_TIMEOUT": timedelta(minutes=_int("LMS_IDLE_MINUTES", 30)),
        # However active, a signed-in session ends on the server after this long.
        "SESSION_LIFETIME": timedelta(hours=_int("LMS_SESSION_HOURS", 12)),
        # A browser-session cookie, written only when the session changes (see security.py).
        "SESSION_REFRESH_EACH_REQUEST": False,
        # Long forms lose nothing: the CSRF token is bound to the session, not to a clock.
        "WTF_CSRF_TIME_LIMIT": None,
        # No Referer check: pages say Referrer-Policy: no-referrer, so browsers send none, and
        # behind nginx (gunicorn trusts X-Forwarded-Proto) every HTTPS form would fail it. The
        # session-bound token and SameSite=Lax cookies are the protection (tests/cluster).
        "WTF_CSRF_SSL_STRICT": False,
        "MAX_CONTENT_LENGTH": _int("LMS_MAX_UPLOAD_MB", 8) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": os.environ.get("LMS_DEFAULT_LOCALE", "en"),
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "lms" / "translations"),
        "LMS_BASE_URL": os.environ.get("LMS_BASE_URL", "").rstrip("/"),
        # Encrypts Open Badge signing keys; falls back to SECRET_KEY when unset.
        "LMS_SIGNING_KEY": os.environ.get("LMS_SIGNING_KEY", ""),
        "LMS_QUICK_EXIT_URL": os.environ.get(
            "LMS_QUICK_EXIT_URL", "https://www.wikipedia.org/wiki/Special:Random"
        ),
        "LMS_COURSES_DIR": os.environ.get("LMS_COURSES_DIR", str(ROOT / "courses")),
        "LMS_ASSESSMENTS_DIR": os.environ.get("LMS_ASSESSMENTS_DIR", str(ROOT / "assessments")),
        # Activity evidence files (the uploads a backup carries).
        "LMS_EVIDENCE_DIR": os.environ.get("LMS_EVIDENCE_DIR") or str(instance_path / "evidence"),
        "LMS_INVITE_DAYS": _int("LMS_INVITE_DAYS", 14),
        "LMS_RESET_CODE_HOURS": _int("LMS_RESET_CODE_HOURS", 48),
        # Limits are counted in this storage. "memory://" counts per worker process; several
        # workers or servers need one shared store (for example "redis://localhost:6379/0").
        "RATELIMIT_STORAGE_URI": os.environ.get("LMS_RATELIMIT_STORAGE_URI", "memory://"),
        # How many reverse proxies (nginx) stand in front and may be trusted to say, in
        # X-Forwarded-For, who the client is. 0: the header is ignored, as anyone can send it.
        "LMS_PROXY_COUNT": _int("LMS_PROXY_COUNT", 0),
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        # Argon2's cheapest profile keeps the test suite fast; never used outside testing.
        "PASSWORD_HASH_PROFILE": "cheapest" if env == "testing" else "default",
        # Brotli for browsers that take it, gzip otherwise; static files are compressed once
        # per version and then cached by the browser for a year (lms/serving/static.py).
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_ALGORITHM_STREAMING": ["br", "deflate"],
        "COMPRESS_BR_LEVEL": 5,
        "COMPRESS_MIN_SIZE": 500,
        # How long a process trusts its copy of the catalogue before asking whether another
        # process (the command line, another server) stored newer content (catalog/snapshot.py).
        # The tests make changes "from another process" and look at once.
        "LMS_CATALOGUE_CHECK_SECONDS": 0
        if env == "testing"
        else _int("LMS_CATALOGUE_CHECK_SECONDS", 2),
        "LMS_REQUEST_LOG": os.environ.get("LMS_REQUEST_LOG", "0" if env == "testing" else "1")
        == "1",
        # Failed sign-ins only (see accounts/limits.py): tight for one account from one address,
        # loose for one address, and for one account from everywhere only a slow-down far above
        # what one address can reach, so a stranger cannot lock a member out.
        "SIGN_IN_LIMITS": os.environ.get("LMS_SIGN_IN_LIMITS", "5 per minute;20 per hour"),
        "SIGN_IN_ADDRESS_LIMITS": os.environ.get(
            "LMS_SIGN_IN_ADDRESS_LIMITS", "30 per minute;300 per hour"
        ),
        "SIGN_IN_ACCOUNT_LIMITS": os.environ.get("LMS_SIGN_IN_ACCOUNT_LIMITS", "100 per hour"),
        # Codes for two-step sign-in, counted per account (only wrong codes count).
        "TWO_STEP_LIMITS": os.environ.get("LMS_TWO_STEP_LIMITS", "5 per minute;20 per hour"),
    }
    if production and config["LMS_BASE_URL"] == "":
        raise ConfigError("LMS_BASE_URL must be set in production (used in printed links).")
    config.update(overrides)
    # A server (PostgreSQL) may have closed a pooled connection: check it before use. A SQLite
    # file cannot go away like that, and the check would cost every request a query.
    config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        {"pool_pre_ping": not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")},
    )
    if config["LMS_PROXY_COUNT"] < 0:
        raise ConfigError("LMS_PROXY_COUNT must be 0 or more.")
    if config["BABEL_DEFAULT_LOCALE"] not in LOCALES:
        raise ConfigError(f"LMS_DEFAULT_LOCALE must be one of {', '.join(LOCALES)}.")
    return config
