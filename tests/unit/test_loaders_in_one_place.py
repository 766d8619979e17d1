"""Object access in one place per kind: every function that loads an object or answers
"not found" (`*_or_404`) lives in a `loaders.py` module (or is one of the two shared
organisation checks in lms/orgs/context.py), never in a view module of its own.
Scanned without importing anything."""

import ast
from pathlib import Path

LMS = Path(__file__).resolve().parents[2] / "lms"
SHARED = {"lms/orgs/context.py", "lms/catalog/queries.py"}
# Not object access: a quiz is course content, looked up by its course (no member owns it).
CONTENT = {("lms/assessments/views.py", "_quiz_or_404")}


def loaders_outside_their_place(root: Path = LMS) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root.parent).as_posix()
        if path.name == "loaders.py" or where in SHARED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FunctionDef)
                and node.name.endswith("_or_404")
                and (where, node.name) not in CONTENT
            ):
                found.append(f"{where}: {node.name}")
    return found


def test_every_loader_lives_in_a_loaders_module():
    assert loaders_outside_their_place() == []


def test_the_scan_finds_a_loader_written_in_a_view(tmp_path):
    views = tmp_path / "lms" / "needs"
    views.mkdir(parents=True)
    (views / "views_learner.py").write_text("def _own_or_404(need_id):\n    ...\n")
    (views / "loaders.py").write_text("def own_need_or_404(need_id):\n    ...\n")
    assert loaders_outside_their_place(tmp_path / "lms") == [
        "lms/needs/views_learner.py: _own_or_404"
    ]
