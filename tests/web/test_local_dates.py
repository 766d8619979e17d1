"""Dates and times on pages are written exactly as Flask-Babel wrote them before they came
from lms.i18n's table (DATE_FORMS): every shipped locale, every month, times at the day's
edges, naive and aware datetimes and bare dates, in UTC (Pathways' setting) and in timezones
where the reader's day differs from UTC's, through the functions and the template filters."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from flask import render_template_string
from flask_babel import force_locale, format_date, format_datetime, get_locale

from lms.i18n import LOCALES, localise_digits
from lms.numbers import local_date, local_datetime


def _before_date(value) -> str:
    """lms.numbers.local_date as it was, through Flask-Babel and Babel's CLDR data."""
    if not value:
        return ""
    locale = str(get_locale() or "en")
    shown = format_date(value, "d MMMM y" if locale.startswith("en") else "long")
    return localise_digits(shown, locale)


def _before_datetime(value) -> str:
    """lms.numbers.local_datetime as it was."""
    if not value:
        return ""
    locale = str(get_locale() or "en")
    if locale.startswith("en"):
        return format_datetime(value, "d MMMM y, HH:mm")
    return f"{_before_date(value)} {localise_digits(format_datetime(value, 'HH:mm'), locale)}"


def _values():
    """Naive datetimes (stored as UTC), aware ones, and dates: each month, days at a month's
    edges, and times around midnight, noon and the reader's day boundary."""
    plus_six = timezone(timedelta(hours=6))
    for month in range(1, 13):
        for day in (1, 9, 10, 28):
            for hour, minute in ((0, 0), (0, 1), (5, 59), (6, 0), (12, 0), (17, 59), (18, 0)):
                yield datetime(2026, month, day, hour, minute)
            yield datetime(2026, month, day, 23, 59)
            yield datetime(2026, month, day, 23, 59, tzinfo=UTC)
            yield datetime(2026, month, day, 0, 30, tzinfo=plus_six)
            yield date(2026, month, day)
    yield datetime(2026, 12, 31, 23, 59)  # the reader may already be in the next year
    yield datetime(2024, 2, 29, 18, 30)  # a leap day
    yield date(2027, 1, 1)
    yield None


# UTC is what Pathways runs with (no BABEL_DEFAULT_TIMEZONE); the others put the reader's
# midnight at another hour (Dhaka +6, Kolkata +5:30, New York −5/−4), so the day shown moves.
@pytest.mark.parametrize("zone", ["UTC", "Asia/Dhaka", "Asia/Kolkata", "America/New_York"])
def test_dates_and_times_are_shown_as_flask_babel_showed_them(app, monkeypatch, zone):
    monkeypatch.setattr(app.extensions["babel"], "default_timezone", zone)
    template = "{{ v|date }}|{{ v|datetime }}"
    for locale in LOCALES:
        with app.test_request_context(), force_locale(locale):
            for value in _values():
                assert local_date(value) == _before_date(value), (zone, locale, value)
                assert local_datetime(value) == _before_datetime(value), (zone, locale, value)
                expected = f"{_before_date(value)}|{_before_datetime(value)}"
                assert render_template_string(template, v=value) == expected


def test_the_reader_timezone_moves_the_day(app, monkeypatch):
    """Not only the same as before: the conversion really happens (23:59 UTC is the next
    morning in Dhaka), so the tests above compare something that moves."""
    monkeypatch.setattr(app.extensions["babel"], "default_timezone", "Asia/Dhaka")
    with app.test_request_context(), force_locale("en"):
        assert local_datetime(datetime(2026, 12, 31, 23, 59)) == "1 January 2027, 05:59"
        assert local_date(date(2026, 12, 31)) == "31 December 2026"
    with app.test_request_context(), force_locale("bn"):
        assert local_date(datetime(2026, 11, 28, 18, 0)) == "২৯ নভেম্বর, ২০২৬"
