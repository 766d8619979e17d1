"""All content files at once: courses, quizzes, check-ins and the role catalogue.

It sits above the features so it may read each one's file format; the CLI uses it.
"""

from dataclasses import dataclass
from pathlib import Path

from .catalog.definitions import Catalog
from .catalog.loader import load_catalog
from .catalog.models import ContentVersion
from .catalog.services import SyncRefused, content_digest, store_catalog
from .catalog.yamlfile import Problem
from .extensions import db
from .readiness.definitions import load_checkins
from .readiness.services import store_checkins
from .roles.catalogue import load_roles
from .roles.services import store_roles


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


def sync_content(courses_dir: str, assessments_dir: str) -> tuple[ContentVersion, list[Problem]]:
    """Load, validate and store all content in one transaction; return the version and warnings.

    Raises SyncRefused when any file has an error: the content already live stays as it was.
    """
    content, problems = load_content(courses_dir, assessments_dir)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SyncRefused(errors)
    try:
        version = store_catalog(
            content.catalog, content_digest(Path(courses_dir), Path(assessments_dir))
        )
        store_checkins(content.checkins, version)
        store_roles(content.roles, version)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return version, [p for p in problems if p.severity == "warning"]
