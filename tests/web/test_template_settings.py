"""Production draws pages from compiled templates kept in memory: Jinja must not look at the
template files again on every page (auto_reload stats each file each time it is used), and its
cache must hold every template, or pages would be compiled again and again."""

import pytest

from lms import create_app
from lms.extensions import db


def test_production_keeps_every_compiled_template_and_never_checks_the_files(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example")
    app = create_app({"LMS_ENV": "production", "LMS_UPLOAD_DIR": str(tmp_path / "up")})
    assert app.debug is False
    assert app.jinja_env.auto_reload is False
    assert app.jinja_env.cache.capacity >= 2 * len(app.jinja_env.list_templates())
    assert app.jinja_env.globals["_"] is app.jinja_env.globals["gettext"]  # one call, not two
    with app.app_context():  # never connected; its engine goes all the same
        db.engine.dispose()


def test_templates_share_the_environments_globals(app):
    """lms.jinja.PagesEnvironment: one dictionary, not a ChainMap copied name by name per page."""
    env = app.jinja_env
    page = env.get_template("progress/course.html")
    macros = env.get_template("_macros/learning.html")
    assert page.globals is env.globals is macros.globals
    # A global added after the templates were loaded is seen by them, as with Jinja's ChainMap.
    env.globals["pathways_test_global"] = "added later"
    try:
        assert env.from_string("{{ pathways_test_global }}").render() == "added later"
        assert page.globals["pathways_test_global"] == "added later"
    finally:
        del env.globals["pathways_test_global"]


def test_templates_take_no_globals_of_their_own(app):
    # On the shared dictionary they would become every template's globals.
    env = app.jinja_env
    env.get_template("progress/course.html")  # loaded and kept, then asked for with globals
    for load in (
        lambda: env.get_template("progress/course.html", globals={"x": 1}),
        lambda: env.select_template(["progress/course.html"], globals={"x": 1}),
        lambda: env.get_or_select_template("progress/lesson.html", globals={"x": 1}),
        lambda: env.from_string("{{ x }}", globals={"x": 1}),
    ):
        with pytest.raises(ValueError):
            load()
    assert "x" not in env.globals


def test_a_page_importing_macros_draws_them(app):
    with app.test_request_context("/"):
        page = app.jinja_env.from_string(
            '{% from "_macros/learning.html" import status_tag %}{{ status_tag("finished") }}'
        )
        assert 'class="tag tag--done"' in page.render()
