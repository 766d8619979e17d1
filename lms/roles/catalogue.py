"""The role catalogue file (assessments/roles.yaml): read and validated with file and line."""

from pathlib import Path

from lms.catalog.yamlfile import ContentError, Problem, parse_yaml

from .requirements import CATEGORIES, KINDS, Requirement, Role

TEXT_FIELDS = ("title", "involves", "time", "risks", "support", "no_story_version")


def load_roles(
    path: Path | str, root: Path | str, courses: set | None = None, quizzes: set | None = None
):
    """Return ({slug: Role}, problems). `courses` and `quizzes` check that references exist."""
    path, root = Path(path), Path(root)
    if not path.exists():
        return {}, []
    rel = str(path.relative_to(root))
    try:
        data, lines = parse_yaml(path.read_text(encoding="utf-8"), rel)
    except ContentError as error:
        return {}, [error.problem]
    problems = []

    def error(where, message):
        problems.append(Problem(rel, lines.of(*where), message))

    roles = {}
    entries = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}, [Problem(rel, 1, "expected 'roles:' with a list of roles")]
    for position, raw in enumerate(entries):
        where = ("roles", position)
        if not isinstance(raw, dict) or not raw.get("slug"):
            error(where, "each role needs a 'slug'")
            continue
        slug = raw["slug"]
        if slug in roles:
            error((*where, "slug"), f"duplicate role '{slug}'")
        category = raw.get("category")
        if category not in CATEGORIES:
            error(
                (*where, "category"), f"unknown category '{category}' (use {', '.join(CATEGORIES)})"
            )
        for name in TEXT_FIELDS:
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                error(where, f"role '{slug}' needs '{name}'")
        requirements = []
        for number, req in enumerate(raw.get("requirements") or []):
            spot = (*where, "requirements", number)
            kind = req.get("kind") if isinstance(req, dict) else None
            if kind not in KINDS:
                error(spot, f"unknown requirement kind '{kind}'")
                continue
            if (
                kind in ("course", "quiz")
                and courses is not None
                and req.get("course") not in courses
            ):
                error(spot, f"unknown course '{req.get('course')}'")
            if (
                kind == "quiz"
                and quizzes is not None
                and (req.get("course"), req.get("quiz")) not in quizzes
            ):
                error(spot, f"unknown quiz '{req.get('quiz')}' in course '{req.get('course')}'")
            if kind == "vetting" and category != "operational":
                error(spot, "staff vetting is only for operational roles")
            requirements.append(
                Requirement(
                    kind,
                    req.get("course"),
                    req.get("quiz"),
                    req.get("within_days"),
                    tuple(req.get("domains") or ()),
                )
            )
        if category == "operational" and not any(r.kind == "vetting" for r in requirements):
            error(where, f"operational role '{slug}' needs a vetting requirement")
        roles[slug] = Role(
            slug, category, *(str(raw.get(n, "")).strip() for n in TEXT_FIELDS), tuple(requirements)
        )
    return (roles if not problems else {}), problems
