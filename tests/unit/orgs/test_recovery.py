"""The account recovery rule: who may make a reset code or clear an authenticator."""

import pytest

from lms.orgs.recovery import (
    ALLOWED,
    NOT_A_MEMBER,
    NOT_SENIOR,
    OTHER_ORGANISATIONS,
    OWN_ACCOUNT,
    PLATFORM_ADMIN,
    highest_role,
    may_recover,
    strictly_outranks,
)

ORG, OTHER = 1, 2


def decide(actor_role, target_roles, **kwargs):
    options = {"actor_id": 10, "organisation_id": ORG, "target_id": 20}
    options.update(kwargs)
    return may_recover(actor_role=actor_role, target_roles=target_roles, **options)


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        ("staff", "learner", True),
        ("staff", "mentor", True),
        ("staff", "staff", False),  # not for a fellow staff member
        ("staff", "admin", False),
        ("admin", "learner", True),
        ("admin", "mentor", True),
        ("admin", "staff", True),
        ("admin", "admin", False),
        ("mentor", "learner", False),
        ("learner", "learner", False),
    ],
)
def test_only_a_more_senior_role_may_recover(actor, target, allowed):
    decision = decide(actor, {ORG: target})
    assert decision.allowed is allowed
    assert decision.reason == (ALLOWED if allowed else NOT_SENIOR)


@pytest.mark.parametrize("role_elsewhere", ["learner", "mentor", "staff", "admin"])
@pytest.mark.parametrize("actor", ["staff", "admin"])
def test_an_account_in_another_organisation_is_never_reset_from_one(actor, role_elsewhere):
    """Issue 13, item 1: a learner here may be staff elsewhere; even a learner there is refused."""
    decision = decide(actor, {ORG: "learner", OTHER: role_elsewhere})
    assert decision == decide(actor, {OTHER: role_elsewhere, ORG: "learner"})
    assert not decision.allowed
    assert decision.reason == OTHER_ORGANISATIONS


def test_nobody_resets_their_own_account_this_way():
    assert decide("admin", {ORG: "learner"}, target_id=10).reason == OWN_ACCOUNT


def test_a_platform_administrator_is_never_reset_by_an_organisation():
    decision = decide("admin", {ORG: "learner"}, target_is_platform_admin=True)
    assert decision.reason == PLATFORM_ADMIN and not decision.allowed


def test_a_member_of_another_organisation_only_is_refused():
    assert decide("admin", {OTHER: "learner"}).reason == NOT_A_MEMBER
    assert decide("admin", {}).reason == NOT_A_MEMBER


def test_unknown_roles_are_refused():
    assert not decide("owner", {ORG: "learner"}).allowed
    assert not decide("admin", {ORG: "ghost"}).allowed


def test_role_order_helpers():
    assert strictly_outranks("admin", "staff") and not strictly_outranks("staff", "staff")
    assert highest_role(["learner", "admin", "mentor"]) == "admin"
    assert highest_role([]) is None
