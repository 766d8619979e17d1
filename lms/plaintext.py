"""Typed text that shows what it says: no characters that hide or reorder it.

Below every feature (accounts' name rules and the shared form pieces in lms.forms both use it),
so it imports nothing from lms.
"""

import unicodedata
from dataclasses import dataclass

# Unicode categories that render as nothing or reorder text: hidden in names they allow
# impersonation ("admin" vs "adm\u200bin") and break layouts.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@dataclass(frozen=True)
class NameProblem:
    """Why a name was refused, as a message code the interface translates."""

    code: str
    limit: int | None = None


def has_hidden_characters(text: str, allowed: frozenset = frozenset()) -> bool:
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
    return NameProblem("hidden_characters") if has_hidden_characters(raw, allowed) else None
