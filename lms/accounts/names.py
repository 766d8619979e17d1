"""Rules for usernames and display names: pseudonyms welcome, any script, nothing invisible."""

import unicodedata
from dataclasses import dataclass

USERNAME_MIN = 2  # many Chinese names are two characters
USERNAME_MAX = 30
DISPLAY_NAME_MAX = 60
PRINTED_NAME_MAX = 120  # a full legal name on a certificate can be long, in any script

# Letters, marks (Bengali vowel signs are marks) and digits of any script, plus a few
# joiners; no spaces, so a name is easy to type.
_USERNAME_PUNCTUATION = {".", "_", "-"}
# Unicode categories that render as nothing or reorder text: hidden in names they allow
# impersonation ("admin" vs "adm\u200bin") and break layouts.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@dataclass(frozen=True)
class NameProblem:
    """Why a name was refused, as a message code the interface translates."""

    code: str
    limit: int | None = None


def clean(text: str) -> str:
    """Return `text` in NFKC form with surrounding spaces removed and inner runs collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(text.split())


def _has_hidden_characters(text: str, allowed: frozenset = frozenset()) -> bool:
    # Bengali and other Indic scripts need ZWJ/ZWNJ (category Cf) inside words.
    allowed = allowed | {"\u200c", "\u200d"}
    return any(
        unicodedata.category(ch) in _FORBIDDEN_CATEGORIES and ch not in allowed for ch in text
    )


def check_name_characters(raw: str, multiline: bool = False) -> NameProblem | None:
    """Refuse a typed name holding control characters or characters that hide or reorder text.

    Checked as typed, before `clean`: C0 and C1 controls (tabs and newlines too, which no one
    types in a name box), DEL, and format characters such as the bidi overrides, embeddings
    and isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks (U+200E, U+200F),
    which make "‮nimdA" show as "Admin" on a certificate or a staff list. ZWJ and ZWNJ stay:
    Bengali needs them. `multiline` allows line breaks, for a list of names in a text box.
    """
    allowed = frozenset("\r\n") if multiline else frozenset()
    return NameProblem("hidden_characters") if _has_hidden_characters(raw, allowed) else None


def _is_username_character(ch: str) -> bool:
    return ch in _USERNAME_PUNCTUATION or unicodedata.category(ch)[0] in "LMN"


def username_key(username: str) -> str:
    """Return the form used to compare usernames, so 'Min' and 'min' are the same person."""
    return clean(username).casefold()


def check_username(raw: str) -> NameProblem | None:
    """Return the first problem with a proposed username, or None when it is acceptable."""
    name = clean(raw)
    if not name:
        return NameProblem("required")
    if len(name) < USERNAME_MIN:
        return NameProblem("too_short", USERNAME_MIN)
    if len(name) > USERNAME_MAX:
        return NameProblem("too_long", USERNAME_MAX)
    if _has_hidden_characters(name):
        return NameProblem("hidden_characters")
    if not all(_is_username_character(ch) for ch in name):
        return NameProblem("username_characters")
    return None


def check_display_name(raw: str, limit: int = DISPLAY_NAME_MAX) -> NameProblem | None:
    """Return the first problem with a display name, or None when it is acceptable."""
    name = clean(raw)
    if not name:
        return NameProblem("required")
    if len(name) > limit:
        return NameProblem("too_long", limit)
    return check_name_characters(raw)
