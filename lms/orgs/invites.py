"""Codes for invitations and password resets: random, typeable, single use, expiring."""

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .roles import ROLES

# No 0/O, 1/I/L, 5/S or 2/Z: codes are read aloud and typed on small phones.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 12


def new_code() -> str:
    """Return a fresh random code grouped for reading, e.g. 'K7QM-RT4X-9CHD' (about 57 bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(typed: str) -> str:
    """Return a typed code without spaces or hyphens, upper-case, full-width forms folded."""
    folded = unicodedata.normalize("NFKC", typed or "").upper()
    return "".join(ch for ch in folded if ch.isalnum())


def hash_code(code: str) -> str:
    """Return the stored form of a code: a SHA-256 of its normalised text."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


@dataclass(frozen=True)
class CodeState:
    """The life of one code, as plain values."""

    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


def code_status(state: CodeState, now: datetime) -> str:
    """Return 'valid', 'used', 'revoked' or 'expired' for a code at time `now`."""
    if state.used_at is not None:
        return "used"
    if state.revoked_at is not None:
        return "revoked"
    if now >= state.expires_at:
        return "expired"
    return "valid"


def roles_inviter_may_grant(inviter_role: str) -> tuple[str, ...]:
    """Return the roles someone with `inviter_role` may invite: only admins invite staff or admins."""
    if inviter_role == "admin":
        return ROLES
    if inviter_role == "staff":
        return ("learner", "mentor")
    return ()


def outranks(role: str, other: str) -> bool:
    """Return True when `role` is at least as senior as `other` (learner < mentor < staff < admin)."""
    return ROLES.index(role) >= ROLES.index(other)
