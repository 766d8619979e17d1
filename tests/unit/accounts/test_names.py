import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.names import (
    USERNAME_MAX,
    check_display_name,
    check_username,
    clean,
    username_key,
)


@pytest.mark.parametrize("name", ["min", "Rahim_2", "li.na", "小明", "রহিম", "a-b"])
def test_pseudonyms_in_any_script_are_welcome(name):
    assert check_username(name) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "required"),
        ("  ", "required"),
        ("a", "too_short"),
        ("x" * (USERNAME_MAX + 1), "too_long"),
        ("two words", "username_characters"),
        ("semi;colon", "username_characters"),
        ("adm\u200bin", "hidden_characters"),
        ("bad\u202eeman", "hidden_characters"),
        ("nul\x00l", "hidden_characters"),
    ],
)
def test_bad_usernames_are_refused_with_a_reason(name, code):
    problem = check_username(name)
    assert problem is not None
    assert problem.code == code


def test_full_width_and_case_make_the_same_username():
    assert username_key("ＭＩＮ") == username_key("min") == "min"


def test_bengali_joiners_are_allowed_in_display_names():
    # ZWNJ/ZWJ shape Bengali conjuncts; they are not "hidden tricks" there.
    assert check_display_name("র\u200dহিম") is None


def test_display_name_limits():
    assert check_display_name("").code == "required"
    assert check_display_name("x" * 61).code == "too_long"
    assert check_display_name("Min from the Tuesday group") is None


@given(st.text())
def test_clean_is_idempotent(text):
    assert clean(clean(text)) == clean(text)
