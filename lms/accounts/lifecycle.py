"""Hooks that let later features join the data export and account deletion.

Accounts sits at the bottom of the feature order, so it cannot import the features that
hold a member's data. Each feature registers here instead, when its package is imported.
"""

from collections.abc import Callable

exporters: list[tuple[str, Callable]] = []
deletion_hooks: list[Callable] = []


def exporter(section: str):
    """Register `fn(user) -> JSON-ready value` as one section of the member's data export."""

    def register(fn):
        if all(name != section for name, _ in exporters):
            exporters.append((section, fn))
        return fn

    return register


def on_delete(fn):
    """Register `fn(user)` to delete or anonymise a feature's rows when an account is deleted."""
    if fn not in deletion_hooks:
        deletion_hooks.append(fn)
    return fn


# Organisations say which roles an account holds and whether each organisation asks its
# staff for two-step sign-in: fn(user) -> [(role, organisation requires two-step), ...].
membership_roles: list[Callable] = []


def roles_source(fn):
    """Register `fn(user)` that lists (role, two-step required) for each of the user's memberships."""
    if fn not in membership_roles:
        membership_roles.append(fn)
    return fn
