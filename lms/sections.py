"""Hooks that let one feature add a section to another feature's page.

Each page has one owner: the package that defines its route, its template and what it shows
itself (the mentor's page about a learner belongs to `lms.mentoring`). Other features never
import the owner's helpers; they register a provider here when their package is imported, as
they join the data export through `lms.accounts.lifecycle`. The page collects the sections
and includes each one's template; the template reads its values from `section.data`.

A section with a form posts to its own feature's route. When that form does not validate,
the route shows the page again with the form and its messages through `render`, which calls
the function the page's owner registered with `page`: so no feature imports another's page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    data: dict = field(default_factory=dict)


providers: dict[str, list[tuple[int, Callable]]] = {}
renderers: dict[str, Callable] = {}


def provider(page: str, order: int = 0):
    """Register `fn(**context) -> Section | None` as a section of `page` (None adds nothing).

    Sections appear by `order`, then in the order their providers were registered, so the
    page does not depend on which package happened to be imported first."""

    def register(fn):
        found = providers.setdefault(page, [])
        if all(known is not fn for _order, known in found):
            found.append((order, fn))
        return fn

    return register


def collect(page: str, **context) -> list[Section]:
    """Return the sections for `page`, by their order."""
    ordered = sorted(providers.get(page, []), key=lambda item: item[0])  # a stable sort
    sections = (fn(**context) for _order, fn in ordered)
    return [section for section in sections if section is not None]


def page(name: str):
    """Register the function that renders page `name`; only the page's owner does this."""

    def register(fn):
        renderers[name] = fn
        return fn

    return register


def render(name: str, **context):
    """Render page `name` through its owner, e.g. again with a section's failed form."""
    return renderers[name](**context)
