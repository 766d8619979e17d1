"""Which language to speak: one mapping from every tag we meet to the locales we ship."""

import re
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale

LOCALES = ("en", "zh_Hans", "bn")
# The names each language calls itself, shown in the switcher whatever the current language.
LANGUAGE_NAMES = {"en": "English", "zh_Hans": "中文", "bn": "বাংলা"}
# Course files use BCP 47 tags (`01-rights.zh-Hans.md`); the interface uses Babel's codes.
FILE_TAGS = {"en": "en", "zh-Hans": "zh_Hans", "bn": "bn"}
HTML_LANG = {"en": "en", "zh_Hans": "zh-Hans", "bn": "bn"}
LOCALE_FILE_TAGS = {locale: tag for tag, locale in FILE_TAGS.items()}
FILE_TAG_NAMES = {tag: LANGUAGE_NAMES[locale] for tag, locale in FILE_TAGS.items()}


def file_tag(locale: str) -> str:
    """Return the course-file tag of an interface locale ("zh_Hans" -> "zh-Hans"); else "en"."""
    return LOCALE_FILE_TAGS.get(locale, "en")


def in_language(translations: dict, original, locale: str):
    """Return the version for a locale from {file tag: version}, else the original.

    The one place that picks a translated quiz, check-in, lesson text or title, so every page
    shows (and the server grades) the same language for the same member.
    """
    return translations.get(file_tag(locale)) or original


def localised(values: dict, locale: str):
    """Return the value for a locale from a {file tag: value} mapping, else the English one."""
    if not values:
        return ""
    return (
        values.get(LOCALE_FILE_TAGS.get(locale, "en"))
        or values.get("en")
        or next(iter(values.values()))
    )


_TRADITIONAL = {"hant", "tw", "hk", "mo"}


def to_locale(tag: str | None) -> str | None:
    """Return the shipped locale for a language tag ('zh-CN', 'bn_BD', 'en-GB'), or None.

    Traditional Chinese (zh-TW, zh-Hant) is not shipped; it maps to None so the caller
    falls back to the next choice instead of showing simplified script unasked.
    """
    if not tag:
        return None
    parts = tag.replace("_", "-").lower().split("-")
    language = parts[0]
    if language == "zh":
        return None if _TRADITIONAL & set(parts[1:]) else "zh_Hans"
    if language == "bn":
        return "bn"
    if language == "en":
        return "en"
    return None


def best_locale(choices: list[str | None], default: str = "en") -> str:
    """Return the first choice that maps to a shipped locale, else `default`."""
    for choice in choices:
        locale = to_locale(choice)
        if locale:
            return locale
    return default


def parse_accept_language(header: str | None) -> list[str]:
    """Return the tags of an Accept-Language header, best first (ties keep their order)."""
    if not header:
        return []
    weighted = []
    for position, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip()
        quality = 1.0
        for piece in pieces[1:]:
            key, _, value = piece.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


# Digits of the numbering systems our locales use by default (CLDR: bn -> "beng"; zh_Hans
# and en -> "latn"). Babel knows each locale's default system but formats with 0-9 only.
DIGITS = {"beng": "০১২৩৪৫৬৭৮৯"}
_ASCII_DIGITS = "0123456789"
# The default numbering system of each locale we ship, as Babel gives it (a unit test checks
# this against `Locale.default_numbering_system`). Asking Babel loads the locale's CLDR data
# and CLDR's global data, about 4 MB in every gunicorn worker, for pages whose numbers
# need nothing else from it.
NUMBERING_SYSTEMS = {"en": "latn", "zh_Hans": "latn", "bn": "beng"}


@cache  # a handful of locales; Locale.parse is slow for something every number asks
def _digits_table(locale: str) -> dict | None:
    system = NUMBERING_SYSTEMS.get(locale)
    if system is None:
        try:
            system = Locale.parse(locale).default_numbering_system
        except (ValueError, TypeError):
            return None
    digits = DIGITS.get(system)
    return str.maketrans(_ASCII_DIGITS, digits) if digits else None


def localise_digits(text: str, locale: str) -> str:
    """Return `text` with 0-9 written in the locale's own digits (Bengali pages: ০-৯).

    The one rule for every number shown: a Bengali page never mixes digit styles.
    """
    table = _digits_table(locale)
    return text.translate(table) if table else text


# How each shipped locale writes a number, as CLDR gives it through Babel's format_decimal
# (a unit test compares every entry with Babel's data, and numbers from 0 to beyond 10^7,
# negative and fractional, with Babel's output): the decimal pattern's grouping sizes (the
# first group, then every further one: bn groups lakhs and crores, 12,34,567) and the
# Latin-digit symbols. Every shipped pattern is "#,##0.###" or "#,##,##0.###": at least one
# integer digit, at most three fraction digits rounded half to even, "-" before a negative
# number. Formatting through Babel loads the locale's CLDR data and CLDR's global data, about
# 4 MB in every gunicorn worker that shows one number of 1,000 or more. A locale added to
# LOCALES without its row here fails that test, and formatting for it raises KeyError.
NUMBER_FORMS = {
    "en": {"grouping": (3, 3), "group": ",", "decimal": ".", "infinity": "∞"},
    "zh_Hans": {"grouping": (3, 3), "group": ",", "decimal": ".", "infinity": "∞"},
    "bn": {"grouping": (3, 2), "group": ",", "decimal": ".", "infinity": "∞"},
}
NUMBER_FRACTION_DIGITS = 3
_FRACTION_QUANTUM = Decimal(1).scaleb(-NUMBER_FRACTION_DIGITS)


def _group(digits: str, grouping: tuple[int, int], symbol: str) -> str:
    size, written = grouping[0], ""
    while len(digits) > size:
        written = symbol + digits[-size:] + written
        digits = digits[:-size]
        size = grouping[1]
    return digits + written


def _decimal_text(value, locale: str) -> str:
    """A number as Babel's format_decimal writes it for a shipped locale, in 0-9 (the same
    steps as Babel's NumberPattern.apply for these patterns)."""
    form = NUMBER_FORMS[locale]
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    sign = "-" if value.is_signed() else ""
    value = abs(value).normalize()
    if value.is_infinite():
        return sign + form["infinity"]
    whole, _, fraction = f"{value.quantize(_FRACTION_QUANTUM):f}".partition(".")
    fraction = fraction.rstrip("0")
    written = _group(whole, form["grouping"], form["group"])
    return sign + written + (form["decimal"] + fraction if fraction else "")


def format_number(value, locale: str) -> str:
    """Return a number as the locale writes it: Babel's grouping and symbols (from
    NUMBER_FORMS, without loading CLDR's data), digits by `localise_digits`.

    Raises KeyError for a locale missing from NUMBER_FORMS.
    """
    if type(value) is int:
        return _format_whole_number(value, locale)
    # Not cached: 0.0 and -0.0 are equal keys to a cache, and Babel writes "0" and "-0".
    return localise_digits(_decimal_text(value, locale), locale)


@lru_cache(maxsize=4096)  # pure, and pages show the same few counts again and again
def _format_whole_number(value: int, locale: str) -> str:
    if 0 <= value < 1000 and locale in NUMBER_FORMS:
        # The common case (a count): no shipped locale groups or marks a whole number below
        # 1,000, so it is str(value), without the Decimal steps.
        return localise_digits(str(value), locale)
    return localise_digits(_decimal_text(value, locale), locale)


# How each shipped locale joins a list ("A, B, and C"; "A、B和C"; "A, B এবং C"), CLDR's
# "standard" list patterns as Babel gives them (a unit test compares them, and lists of up to
# five items, with Babel's format_list). Babel's format_list loads the CLDR data (see above).
LIST_PATTERNS = {
    "en": {"start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0}, and {1}", "2": "{0} and {1}"},
    "zh_Hans": {"start": "{0}、{1}", "middle": "{0}、{1}", "end": "{0}和{1}", "2": "{0}和{1}"},
    "bn": {"start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0} এবং {1}", "2": "{0} এবং {1}"},
}


def format_list(items, locale: str) -> str:
    """Return items joined as the locale joins a list, as Babel's format_list does.

    The items are put in as they are (the caller's template escapes the result).
    Raises KeyError for a locale missing from LIST_PATTERNS.
    """
    patterns = LIST_PATTERNS[locale]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return patterns["2"].format(*items)
    joined = patterns["start"].format(items[0], items[1])
    for item in items[2:-1]:
        joined = patterns["middle"].format(joined, item)
    return patterns["end"].format(joined, items[-1])


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def with_local_numbers(message: str, variables: dict, locale: str) -> tuple[str, dict]:
    """Return a message and its placeholders with every number written for the locale.

    Numbers become text, so a `%(num)d` placeholder becomes `%(num)s` for them.
    """
    numbers = {key for key, value in variables.items() if _is_number(value)}
    if not numbers:
        return message, variables
    message = re.sub(
        r"%\((\w+)\)d",
        lambda m: f"%({m.group(1)})s" if m.group(1) in numbers else m.group(0),
        message,
    )
    filled = {
        key: format_number(value, locale) if key in numbers else value
        for key, value in variables.items()
    }
    return message, filled


# How each shipped locale writes a date, as CLDR gives it through Babel (a unit test compares
# every entry with Babel's data and every formatted date with Babel's `format_date`):
# month names in the form a pattern's MMMM (wide) and MMM (abbreviated) use, and the "long"
# date pattern. Formatting a date through Babel loads the locale's CLDR data and
# CLDR's global data, about 4 MB in every gunicorn worker that shows one date; the table is a
# few hundred bytes. A locale added to LOCALES without its row here fails that test.
DATE_FORMS = {
    "en": {
        "wide": (
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ),
        "abbreviated": (
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ),
        "long": "MMMM d, y",
    },
    "zh_Hans": {
        "wide": (
            "一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月",
            "十一月", "十二月",
        ),
        "abbreviated": (
            "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
        ),
        "long": "y年M月d日",
    },
    "bn": {
        "wide": (
            "জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট",
            "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর",
        ),
        "abbreviated": (
            "জানু", "ফেব", "মার্চ", "এপ্রি", "মে", "জুন", "জুল", "আগ", "সেপ", "অক্টো", "নভে", "ডিসে",
        ),
        "long": "d MMMM, y",
    },
}  # fmt: skip

# The pattern letters Pathways' date patterns use, read as Babel reads them: numbers padded to
# the letter's count (d, dd, M, MM, y, HH, mm), MMM and MMMM the month's name. Any other letter
# is refused, so a pattern this does not know fails loudly instead of being written wrongly.
_NUMERIC_FIELDS = {"d": "day", "M": "month", "y": "year", "H": "hour", "m": "minute"}
_PATTERN_PART = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^'A-Za-z]+")


@cache  # a few patterns; splitting each once
def _pattern_parts(pattern: str) -> tuple[tuple[str, str | int], ...]:
    parts = []
    position = 0
    while position < len(pattern):
        match = _PATTERN_PART.match(pattern, position)
        if match is None:  # an unclosed quote
            raise ValueError(f"unsupported date pattern {pattern!r}")
        text = match.group(0)
        position = match.end()
        if match.group(1):
            letter, count = match.group(1), len(text)
            if letter not in _NUMERIC_FIELDS or (letter != "M" and count > 2) or count > 4:
                raise ValueError(f"unsupported field {text!r} in date pattern {pattern!r}")
            parts.append((letter, count))
        elif text.startswith("'"):
            parts.append(("", text[1:-1].replace("''", "'") if text != "''" else "'"))
        else:
            parts.append(("", text))
    return tuple(parts)


def date_pattern(locale: str, form: str) -> str:
    """Return a shipped locale's CLDR date pattern ("long"); KeyError otherwise."""
    return DATE_FORMS[locale][form]


def format_moment(moment, pattern: str, locale: str) -> str:
    """Return a date or datetime written by a CLDR pattern, as Babel writes it, in 0-9.

    `moment` is already in the reader's timezone (the caller converts it); digits are left to
    `localise_digits`. Raises KeyError for a locale missing from DATE_FORMS.
    """
    months = DATE_FORMS[locale]
    written = []
    for letter, value in _pattern_parts(pattern):
        if not letter:
            written.append(value)
        elif letter == "M" and value > 2:
            names = months["abbreviated" if value == 3 else "wide"]
            written.append(names[moment.month - 1])
        else:
            number = getattr(moment, _NUMERIC_FIELDS[letter])
            text = f"{number:0{value}d}"
            written.append(text[-2:] if letter == "y" and value == 2 else text)
    return "".join(written)
