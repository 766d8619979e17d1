from pathlib import Path

import pytest

from lms.config import ConfigError, build_config, normalise_database_url


def test_postgres_urls_use_psycopg3():
    assert normalise_database_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_production_refuses_to_start_without_a_secret(monkeypatch, tmp_path):
    monkeypatch.delenv("LMS_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        build_config(tmp_path, {"LMS_ENV": "production"})


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example")
    config = build_config(tmp_path, {"LMS_ENV": "production"})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["WTF_CSRF_TIME_LIMIT"] is None


def test_development_keeps_a_generated_secret(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("LMS_SECRET_KEY", raising=False)
    first = build_config(tmp_path, {"LMS_ENV": "development"})["SECRET_KEY"]
    second = build_config(tmp_path, {"LMS_ENV": "development"})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_tests_never_read_the_real_database_url(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_DATABASE_URL", "postgresql://real/production")
    monkeypatch.delenv("LMS_TEST_DATABASE_URL", raising=False)
    config = build_config(tmp_path, {"LMS_ENV": "testing"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_unknown_environment_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        build_config(tmp_path, {"LMS_ENV": "staging"})
