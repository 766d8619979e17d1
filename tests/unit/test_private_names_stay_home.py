"""No module imports another package's private (underscore) names.

A page or a rule has one owner; other features reach it through the owner's public
functions or a registry (`lms.sections`, `lms.accounts.lifecycle`), never its private
helpers. This scans every module under lms/ (without importing anything)."""

import ast
from pathlib import Path

LMS = Path(__file__).resolve().parents[2] / "lms"


def _package_of(module: str) -> str:
    """The feature package a module belongs to ("lms.roles.views_mentor" -> "lms.roles");
    a shared module at the top (lms.sections) is its own package."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _module_name(path: Path, root: Path) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _absolute(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def private_imports_across_packages(root: Path = LMS) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        importer = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _absolute(importer, path.name == "__init__.py", node)
            if not source.startswith("lms") or _package_of(source) == _package_of(importer):
                continue
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{importer}: from {source} import {alias.name}")
    return found


def test_no_module_imports_another_packages_private_names():
    assert private_imports_across_packages() == []


def test_the_scan_finds_what_it_is_for(tmp_path):
    """The scan itself catches both spellings of the import it forbids (and allows a
    package its own private helpers)."""
    package = tmp_path / "lms"
    for name in ("roles", "mentoring"):
        (package / name).mkdir(parents=True)
        (package / name / "__init__.py").write_text("")
    (package / "roles" / "views_mentor.py").write_text("def _page(): ...\n")
    (package / "mentoring" / "views_a.py").write_text(
        "from lms.roles.views_mentor import _page\nfrom ..roles.views_mentor import _page as p\n"
    )
    (package / "mentoring" / "views_b.py").write_text("from .views_a import _private\n")
    assert private_imports_across_packages(package) == [
        "lms.mentoring.views_a: from lms.roles.views_mentor import _page",
        "lms.mentoring.views_a: from lms.roles.views_mentor import _page",
    ]
