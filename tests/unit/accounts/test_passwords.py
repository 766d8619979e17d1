from lms.accounts.passwords import (
    PASSWORD_MIN,
    check_password,
    hash_password,
    needs_rehash,
    verify_password,
)


def test_short_passwords_are_refused():
    assert check_password("x" * (PASSWORD_MIN - 1)).code == "password_too_short"


def test_common_passwords_are_refused_whatever_the_case():
    assert check_password("Password123").code == "password_common"
    assert check_password("qwertyuiop").code == "password_common"


def test_password_equal_to_username_is_refused():
    assert check_password("rahim-from-dhaka", "Rahim-From-Dhaka").code == "password_common"


def test_repeated_characters_are_refused():
    assert check_password("aaaaaaaaaaaa").code == "password_common"


def test_a_passphrase_is_accepted():
    assert check_password("green river morning") is None


def test_hash_is_argon2id_and_verifies():
    hashed = hash_password("green river morning")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "green river morning")
    assert not verify_password(hashed, "green river evening")
    assert not needs_rehash(hashed)


def test_verify_never_raises_on_bad_input():
    assert verify_password(None, "anything") is False
    assert verify_password("not-a-hash", "anything") is False
