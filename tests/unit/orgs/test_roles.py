"""One definition of who counts as what, and the menu each role gets."""

import pytest

from lms.orgs.roles import (
    HELPER_ROLES,
    ROLES,
    STAFF_ROLES,
    Navigation,
    is_helper,
    is_staff,
    navigation,
)


def test_the_role_sets():
    assert ROLES == ("learner", "mentor", "staff", "admin")
    assert STAFF_ROLES == ("staff", "admin")
    assert HELPER_ROLES == ("mentor", "staff", "admin")
    assert [r for r in ROLES if is_staff(r)] == list(STAFF_ROLES)
    assert [r for r in ROLES if is_helper(r)] == list(HELPER_ROLES)
    assert not is_staff(None) and not is_helper(None)


@pytest.mark.parametrize(
    ("role", "mentees", "stories_to_read", "staff", "admin"),
    [
        ("learner", False, False, False, False),
        ("mentor", True, True, False, False),
        ("staff", False, True, True, False),
        ("admin", False, True, True, True),
    ],
)
def test_the_menu_of_each_role(role, mentees, stories_to_read, staff, admin):
    assert navigation(role) == Navigation(
        member=True,
        mentees=mentees,
        stories_to_read=stories_to_read,
        staff=staff,
        admin=admin,
    )


@pytest.mark.parametrize("role", [None, "", "owner"])
def test_no_membership_or_an_unknown_role_opens_nothing(role):
    assert navigation(role) == Navigation()
    assert navigation(role, is_platform_admin=True) == Navigation(platform=True)
