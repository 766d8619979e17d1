"""Confirming a role: only when every requirement holds, with a review date months ahead."""

from datetime import datetime

import pytest

from lms.roles.transitions import ACTIVE, ENDED, INTERESTED, may_confirm, review_date


@pytest.mark.parametrize("status", [INTERESTED, ACTIVE])
def test_a_role_is_confirmed_only_when_every_requirement_holds(status):
    assert may_confirm(status, requirements_met=True)
    assert not may_confirm(status, requirements_met=False)


@pytest.mark.parametrize("status", [ENDED, "", "unknown"])
def test_an_ended_or_unknown_application_is_not_confirmed(status):
    assert not may_confirm(status, requirements_met=True)


def test_the_review_is_thirty_days_a_month_ahead():
    confirmed = datetime(2026, 1, 31, 9, 30)
    assert review_date(confirmed, 6) == datetime(2026, 7, 30, 9, 30)
    assert review_date(confirmed, 1) == datetime(2026, 3, 2, 9, 30)
