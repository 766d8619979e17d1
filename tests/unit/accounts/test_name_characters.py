"""One rule for every free-text name: no control, hidden or direction-changing characters."""

import pytest

from lms.accounts.names import PRINTED_NAME_MAX, check_display_name, check_name_characters

REFUSED = [
    "\u202a",  # left-to-right embedding
    "\u202b",  # right-to-left embedding
    "\u202c",  # pop directional formatting
    "\u202d",  # left-to-right override
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u2068",  # first strong isolate
    "\u2069",  # pop directional isolate
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\x00",
    "\x01",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x80",
    "\x85",
    "\x9f",
    "\t",
    "\n",
    "\r",
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
]


@pytest.mark.parametrize("character", REFUSED)
def test_control_hidden_and_direction_characters_are_refused(character):
    problem = check_name_characters(f"Min{character}Ho")
    assert problem is not None and problem.code == "hidden_characters"


@pytest.mark.parametrize(
    "name",
    [
        "Min Ho",
        "小明",
        "রহিম",
        "র\u200dহিম",  # ZWJ shapes Bengali conjuncts
        "ক\u200cষ",  # ZWNJ too
        "Nguyễn Thị Lan",
        "O'Brien-Smith",
        "Harbour Group (Dhaka)",
    ],
)
def test_names_in_any_script_are_welcome(name):
    assert check_name_characters(name) is None


def test_a_list_of_names_may_have_line_breaks_but_nothing_else():
    assert check_name_characters("Min\r\nLan", multiline=True) is None
    assert check_name_characters("Min\r\nLan", multiline=False) is not None
    assert check_name_characters("Min\r\nLan\u202e", multiline=True) is not None
    assert check_name_characters("Min\tLan", multiline=True) is not None


def test_display_and_printed_names_check_what_was_typed_not_the_tidied_form():
    # `clean` folds tabs and next-line into spaces; the rule still sees them.
    assert check_display_name("Min\tHo").code == "hidden_characters"
    assert check_display_name("Min\x85Ho", PRINTED_NAME_MAX).code == "hidden_characters"
    assert check_display_name("  Min   Ho  ") is None
