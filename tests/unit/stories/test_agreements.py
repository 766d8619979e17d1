"""The agreement state machine: requested → agreed/declined → withdrawn/expired; take-down."""

from datetime import date, timedelta

import pytest

from lms.stories import agreements as a

TODAY = date(2026, 11, 28)
LATER = TODAY + timedelta(days=30)
PAST = TODAY - timedelta(days=1)


@pytest.mark.parametrize(
    ("action", "actor", "status", "until", "result"),
    [
        ("agree", a.MEMBER, a.REQUESTED, LATER, a.AGREED),
        ("decline", a.MEMBER, a.REQUESTED, LATER, a.DECLINED),
        ("withdraw", a.MEMBER, a.AGREED, LATER, a.WITHDRAWN),
        ("withdraw", a.MEMBER, a.AGREED, PAST, a.WITHDRAWN),  # even after it ended
        ("withdraw", a.MEMBER, a.REQUESTED, LATER, a.WITHDRAWN),
        ("cancel", a.STAFF, a.REQUESTED, LATER, a.WITHDRAWN),
    ],
)
def test_allowed_steps(action, actor, status, until, result):
    assert a.may(action, actor, status, until, TODAY)
    assert a.next_status(action, actor, status, until, TODAY) == result


@pytest.mark.parametrize(
    ("action", "actor", "status", "until"),
    [
        ("agree", a.STAFF, a.REQUESTED, LATER),  # only the member can agree
        ("agree", a.MEMBER, a.AGREED, LATER),
        ("agree", a.MEMBER, a.DECLINED, LATER),
        ("agree", a.MEMBER, a.WITHDRAWN, LATER),
        ("agree", a.MEMBER, a.REQUESTED, PAST),  # past its end date
        ("decline", a.MEMBER, a.AGREED, LATER),
        ("withdraw", a.MEMBER, a.DECLINED, LATER),
        ("withdraw", a.MEMBER, a.WITHDRAWN, LATER),
        ("withdraw", a.STAFF, a.AGREED, LATER),  # staff cannot withdraw for the member
        ("cancel", a.STAFF, a.AGREED, LATER),  # an agreement, once given, is the member's
        ("publish", a.MEMBER, a.REQUESTED, LATER),
    ],
)
def test_refused_steps(action, actor, status, until):
    assert not a.may(action, actor, status, until, TODAY)
    with pytest.raises(a.NotAllowed):
        a.next_status(action, actor, status, until, TODAY)


def test_an_agreement_past_its_end_is_expired_and_not_public():
    assert a.shown_status(a.AGREED, PAST, TODAY) == a.EXPIRED
    assert a.shown_status(a.AGREED, TODAY, TODAY) == a.AGREED  # the last day still counts
    assert not a.in_force(a.AGREED, PAST, TODAY)
    assert not a.is_public(a.AGREED, PAST, TODAY, True)
    assert a.is_public(a.AGREED, LATER, TODAY, True)


@pytest.mark.parametrize("status", [a.REQUESTED, a.DECLINED, a.WITHDRAWN])
def test_only_an_agreement_in_force_is_public(status):
    assert not a.is_public(status, LATER, TODAY, True)


def test_no_public_page_unless_asked_for():
    assert not a.is_public(a.AGREED, LATER, TODAY, False)


def test_takedown_is_confirmed_once_for_a_withdrawn_agreement_that_was_given():
    assert a.needs_takedown(a.WITHDRAWN, was_agreed=True, confirmed=False)
    assert a.may_confirm_takedown(a.WITHDRAWN, True, False)
    assert not a.may_confirm_takedown(a.WITHDRAWN, True, True)
    assert not a.may_confirm_takedown(a.WITHDRAWN, False, False)  # a cancelled request
    assert not a.may_confirm_takedown(a.AGREED, True, False)


def test_shown_name():
    assert a.shown_name("none", "Rose") is None
    assert a.shown_name("pseudonym", "  Rose ") == "Rose"
    assert a.shown_name("real", "") is None


def test_a_picture_is_asked_for_only_when_the_version_has_one():
    assert a.picture_problem(a.WITHOUT_PICTURE, False) is None
    assert a.picture_problem(a.WITHOUT_PICTURE, True) is None
    assert a.picture_problem(a.WITH_PICTURE, True) is None
    assert a.picture_problem(a.WITH_PICTURE, False) == "no_picture"
    assert a.picture_problem("maybe", True) == "unknown"


def test_the_picture_is_shown_only_when_asked_for_and_there():
    assert a.shows_picture(True, True)
    assert not a.shows_picture(False, True)  # none by default
    assert not a.shows_picture(True, False)
