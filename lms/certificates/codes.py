"""Certificate codes and eligibility, as plain values (no Flask, no database)."""

import secrets
import unicodedata
from dataclasses import dataclass

# The invitation alphabet: no look-alike characters, easy to read aloud from a printed page.
ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
GROUPS = 5  # 20 characters, about 95 bits: not guessable, not sequential


def new_certificate_code() -> str:
    """Return a long random code grouped for reading, e.g. 'K7QM-RT4X-9CHD-WX3P-7MNA'."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * 4))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_certificate_code(typed: str) -> str:
    """Return a typed code in its stored form: upper case, grouped by four, spaces ignored."""
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKC", typed or "").upper() if ch.isalnum()
    )
    return "-".join(folded[i : i + 4] for i in range(0, len(folded), 4))


@dataclass(frozen=True)
class Eligibility:
    awards_certificate: bool
    completed: bool
    best_quiz_score: int | None = None
    minimum_quiz_score: int | None = None


def is_eligible(facts: Eligibility) -> bool:
    """Return True when a completed course awards a certificate (and any minimum result holds)."""
    if not (facts.awards_certificate and facts.completed):
        return False
    if facts.minimum_quiz_score is None:
        return True
    return facts.best_quiz_score is not None and facts.best_quiz_score >= facts.minimum_quiz_score
