"""Production draws pages from compiled templates kept in memory: Jinja must not look at the
template files again on every page (auto_reload stats each file each time it is used), and its
cache must hold every template, or pages would be compiled again and again."""

from lms import create_app


def test_production_keeps_every_compiled_template_and_never_checks_the_files(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example")
    app = create_app({"LMS_ENV": "production", "LMS_UPLOAD_DIR": str(tmp_path / "up")})
    assert app.debug is False
    assert app.jinja_env.auto_reload is False
    assert app.jinja_env.cache.capacity >= 2 * len(app.jinja_env.list_templates())
    assert app.jinja_env.globals["_"] is app.jinja_env.globals["gettext"]  # one call, not two
