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
