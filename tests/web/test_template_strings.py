"""Templates' `_()` keeps each plain string per language (lms.numbers._PLAIN_STRINGS), for speed:
what a page shows must stay exactly what the catalogue gives, in the page's language."""

from flask import render_template_string
from flask_babel import force_locale, gettext, ngettext
from markupsafe import escape

from lms import numbers
from lms.config import LOCALES


def test_a_kept_string_follows_the_language_of_each_page(app):
    with app.test_request_context("/"):
        shown = {}
        for _round in range(2):  # the second round is served from what the first kept
            for locale in LOCALES:
                with force_locale(locale):
                    page = render_template_string("{{ _('Sign out') }}|{{ _('Home') }}")
                    assert page == f"{gettext('Sign out')}|{gettext('Home')}"
                    assert shown.setdefault(locale, page) == page
                    assert numbers._PLAIN_STRINGS[(locale, "Home")] == gettext("Home")
        assert len(set(shown.values())) == len(LOCALES)  # three languages, three pages


def test_strings_with_values_are_drawn_each_time_and_escaped(app):
    with app.test_request_context("/"):
        for name in ("<b>Asha</b>", "Mina"):
            page = render_template_string("{{ _('Hello, %(name)s', name=name) }}", name=name)
            assert page == gettext("Hello, %(name)s", name=escape(name))
        assert not [key for key in numbers._PLAIN_STRINGS if len(key) == 2 and "%(" in key[1]]
        # Numbers in placeholders still follow the language.
        with force_locale("bn"):
            assert "৩" in render_template_string(
                "{{ _('Lesson %(number)s of %(total)s', number=3, total=4) }}"
            )


def test_plain_text_templates_are_not_served_markup(app):
    with app.test_request_context("/"):
        page = render_template_string(
            "{% autoescape false %}{{ _('Home') }}{% endautoescape %}|{{ _('Home') }}"
        )
        assert page == f"{gettext('Home')}|{gettext('Home')}"


def test_the_kept_strings_are_bounded(app, monkeypatch):
    monkeypatch.setattr(numbers, "_PLAIN_STRINGS", {})
    monkeypatch.setattr(numbers, "PLAIN_STRINGS_KEPT", 3)
    with app.test_request_context("/"):
        for word in ("Home", "Sign out", "Switch", "Main", "Language"):
            assert render_template_string("{{ _(word) }}", word=word) == gettext(word)
            assert len(numbers._PLAIN_STRINGS) <= 3


def test_a_kept_plural_follows_the_number_and_the_language(app):
    template = "{{ ngettext('%(num)d minute', '%(num)d minutes', n) }}"
    with app.test_request_context("/"):
        for _round in range(2):
            assert render_template_string(template, n=1) == "1 minute"
            assert render_template_string(template, n=12) == "12 minutes"
            assert render_template_string(template, n=12.5) == "12.5 minutes"
            with force_locale("bn"):
                assert render_template_string(template, n=12) == ngettext(
                    "%(num)d minute", "%(num)d minutes", 12
                )
                assert "১২" in render_template_string(template, n=12)
        assert ("en", "%(num)d minute", "%(num)d minutes", 12) in numbers._PLAIN_STRINGS
        assert not [key for key in numbers._PLAIN_STRINGS if 12.5 in key]
