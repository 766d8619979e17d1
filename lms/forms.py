"""Shared form pieces: kind messages for name and password rules, and small reusable forms."""

import secrets
from functools import cache

from babel import support
from flask import current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from wtforms import HiddenField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path

from lms.numbers import page_locale
from lms.plaintext import NameProblem, check_name_characters

# One translated sentence per rule, so every form says the same thing the same way.
PROBLEM_MESSAGES = {
    "required": _l("Please fill this in."),
    "too_short": _l("Please use at least %(limit)s characters."),
    "too_long": _l("Please use %(limit)s characters or fewer."),
    "hidden_characters": _l("This has hidden characters. Please type it again by hand."),
    "username_characters": _l("Use letters, numbers, dots, dashes or underscores, with no spaces."),
    "password_too_short": _l(
        "Please use at least %(limit)s characters. A few words together are easy to remember."
    ),
    "password_common": _l("This password is too easy to guess. Please choose another."),
}

CSRF_MESSAGE = _l(
    "For your safety, we need you to send this form again. "
    "What you typed is still here: check it and press the button again."
)


def problem_message(problem: NameProblem) -> str:
    """Return the translated sentence for a rule problem."""
    message = PROBLEM_MESSAGES[problem.code]
    return str(message) % {"limit": problem.limit} if problem.limit else str(message)


def rule_validator(check):
    """Make a WTForms validator from a pure check that returns a NameProblem or None."""

    def validate(form, field):
        problem = check(field.data or "")
        if problem:
            raise ValidationError(problem_message(problem))

    return validate


def _typed(field) -> str:
    # The value as sent, before any filter tidied it: filters fold tabs and some controls
    # into spaces, and what was typed is what must be checked.
    return field.raw_data[0] if field.raw_data else (field.data or "")


def plain_name(form, field):
    """Validator for every free-text name: no control, hidden or direction-changing characters."""
    problem = check_name_characters(_typed(field))
    if problem:
        raise ValidationError(problem_message(problem))


def plain_names(form, field):
    """Like `plain_name`, for a box of several names where line breaks are fine."""
    problem = check_name_characters(_typed(field), multiline=True)
    if problem:
        raise ValidationError(problem_message(problem))


class ActionForm(FlaskForm):
    """A form with no fields but CSRF: for buttons that do one thing (sign out, mark read)."""

    next = HiddenField()


def new_once_key() -> str:
    return secrets.token_urlsafe(16)


class OnceForm(FlaskForm):
    """A form that makes something new each time: it carries a one-time key, made when the
    page is drawn, so a double tap or a resend makes it once (lms/oncekeys.py)."""

    once_key = HiddenField(default=new_once_key)


class OnceActionForm(OnceForm):
    """A button that makes something new (start a check-in): CSRF and a one-time key."""

    next = HiddenField()


def choices(pairs) -> list[SelectChoice]:
    """Return select options from (value, label) pairs (WTForms 3.3 wants SelectChoice objects)."""
    return [SelectChoice(value, label) for value, label in pairs]


@cache
def _wtforms_catalogue(locale: str):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WTFormsMessages:
    """WTForms' own messages in the page's language, each language read from disk once.

    Flask-WTF reads WTForms' catalogue from disk again for every request that makes a form
    (every lesson page does), unless `request.wtforms_translations` is set: this is set.
    """

    def ugettext(self, string):
        return _wtforms_catalogue(page_locale()).ugettext(string)

    def ungettext(self, singular, plural, n):
        return _wtforms_catalogue(page_locale()).ungettext(singular, plural, n)


WTFORMS_MESSAGES = _WTFormsMessages()


# Signed CSRF tokens this process has made, by (signing key, the session's raw token). Every
# page carries one (quick exit, sign-out), and signing costs more than the rest of the token's
# work. With no time limit on tokens (config: WTF_CSRF_TIME_LIMIT None) a token signed earlier
# for the same session and key is exactly as valid as a new one. Bounded: emptied when full.
_SIGNED_CSRF_TOKENS: dict[tuple[str, str], str] = {}
SIGNED_CSRF_TOKENS_KEPT = 512


def _signed_token_key() -> tuple[str, str] | None:
    config = current_app.config
    raw = session.get("csrf_token")
    if (
        not isinstance(raw, str)
        or config.get("WTF_CSRF_TIME_LIMIT") is not None
        or config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token"
    ):
        return None
    return (config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, raw)


def reuse_signed_csrf_token() -> None:
    """Before each request: hand Flask-WTF this session's token signed earlier, where
    `generate_csrf` (the page frame's forms, every FlaskForm) looks first."""
    key = _signed_token_key()
    token = _SIGNED_CSRF_TOKENS.get(key) if key else None
    if token is not None:
        g.csrf_token = token


def csrf_token_for_page() -> str:
    """Flask-WTF's `generate_csrf` for templates, keeping what it signed for the next page."""
    if g.get("csrf_token_kept"):
        return g.csrf_token  # a page asks two or three times (the frame's forms)
    token = generate_csrf()
    key = _signed_token_key()
    if key is not None and key not in _SIGNED_CSRF_TOKENS:
        if len(_SIGNED_CSRF_TOKENS) >= SIGNED_CSRF_TOKENS_KEPT:
            _SIGNED_CSRF_TOKENS.clear()
        _SIGNED_CSRF_TOKENS[key] = token
    g.csrf_token_kept = True
    return token


def use_kept_wtforms_messages():
    """Before each request (lms.security)."""
    request.wtforms_translations = WTFORMS_MESSAGES
