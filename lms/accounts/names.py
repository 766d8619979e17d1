"""Rules for usernames and display names: pseudonyms welcome, any script, nothing invisible."""

import unicodedata

from lms.plaintext import NameProblem, check_name_characters, has_hidden_characters

USERNAME_MIN = 2  # many Chinese names are two characters
USERNAME_MAX = 30
DISPLAY_NAME_MAX = 60
PRINTED_NAME_MAX = 120  # a full legal name on a certificate can be long, in any script

# Letters, marks (Bengali vowel signs are marks) and digits of any script, plus a few
# joiners; no spaces, so a name is easy to type.
_USERNAME_PUNCTUATION = {".", "_", "-"}


def clean(text: str) -> str:
    """Return `text` in NFKC form with surrounding spaces removed and inner runs collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(text.split())


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
    if has_hidden_characters(name):
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
