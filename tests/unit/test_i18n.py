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


def test_numbers_and_lists_need_no_cldr_data():
    """Writing a number of any size, sign or fraction, or a list of names, in every shipped
    locale, loads none of Babel's CLDR data (about 4 MB in every worker); neither does the
    `|number` filter or a number in `_()`. A fresh interpreter, since this process may have
    loaded the data for another test already."""
    import subprocess
    import sys

    script = """
from decimal import Decimal
import babel.core, babel.localedata
from flask import Flask, render_template_string
from flask_babel import force_locale, gettext
from lms import i18n, numbers
from lms.extensions import babel as flask_babel_extension

assert i18n.format_number(3, "bn") == "৩" and i18n.format_number(999, "en") == "999"
assert i18n.localise_digits("2 of 5", "bn") == "২ of ৫"
message, values = i18n.with_local_numbers("%(num)d of %(total)d", {"num": 2, "total": 5}, "zh_Hans")
assert message % values == "2 of 5"
assert i18n.format_number(1250, "bn") == "১,২৫০"
assert i18n.format_number(1234567, "bn") == "১২,৩৪,৫৬৭"
assert i18n.format_number(-1234567.5, "en") == "-1,234,567.5"
assert i18n.format_number(Decimal("1000.0005"), "zh_Hans") == "1,000"
for locale in i18n.LOCALES:
    i18n.format_number(10**12, locale), i18n.format_number(-0.125, locale)
    i18n.format_list(["A", "B", "C"], locale)
assert i18n.format_list(["A", "B", "C"], "en") == "A, B, and C"
app = Flask(__name__)
flask_babel_extension.init_app(app)
numbers.init_app(app)
with app.test_request_context(), force_locale("bn"):
    shown = render_template_string("{{ n|number }} {{ _('%(n)s', n=n) }}", n=123456)
    assert shown == "১,২৩,৪৫৬ ১,২৩,৪৫৬", shown
    assert gettext("%(hours)s", hours=1000) == "১,০০০"
assert babel.core._global_data is None and not babel.localedata._cache, "CLDR data loaded"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_each_shipped_locale_number_table_is_babels():
    """NUMBER_FORMS is CLDR's data as Babel has it, for every shipped locale and no other,
    and every shipped decimal pattern is of the one shape format_number writes."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_infinity_symbol

    from lms.i18n import LOCALES, NUMBER_FORMS, NUMBER_FRACTION_DIGITS

    assert set(NUMBER_FORMS) == set(LOCALES)
    for locale in LOCALES:
        pattern = Locale.parse(locale).decimal_formats[None]
        form = NUMBER_FORMS[locale]
        assert pattern.grouping == form["grouping"], locale
        assert form["group"] == get_group_symbol(locale, numbering_system="latn"), locale
        assert form["decimal"] == get_decimal_symbol(locale, numbering_system="latn"), locale
        assert form["infinity"] == get_infinity_symbol(locale, numbering_system="latn"), locale
        # The shape the formatter assumes: no prefix or suffix but "-", at least one integer
        # digit, up to NUMBER_FRACTION_DIGITS fraction digits, no scale, exponent or "@".
        assert (pattern.prefix, pattern.suffix) == (("", "-"), ("", "")), locale
        assert pattern.int_prec[0] == 1 and pattern.frac_prec == (0, NUMBER_FRACTION_DIGITS)
        assert (pattern.scale, pattern.exp_prec, "@" in pattern.pattern) == (0, None, False)


def _sample_whole_numbers():
    """0 to 10^7 densely (every number to 20,000, then every 37th to 10^6 and every 997th
    to 10^7), every number around each power of ten and group boundary (999/1000,
    99999/100000, 10^6...) and its half and double, and a few very large ones."""
    values = set(range(20_001)) | set(range(0, 10**6, 37)) | set(range(0, 10**7 + 1, 997))
    values |= set(range(10**7, 10**9, 99_991))
    for power in range(1, 19):
        for edge in (10**power, 10**power // 2, 2 * 10**power):
            values |= set(range(max(0, edge - 3), edge + 4))
    values |= {12_345, 123_456, 1_234_567, 12_345_678, 123_456_789, 2**31, 2**53, 2**63}
    return sorted(values)


def test_numbers_are_written_as_babel_writes_them():
    """Whole numbers from 0 beyond 10^7 and negatives, in every shipped locale: the same text
    (then the same digits) as Babel's format_decimal, which Flask-Babel's format_number uses."""
    from babel.numbers import format_decimal

    from lms.i18n import LOCALES, format_number, localise_digits

    values = _sample_whole_numbers()
    for locale in LOCALES:
        for value in values:
            for signed in (value, -value):
                expected = localise_digits(format_decimal(signed, locale=locale), locale)
                assert format_number(signed, locale) == expected, (locale, signed)


def test_fractions_are_written_as_babel_writes_them():
    """Floats and Decimals (rounding half to even to three places, trailing zeros dropped,
    -0, infinities and NaN), in every shipped locale, as Babel's format_decimal."""
    import random
    from decimal import Decimal

    from babel.numbers import format_decimal

    from lms.i18n import LOCALES, format_number, localise_digits

    values = [0.0, -0.0, 0.5, 0.0005, 0.0015, 0.0025, 0.1 + 0.2, 1 / 3, 2 / 3, 999.9995]
    values += [999.9994, 1000.0, 1234.5, 99999.9999, 123456.789, 1e-9, 1e15 + 0.5, 1e21]
    values += [float("inf"), float("-inf"), float("nan"), Decimal("NaN"), Decimal("-0")]
    values += [Decimal("1000.0005"), Decimal("1000.0015"), Decimal("1E+3"), Decimal("12.30")]
    values += [Decimal("-1234567.8915"), Decimal("0.000"), Decimal("1E-30"), 10**24]
    shuffle = random.Random(15)
    values += [shuffle.uniform(-(10**8), 10**8) for _ in range(3000)]
    values += [Decimal(shuffle.randrange(-(10**12), 10**12)).scaleb(-4) for _ in range(3000)]
    for locale in LOCALES:
        for value in values:
            for signed in (value, -value):
                expected = localise_digits(format_decimal(signed, locale=locale), locale)
                assert format_number(signed, locale) == expected, (locale, signed)


def test_numbers_too_long_for_decimal_fail_as_babels_do():
    """More than 28 digits with the three fraction places (Python's decimal precision): Babel
    raises InvalidOperation, and so does format_number, rather than write something else."""
    from decimal import Decimal, InvalidOperation

    from babel.numbers import format_decimal

    from lms.i18n import LOCALES, format_number

    for locale in LOCALES:
        for value in (10**25, -(10**25), 1e25, Decimal("1E+30")):
            with pytest.raises(InvalidOperation):
                format_decimal(value, locale=locale)
            with pytest.raises(InvalidOperation):
                format_number(value, locale)


_LIST_ITEMS = ["Ana", "李明", "রহিম", "Bo <b>&amp;</b> 'x' \"y\"", "{0} {1}", "", "Zé"]


def test_each_shipped_locale_list_patterns_are_babels():
    from babel import Locale

    from lms.i18n import LIST_PATTERNS, LOCALES

    assert set(LIST_PATTERNS) == set(LOCALES)
    for locale in LOCALES:
        assert LIST_PATTERNS[locale] == dict(Locale.parse(locale).list_patterns["standard"])


def test_lists_are_joined_as_babel_joins_them():
    """Lists of 0 to 5 items (Latin, Chinese and Bengali names, markup-sensitive characters
    and braces, which stay as they are: the template escapes them) in every shipped locale."""
    from itertools import permutations

    from babel.lists import format_list as babel_format_list

    from lms.i18n import LOCALES, format_list

    for locale in LOCALES:
        for length in range(6):
            for items in permutations(_LIST_ITEMS, length):
                expected = babel_format_list(list(items), locale=locale)
                assert format_list(list(items), locale) == expected, (locale, items)


def test_an_unshipped_locale_has_no_number_or_list_form():
    """A locale missing from the tables raises: nothing falls back to Babel unnoticed."""
    from lms.i18n import format_list, format_number

    for value in (1000, -1, 0.5):
        with pytest.raises(KeyError):
            format_number(value, "fr")
    with pytest.raises(KeyError):
        format_list(["A", "B"], "zh_Hant")


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
