"""Hooks that let a later feature add a section to an earlier feature's page.

A page's own package cannot import the features below it (orgs cannot import mentoring),
so those features register a provider here when their package is imported, as they join
the data export through `lms.accounts.lifecycle`. The page collects the sections and
includes each one's template; the template reads its values from `section.data`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    data: dict = field(default_factory=dict)


providers: dict[str, list[Callable]] = {}


def provider(page: str):
    """Register `fn(**context) -> Section | None` as a section of `page` (None adds nothing)."""

    def register(fn):
        found = providers.setdefault(page, [])
        if fn not in found:
            found.append(fn)
        return fn

    return register


def collect(page: str, **context) -> list[Section]:
    """Return the sections for `page`, in the order their providers were registered."""
    sections = (fn(**context) for fn in providers.get(page, []))
    return [section for section in sections if section is not None]
