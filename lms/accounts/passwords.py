"""Password policy and hashing (argon2id); no Flask, so it is tested directly."""

from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .names import NameProblem, clean

PASSWORD_MIN = 10
PASSWORD_MAX = 128
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def use_profile(name: str) -> None:
    """Choose argon2 parameters by profile name: 'default', or 'cheapest' for test suites only."""
    global _hasher
    if name == "cheapest":
        _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    else:
        _hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


def check_password(password: str, username: str = "") -> NameProblem | None:
    """Return the first problem with a new password, or None when it is acceptable."""
    if len(password) < PASSWORD_MIN:
        return NameProblem("password_too_short", PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return NameProblem("too_long", PASSWORD_MAX)
    folded = password.casefold()
    if folded in _common_passwords() or (username and folded == clean(username).casefold()):
        return NameProblem("password_common")
    if len(set(password)) < 3:
        return NameProblem("password_common")
    return None


def hash_password(password: str) -> str:
    """Return an argon2id hash of `password`."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Return True when `password` matches `password_hash`; never raises for bad input."""
    if not password_hash:
        # Spend the same effort as a real check, so timing does not reveal unknown names.
        _hasher.hash(password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Return True when the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)
