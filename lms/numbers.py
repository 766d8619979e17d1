"""Every number shown goes through the locale, the same way in Python and in templates.

Bengali pages write numbers in Bengali digits (CLDR's default numbering system for bn), with
CLDR's grouping; Chinese and English pages use 0-9. The rule itself is `lms.i18n`
(`format_number`, `with_local_numbers`); this module applies it to `_()`, `ngettext()`,
`lazy_gettext` placeholders, the `|number` filter and dates.
"""

from datetime import date, datetime, time

from babel.support import Translations
from flask import Flask
from flask.globals import _cv_app
from flask_babel import Domain, get_locale, get_translations, to_user_timezone
from jinja2 import pass_context
from markupsafe import Markup

from .extensions import babel
from .i18n import date_pattern, format_moment, format_number, localise_digits, with_local_numbers


def page_locale() -> str:
    """The page's locale as text ("bn"), as `str(flask_babel.get_locale())` gives it.

    A page asks this for every string, number and date on it (40 times on the dashboard), and
    Flask-Babel's `get_locale` reaches its state through three `g` proxy look-ups each time.
    The fast path reads the same state (Flask-Babel 4 keeps the chosen locale at
    `g._flask_babel.babel_locale`, `force_locale` included) from the app context directly, and
    keeps the text beside the locale it was made from; anything else asks Flask-Babel.
    `tests/web/test_page_locale.py` holds the two to the same answer.
    """
    app_context = _cv_app.get(None)
    if app_context is not None:
        state = app_context.g.__dict__.get("_flask_babel")
        locale = getattr(state, "babel_locale", None)
        if locale is not None:
            kept = getattr(state, "pathways_locale_text", None)
            if kept is not None and kept[0] is locale:
                return kept[1]
            text = str(locale)
            state.pathways_locale_text = (locale, text)
            return text
    return str(get_locale() or "en")


def _fill(message: str, variables: dict) -> str:
    message, variables = with_local_numbers(message, variables, page_locale())
    return message % variables


class LocalNumbersDomain(Domain):
    """Flask-Babel's domain, with numbers in placeholders written for the page's locale."""

    def gettext(self, string, **variables):
        message = self.get_translations().ugettext(string)
        return _fill(message, variables) if variables else message

    def ngettext(self, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return _fill(self.get_translations().ungettext(singular, plural, num), variables)

    def pgettext(self, context, string, **variables):
        message = self.get_translations().upgettext(context, string)
        return _fill(message, variables) if variables else message

    def npgettext(self, context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        message = self.get_translations().unpgettext(context, singular, plural, num)
        return _fill(message, variables)


def _template_fill(context, message: str, variables: dict, locale: str):
    # As Jinja's own "newstyle" gettext: escape the variables, always treat as a format.
    if variables:
        message, variables = with_local_numbers(message, variables, locale)
    if context.eval_ctx.autoescape:
        message = Markup(message)  # noqa: S704 (our own catalogue text; variables escaped by %)
    return message % variables


# {locale: its catalogue}. A page has 30 or more strings; asking Flask-Babel for the catalogue
# each time costs more than the rest of the string's work. Flask-Babel keeps catalogues for
# the life of the process too (on the shared domain), so this holds the same objects.
_CATALOGUES: dict[str, object] = {}


def _catalogue() -> tuple[str, object]:
    locale = page_locale()  # asked each time: force_locale (certificates) changes it mid-request
    catalogue = _CATALOGUES.get(locale)
    if catalogue is None:
        catalogue = get_translations()
        if isinstance(catalogue, Translations):  # not the stand-in given outside any app
            _CATALOGUES[locale] = catalogue
    return locale, catalogue


# {(locale, msgid): the string as a page shows it}, for `_()` without placeholders in autoescaped
# templates (and {(locale, singular, plural, n): ...} for `ngettext` with only its whole number):
# most of a page's strings, the same on every page in a language. Drawing one again
# (catalogue, Markup, `%`) costs about four microseconds; a look-up, well under one. Only real
# catalogues are kept (as `_CATALOGUES`), and the templates' msgids are literals, so this stays
# a few thousand entries; PLAIN_STRINGS_KEPT bounds it all the same.
_PLAIN_STRINGS: dict[tuple, Markup] = {}
PLAIN_STRINGS_KEPT = 8192


@pass_context
def _template_gettext(context, string, **variables):
    if not variables and context.eval_ctx.autoescape:
        key = (page_locale(), string)
        kept = _PLAIN_STRINGS.get(key)
        if kept is not None:
            return kept
    locale, catalogue = _catalogue()
    shown = _template_fill(context, catalogue.ugettext(string), variables, locale)
    if not variables and context.eval_ctx.autoescape and locale in _CATALOGUES:
        if len(_PLAIN_STRINGS) >= PLAIN_STRINGS_KEPT:
            _PLAIN_STRINGS.clear()
        _PLAIN_STRINGS[(locale, string)] = shown
    return shown


@pass_context
def _template_ngettext(context, singular, plural, num, **variables):
    # "%(num)d minutes" alone, once per lesson on a course page: kept as plain strings are,
    # for whole numbers only (1 and 1.0 are one key, but not always one text).
    plain = not variables and type(num) is int and context.eval_ctx.autoescape
    if plain:
        kept = _PLAIN_STRINGS.get((page_locale(), singular, plural, num))
        if kept is not None:
            return kept
    variables.setdefault("num", num)
    locale, catalogue = _catalogue()
    shown = _template_fill(context, catalogue.ungettext(singular, plural, num), variables, locale)
    if plain and locale in _CATALOGUES:
        if len(_PLAIN_STRINGS) >= PLAIN_STRINGS_KEPT:
            _PLAIN_STRINGS.clear()
        _PLAIN_STRINGS[(locale, singular, plural, num)] = shown
    return shown


def number(value) -> str:
    """The `|number` filter: a number written for the page's locale."""
    return format_number(value, page_locale()) if value is not None else ""


def digits(text) -> str:
    """The `|digits` filter: text already formatted (a date, a time) in the locale's digits."""
    return localise_digits(str(text), page_locale()) if text is not None else ""


# English pages write "25 November 2026" (day first), not CLDR's "long" English form
# ("November 25, 2026"); other languages use their own CLDR long date.
ENGLISH_DATE = "d MMMM y"
ENGLISH_DATETIME = "d MMMM y, HH:mm"


def _day_of(value):
    """The day a date or datetime falls on for the reader, as Flask-Babel's format_date finds
    it: a datetime in the request's timezone (naive means UTC), a date as it is."""
    return to_user_timezone(value) if isinstance(value, datetime) else value


def _moment_of(value) -> datetime:
    """A date or datetime as Flask-Babel's format_datetime shows it: in the request's timezone
    (naive means UTC; a bare date is its midnight in UTC, as Babel reads it)."""
    if not isinstance(value, datetime) and isinstance(value, date):
        value = datetime.combine(value, time())
    return to_user_timezone(value)


# Dates are written from the table in lms.i18n (DATE_FORMS), checked against Babel, not by
# Babel's format_date: that loads the locale's CLDR data into the worker (about 4 MB), and
# most pages with a date show nothing else that needs it. The output and the timezone rule
# are Flask-Babel's (tests/web/test_local_dates.py compares them for every shipped locale).
def local_date(value) -> str:
    """A date as the page's language writes it, in its digits (the `|date` filter too).

    "25 November 2026" in English; each other language's own long form (2026年11月25日).
    """
    if not value:
        return ""
    locale = page_locale()
    pattern = ENGLISH_DATE if locale.startswith("en") else date_pattern(locale, "long")
    return localise_digits(format_moment(_day_of(value), pattern, locale), locale)


def local_datetime(value) -> str:
    """A date and time as the page's language writes it (the `|datetime` filter too).

    "25 November 2026, 14:05" in English; otherwise the language's own long date and a
    24-hour time (2026年11月25日 14:05), never English month order in Chinese.
    """
    if not value:
        return ""
    locale = page_locale()
    if locale.startswith("en"):
        return format_moment(_moment_of(value), ENGLISH_DATETIME, locale)
    shown_time = format_moment(_moment_of(value), "HH:mm", locale)
    return f"{local_date(value)} {localise_digits(shown_time, locale)}"


def init_app(app: Flask) -> None:
    """Install the number rule; call after `babel.init_app` (it replaces Babel's callables)."""
    # Flask-Babel caches its domain on the shared Babel object; ours is the same domain with
    # the number rule, so `_`, `ngettext` and `lazy_gettext` in Python all follow it.
    if not isinstance(babel.__dict__.get("domain_instance"), LocalNumbersDomain):
        babel.domain_instance = LocalNumbersDomain(domain="messages")
    # `_` too: Jinja's own `_` looks `gettext` up in the page's context and calls it, a second
    # call through the template runtime for every string on every page.
    app.jinja_env.globals.update(
        _=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext
    )
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["digits"] = digits
