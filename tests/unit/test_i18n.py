import pytest

from lms.i18n import best_locale, parse_accept_language, to_locale
from lms.redirects import is_safe_next


@pytest.mark.parametrize(
    ("tag", "locale"),
    [
        ("zh", "zh_Hans"),
        ("zh-CN", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        ("zh_Hans_CN", "zh_Hans"),
        ("zh-SG", "zh_Hans"),
        ("zh-TW", None),
        ("zh-Hant", None),
        ("bn", "bn"),
        ("bn-BD", "bn"),
        ("bn-IN", "bn"),
        ("en-GB", "en"),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_language_tags_map_to_shipped_locales(tag, locale):
    assert to_locale(tag) == locale


def test_accept_language_is_ordered_by_quality():
    assert parse_accept_language("en;q=0.5, bn-BD, zh-CN;q=0.8") == ["bn-BD", "zh-CN", "en"]
    assert parse_accept_language("*, fr;q=0") == []
    assert parse_accept_language("de;q=abc") == []


def test_best_locale_falls_through_unshipped_languages():
    assert best_locale(["fr", "zh-TW", "bn-BD"]) == "bn"
    assert best_locale(["fr"], default="en") == "en"
    assert best_locale([None, "zh-CN"]) == "zh_Hans"


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/account", True),
        ("/staff/members?x=1", True),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("https://evil.example", False),
        ("javascript:alert(1)", False),
        ("", False),
        (None, False),
        ("/ok\r\nSet-Cookie: x", False),
    ],
)
def test_only_local_paths_are_safe_redirects(target, safe):
    assert is_safe_next(target) is safe


def test_in_language_picks_the_translation_or_the_original():
    from lms.i18n import in_language

    translations = {"zh-Hans": "中文版", "bn": "বাংলা"}
    assert in_language(translations, "original", "zh_Hans") == "中文版"
    assert in_language(translations, "original", "bn") == "বাংলা"
    assert in_language(translations, "original", "en") == "original"
    assert in_language({}, "original", "bn") == "original"


def test_numbers_follow_the_locale_with_one_digit_style():
    from lms.i18n import format_number, localise_digits, with_local_numbers

    assert format_number(60, "bn") == "৬০"
    assert format_number(1250, "bn") == "১,২৫০"
    assert format_number(1250, "zh_Hans") == "1,250" and format_number(7, "en") == "7"
    assert localise_digits("25 নভেম্বর, 2026", "bn") == "২৫ নভেম্বর, ২০২৬"
    assert localise_digits("2026年11月25日", "zh_Hans") == "2026年11月25日"
    message, values = with_local_numbers(
        "%(num)d of %(total)s, %(name)s", {"num": 3, "total": 25, "name": "A1", "ok": True}, "bn"
    )
    assert message % values == "৩ of ২৫, A1"  # names and flags are left as they are
    assert with_local_numbers("%(name)s", {"name": "x"}, "bn") == ("%(name)s", {"name": "x"})


def test_each_shipped_locale_numbering_system_is_babels():
    from babel import Locale

    from lms.i18n import LOCALES, NUMBERING_SYSTEMS

    assert set(NUMBERING_SYSTEMS) == set(LOCALES)
    for locale in LOCALES:
        assert NUMBERING_SYSTEMS[locale] == Locale.parse(locale).default_numbering_system


def test_small_whole_numbers_are_written_as_babel_writes_them():
    from babel.numbers import format_decimal

    from lms.i18n import LOCALES, format_number, localise_digits

    for locale in LOCALES:
        for value in range(1000):
            expected = localise_digits(format_decimal(value, locale=locale), locale)
            assert format_number(value, locale) == expected, (locale, value)


def test_small_counts_need_no_cldr_data():
    """Pages whose only numbers are small counts do not load Babel's CLDR data (about 4 MB in
    every worker); a larger number still goes through Babel. A fresh interpreter, since this
    process may have loaded the data for another test already."""
    import subprocess
    import sys

    script = """
import babel.core, babel.localedata
from lms import i18n
assert i18n.format_number(3, "bn") == "৩" and i18n.format_number(999, "en") == "999"
assert i18n.localise_digits("2 of 5", "bn") == "২ of ৫"
message, values = i18n.with_local_numbers("%(num)d of %(total)d", {"num": 2, "total": 5}, "zh_Hans")
assert message % values == "2 of 5"
assert babel.core._global_data is None and not babel.localedata._cache, "CLDR data loaded"
assert i18n.format_number(1250, "bn") == "১,২৫০"
assert babel.localedata._cache, "Babel formats the larger number"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# Days, years and times that catch padding, two-digit and month-end mistakes.
_DAYS = (1, 2, 9, 10, 11, 19, 20, 28, 29, 30, 31)
_YEARS = (1, 9, 10, 99, 100, 999, 1000, 1999, 2000, 2009, 2024, 2026, 2027, 2100, 9999)
_TIMES = ((0, 0), (0, 1), (0, 59), (9, 5), (11, 59), (12, 0), (12, 1), (13, 0), (23, 0), (23, 59))


def _days():
    import calendar
    from datetime import date

    for year in _YEARS:
        for month in range(1, 13):
            for day in _DAYS:
                if day <= calendar.monthrange(year, month)[1]:
                    yield date(year, month, day)


def test_each_shipped_locale_date_table_is_babels():
    """DATE_FORMS is CLDR's data as Babel has it, for every shipped locale and no other."""
    from babel import Locale

    from lms.i18n import DATE_FORMS, LOCALES

    assert set(DATE_FORMS) == set(LOCALES)
    for locale in LOCALES:
        cldr = Locale.parse(locale)
        for width in ("wide", "abbreviated"):
            names = cldr.months["format"][width]
            assert DATE_FORMS[locale][width] == tuple(names[m] for m in range(1, 13)), locale
        for form in ("long",):
            assert DATE_FORMS[locale][form] == cldr.date_formats[form].pattern, (locale, form)


def test_dates_are_written_as_babel_writes_them():
    """Every shipped locale, every month, days from 1 to 31 and years from 1 to 9999, by each
    pattern Pathways uses: the same text as Babel's format_date."""
    from babel.dates import format_date

    from lms.i18n import LOCALES, date_pattern, format_moment

    for locale in LOCALES:
        patterns = [date_pattern(locale, "long"), "d MMMM y"]
        patterns += ["dd/MM/yy", "'on' d MMM y"]  # padding, two-digit years, quoted words
        for day in _days():
            for pattern in patterns:
                expected = format_date(day, pattern, locale=locale)
                assert format_moment(day, pattern, locale) == expected, (locale, pattern, day)


def test_dates_and_times_are_written_as_babel_writes_them():
    """Midnight, noon, 23:59 and the minutes around them, with the patterns that show a time."""
    from datetime import UTC, datetime

    from babel.dates import format_datetime

    from lms.i18n import LOCALES, date_pattern, format_moment

    for locale in LOCALES:
        patterns = ("d MMMM y, HH:mm", "HH:mm", f"{date_pattern(locale, 'long')} H:m")
        for day in _days():
            for hour, minute in _TIMES:
                moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
                for pattern in patterns:
                    expected = format_datetime(moment, pattern, tzinfo=UTC, locale=locale)
                    assert format_moment(moment, pattern, locale) == expected, (locale, moment)


def test_an_unshipped_locale_or_pattern_fails_instead_of_guessing():
    """A locale missing from the table, or a pattern letter the formatter does not know,
    raises: nothing falls back to English or to Babel unnoticed."""
    from datetime import date

    from lms.i18n import date_pattern, format_moment

    day = date(2026, 11, 28)
    with pytest.raises(KeyError):
        format_moment(day, "d MMMM y", "fr")
    with pytest.raises(KeyError):
        date_pattern("zh_Hant", "long")
    for pattern in ("EEEE, d MMMM y", "d MMMMM y", "h:mm a", "yyyy-MM-dd G", "d 'MMM"):
        with pytest.raises(ValueError, match="unsupported"):
            format_moment(day, pattern, "en")


def test_dates_need_no_cldr_data():
    """Writing a date or a time on a page, in every shipped locale and through the app's own
    functions and filters, loads none of Babel's CLDR locale data (about 4 MB in every worker
    that shows a date). A fresh interpreter, since this process may have loaded it already."""
    import subprocess
    import sys

    script = """
from datetime import date, datetime, timezone
import babel.core, babel.localedata
from flask import Flask, render_template_string
from flask_babel import force_locale
from lms import numbers
from lms.extensions import babel as flask_babel_extension
from lms.i18n import LOCALES

app = Flask(__name__)
flask_babel_extension.init_app(app)
numbers.init_app(app)
app.jinja_env.filters.update(date=numbers.local_date, datetime=numbers.local_datetime)
moment = datetime(2026, 11, 28, 23, 59)
shown = {}
with app.test_request_context():
    for locale in LOCALES:
        with force_locale(locale):
            shown[locale] = (
                numbers.local_date(moment), numbers.local_date(date(2026, 1, 2)),
                numbers.local_datetime(moment),
                numbers.local_datetime(datetime(2026, 11, 28, 23, 59, tzinfo=timezone.utc)),
                render_template_string("{{ m|date }} {{ m|datetime }}", m=moment),
            )
assert shown["en"][:3] == ("28 November 2026", "2 January 2026", "28 November 2026, 23:59")
assert shown["zh_Hans"][2] == "2026年11月28日 23:59", shown["zh_Hans"]
assert shown["bn"][2] == "২৮ নভেম্বর, ২০২৬ ২৩:৫৯", shown["bn"]
assert babel.core._global_data is None and not babel.localedata._cache, "CLDR data loaded"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
