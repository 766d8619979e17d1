"""Two-step sign-in rules: codes, replay, recovery codes, encryption, who must use it."""

from datetime import UTC, datetime

import pyotp
import pytest

from lms.accounts.twostep import (
    STEP_SECONDS,
    accepted_step,
    clean_code,
    decrypt_secret,
    encrypt_secret,
    grouped,
    hash_recovery_code,
    looks_like_recovery_code,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    two_step_required,
)

NOW = datetime(2026, 11, 28, 12, 0, 10, tzinfo=UTC).timestamp()
STEP = int(NOW) // STEP_SECONDS


def test_a_current_code_is_accepted_and_tells_its_step():
    secret = new_secret()
    assert accepted_step(secret, pyotp.TOTP(secret).at(NOW), NOW, None) == STEP


def test_one_step_either_side_is_accepted_but_not_two():
    secret = new_secret()
    totp = pyotp.TOTP(secret)
    assert accepted_step(secret, totp.at(NOW - STEP_SECONDS), NOW, None) == STEP - 1
    assert accepted_step(secret, totp.at(NOW + STEP_SECONDS), NOW, None) == STEP + 1
    assert accepted_step(secret, totp.at(NOW - 2 * STEP_SECONDS), NOW, None) is None


def test_a_code_is_never_accepted_twice():
    secret = new_secret()
    code = pyotp.TOTP(secret).at(NOW)
    assert accepted_step(secret, code, NOW, STEP) is None
    assert accepted_step(secret, code, NOW, STEP - 1) == STEP


@pytest.mark.parametrize("typed", ["", None, "12345", "1234567", "abcdef", "12 34 5"])
def test_malformed_codes_are_refused(typed):
    assert accepted_step(new_secret(), typed, NOW, None) is None


def test_spaces_and_full_width_digits_are_fine():
    secret = new_secret()
    code = pyotp.TOTP(secret).at(NOW)
    spaced = f"{code[:3]} {code[3:]}"
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert accepted_step(secret, spaced, NOW, None) == STEP
    assert accepted_step(secret, full_width, NOW, None) == STEP


def test_the_secret_is_stored_encrypted_and_only_the_right_key_reads_it():
    secret = new_secret()
    stored = encrypt_secret(secret, "key one")
    assert secret not in stored
    assert decrypt_secret(stored, "key one") == secret
    assert decrypt_secret(stored, "key two") is None
    assert decrypt_secret("not a token", "key one") is None


def test_recovery_codes_are_ten_distinct_and_hash_however_typed():
    codes = new_recovery_codes()
    assert len(codes) == 10 and len(set(codes)) == 10
    code = codes[0]
    assert looks_like_recovery_code(code) and not looks_like_recovery_code("123456")
    assert hash_recovery_code(code) == hash_recovery_code(code.lower().replace("-", " "))
    assert len(hash_recovery_code(code)) == 64 and code not in hash_recovery_code(code)


def test_helpers_for_showing_the_secret():
    secret = new_secret()
    assert grouped(secret).replace(" ", "") == secret and len(secret) == 32
    uri = provisioning_uri(secret, "min", "Pathways")
    assert uri.startswith("otpauth://totp/") and f"secret={secret}" in uri
    assert clean_code(" ab-12 ") == "AB12"


@pytest.mark.parametrize(
    ("platform", "memberships", "required"),
    [
        (True, [], True),
        (False, [], False),
        (False, [("staff", True)], True),
        (False, [("admin", True)], True),
        (False, [("learner", True), ("mentor", True)], False),
        (False, [("staff", False)], False),
        (False, [("learner", True), ("admin", False)], False),
        (False, [("learner", False), ("staff", True)], True),
    ],
)
def test_who_must_use_two_step(platform, memberships, required):
    assert two_step_required(platform, memberships) is required
