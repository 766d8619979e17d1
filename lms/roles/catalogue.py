"""The role catalogue file (assessments/roles.yaml): read and validated with file and line.

Translations sit beside it (roles.zh-Hans.yaml, roles.bn.yaml): the same slugs, only the words.
A missing role or field is a warning and shows in English; a wrong slug or field is an error.
"""

from dataclasses import replace
from pathlib import Path

from lms.catalog.definitions import FILE_LANGUAGES
from lms.catalog.yamlfile import ContentError, Problem, parse_yaml

from .requirements import CATEGORIES, KINDS, TEXT_FIELDS, Requirement, Role


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
    if problems:
        return {}, problems
    for tag in FILE_LANGUAGES:
        translated = path.with_name(f"{path.stem}.{tag}.yaml")
        if translated.exists():
            words, found = _load_translation(translated, root, tag, roles)
            problems.extend(found)
            for slug, texts in words.items():
                roles[slug] = replace(
                    roles[slug], translations={**roles[slug].translations, tag: texts}
                )
    if any(p.severity == "error" for p in problems):
        return {}, problems
    return roles, problems


def _load_translation(path: Path, root: Path, tag: str, roles: dict) -> tuple[dict, list]:
    """Return ({slug: {field: words}}, problems) from one roles.<tag>.yaml."""
    rel = str(path.relative_to(root))
    try:
        data, lines = parse_yaml(path.read_text(encoding="utf-8"), rel)
    except ContentError as error:
        return {}, [error.problem]
    entries = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}, [Problem(rel, 1, "expected 'roles:' with a list of translated roles")]
    problems, words = [], {}
    for position, raw in enumerate(entries):
        where = lines.of("roles", position)
        slug = raw.get("slug") if isinstance(raw, dict) else None
        if slug not in roles:
            problems.append(
                Problem(rel, where, f"unknown role '{slug}': use a slug from roles.yaml")
            )
            continue
        if slug in words:
            problems.append(Problem(rel, where, f"duplicate role '{slug}'"))
            continue
        for key in sorted(set(raw) - {"slug", *TEXT_FIELDS}):
            problems.append(
                Problem(
                    rel,
                    lines.of("roles", position, key),
                    f"'{key}' cannot be translated: a translation holds only the words "
                    f"({', '.join(TEXT_FIELDS)})",
                )
            )
        texts = {}
        for name in TEXT_FIELDS:
            value = raw.get(name)
            if isinstance(value, str) and value.strip():
                texts[name] = value.strip()
            else:
                problems.append(
                    Problem(rel, where, f"missing {tag} '{name}' of role '{slug}'", "warning")
                )
        words[slug] = texts
    for slug in roles:
        if slug not in words:
            problems.append(
                Problem(rel, 1, f"missing {tag} translation of role '{slug}'", "warning")
            )
    return words, problems
