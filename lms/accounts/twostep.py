"""Two-step sign-in rules: authenticator codes, recovery codes, who must use it. No Flask.

Codes are TOTP (RFC 6238) as every authenticator app makes them (pyotp). The secret is kept
encrypted (Fernet, from the `cryptography` package) with a key derived from the app's secret
key, so a copy of the database alone cannot make codes.
"""

import base64
import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterable
from datetime import datetime

# pyotp and `cryptography` are imported by the functions that use them: `cryptography` is
# about 7 MB, and most workers never see a two-step sign-in.
from lms.rolenames import STAFF_ROLES

STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10
# Letters and digits that are hard to confuse when read from paper.
RECOVERY_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"


def new_secret() -> str:
    """Return a fresh base32 authenticator secret (160 bits)."""
    import pyotp

    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """Return the secret in groups of four, easier to type by hand into an app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, account_name: str, issuer: str) -> str:
    """Return the otpauth:// link an authenticator app reads from the QR code."""
    import pyotp

    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=issuer)


def _fernet(secret_key: str):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"pathways two-step secret"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_secret(secret: str, secret_key: str) -> str:
    """Return the authenticator secret encrypted for storage."""
    return _fernet(secret_key).encrypt(secret.encode()).decode()


def decrypt_secret(stored: str, secret_key: str) -> str | None:
    """Return the stored secret in clear, or None when it cannot be read (another key)."""
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(secret_key).decrypt(stored.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def clean_code(typed: str | None) -> str:
    """Return a typed code without spaces or dashes, full-width digits folded, upper-case."""
    folded = unicodedata.normalize("NFKC", typed or "").upper()
    return "".join(ch for ch in folded if ch.isalnum())


def accepted_step(
    secret: str, typed: str | None, now: datetime | float, last_step: int | None
) -> int | None:
    """Return the time step a typed 6-digit code belongs to, or None when it is not right.

    One step either side is accepted (a phone clock a little off); a step at or before
    `last_step` is refused, so a code seen over someone's shoulder cannot be used again.
    """
    code = clean_code(typed)
    if len(code) != 6 or not code.isdigit():
        return None
    seconds = now.timestamp() if isinstance(now, datetime) else now
    current = int(seconds) // STEP_SECONDS
    import pyotp

    totp = pyotp.TOTP(secret)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Return fresh one-time recovery codes like 'K7QM-RT4X-9C' (about 48 bits each)."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def hash_recovery_code(code: str) -> str:
    """Return the stored form of a recovery code: a SHA-256 of its cleaned text."""
    return hashlib.sha256(clean_code(code).encode()).hexdigest()


def looks_like_recovery_code(typed: str | None) -> bool:
    """Return True when what was typed has the length of a recovery code, not an app code."""
    return len(clean_code(typed)) == 10


def two_step_required(is_platform_admin: bool, memberships: Iterable[tuple[str, bool]]) -> bool:
    """Return True when this account must use two-step sign-in.

    `memberships` gives (role, organisation requires two-step) for each organisation. Platform
    administrators always must; staff and admins must where their organisation turned it on.
    Other members may choose it for themselves.
    """
    if is_platform_admin:
        return True
    return any(required and role in STAFF_ROLES for role, required in memberships)
