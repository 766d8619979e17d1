"""`lms.numbers.page_locale` reads Flask-Babel's chosen locale without its proxies; it must give
the same answer as `str(flask_babel.get_locale())` wherever a page can ask."""

import pytest
from flask import render_template_string
from flask_babel import force_locale, get_locale

from lms.config import LOCALES
from lms.numbers import page_locale


@pytest.mark.parametrize("accept", ["en", "zh-CN", "bn-BD"])
def test_page_locale_is_flask_babels_locale_in_a_request(app, accept):
    with app.test_request_context("/", headers={"Accept-Language": accept}):
        first = page_locale()  # before Flask-Babel has chosen: it asks Flask-Babel
        assert first == str(get_locale())
        assert page_locale() == str(get_locale()) == first  # kept, the same answer


def test_page_locale_follows_force_locale_and_comes_back(app):
    with app.test_request_context("/", headers={"Accept-Language": "bn"}):
        assert page_locale() == "bn"
        for locale in LOCALES:
            with force_locale(locale):
                assert page_locale() == str(get_locale()) == locale
                # Templates ask through the same function (strings, numbers, dates).
                assert render_template_string("{{ 12|number }}") == (
                    "১২" if locale == "bn" else "12"
                )
        assert page_locale() == "bn"


def test_page_locale_outside_a_request(app):
    # In the app context only (a command, a daily job): Flask-Babel's default.
    assert page_locale() == str(get_locale())


def test_page_locale_with_no_app_at_all():
    assert page_locale() == "en"
