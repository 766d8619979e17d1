"""All content files at once: courses, quizzes, check-ins and the role catalogue.

It sits above the features so it may read each one's file format; the CLI uses it.
"""

from dataclasses import dataclass
from pathlib import Path

from .catalog.loader import load_catalog
from .catalog.model import Catalog
from .catalog.yamlfile import Problem
from .readiness.definitions import load_checkins
from .roles.catalogue import load_roles


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    checkins: dict
    roles: dict


def load_content(courses_dir: str, assessments_dir: str) -> tuple[Content, list[Problem]]:
    """Return every content file parsed, and every problem found, errors and warnings."""
    catalog, problems = load_catalog(courses_dir, assessments_dir)
    assessments = Path(assessments_dir)
    root = Path(courses_dir).parent
    checkins, checkin_problems = load_checkins(assessments / "checkins", root)
    roles, role_problems = load_roles(
        assessments / "roles.yaml", root, {c.slug for c in catalog.courses}, set(catalog.quizzes)
    )
    return Content(catalog, checkins, roles), problems + checkin_problems + role_problems
