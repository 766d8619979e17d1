"""Who may reset or clear the sign-in of an account: pure rules, no Flask, no database.

A reset code or a cleared authenticator replaces how a person proves who they are, for the
whole account. An account may belong to several organisations, with a higher role in
another one. So only someone senior to the account everywhere, acting in the account's only
organisation, may do it; anything else is for an administrator of the platform.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from .roles import ROLES, STAFF_ROLES

# Why a decision went the way it did; the view turns each into kind words.
ALLOWED = "allowed"
OWN_ACCOUNT = "own_account"
OTHER_ORGANISATIONS = "other_organisations"
NOT_SENIOR = "not_senior"
PLATFORM_ADMIN = "platform_admin"
NOT_A_MEMBER = "not_a_member"


@dataclass(frozen=True)
class RecoveryDecision:
    allowed: bool
    reason: str


def strictly_outranks(role: str, other: str) -> bool:
    """Return True when `role` is more senior than `other` (learner < mentor < staff < admin)."""
    return ROLES.index(role) > ROLES.index(other)


def highest_role(roles) -> str | None:
    """Return the most senior of `roles`, or None when there are none."""
    known = [role for role in roles if role in ROLES]
    return max(known, key=ROLES.index) if known else None


def may_recover(
    *,
    actor_id: int,
    actor_role: str,
    organisation_id: int,
    target_id: int,
    target_roles: Mapping[int, str],
    target_is_platform_admin: bool = False,
) -> RecoveryDecision:
    """Decide whether `actor_id`, acting with `actor_role` in `organisation_id`, may make a reset
    code for (or clear the authenticator of) the account `target_id`. Only staff and admins
    ever may.

    `target_roles` maps every organisation the account belongs to onto its role there. The
    actor must strictly outrank the account's highest role in every one of them, and the
    issuing organisation must be the account's only one. Returns a RecoveryDecision.
    """
    if actor_id == target_id:
        return RecoveryDecision(False, OWN_ACCOUNT)
    if target_is_platform_admin:
        return RecoveryDecision(False, PLATFORM_ADMIN)
    if organisation_id not in target_roles:
        return RecoveryDecision(False, NOT_A_MEMBER)
    if set(target_roles) != {organisation_id}:
        return RecoveryDecision(False, OTHER_ORGANISATIONS)
    highest = highest_role(target_roles.values())
    if (
        actor_role not in STAFF_ROLES
        or highest is None
        or not strictly_outranks(actor_role, highest)
    ):
        return RecoveryDecision(False, NOT_SENIOR)
    return RecoveryDecision(True, ALLOWED)
