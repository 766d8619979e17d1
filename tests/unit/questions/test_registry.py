"""The registry of question kinds: every kind complete, and the package below the catalogue."""

import ast
import sys
from pathlib import Path

import pytest

from lms.catalog.quizzes import parse_quiz
from lms.questions.registry import HOOKS, KINDS

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "lms" / "questions"


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_has_every_hook_and_its_template(name):
    kind = KINDS[name]
    assert kind.NAME == name
    missing = [hook for hook in HOOKS if not hasattr(kind, hook)]
    assert missing == []
    assert (ROOT / "templates" / kind.TEMPLATE).is_file()


def test_quiz_authors_are_told_every_kind_in_order():
    text = "title: T\npass_mark: 50\nquestions:\n  - id: q\n    kind: essay\n    prompt: P\n"
    found = [str(p) for p in parse_quiz(text, "f.yaml", "c", "q")[1]]
    assert found == [
        "f.yaml:5: unknown question kind 'essay' (use one of: single_choice, multiple_choice,"
        " true_false, short_text, matching, ordering)"
    ]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_kinds_import_only_the_standard_library_and_each_other(path):
    """Pure, and below the catalogue: the catalogue reads quiz files with the kinds and
    assessments grades with them, so the kinds import neither (nor Flask or SQLAlchemy)."""
    outside = {
        name
        for name in _imports(path)
        if name.split(".")[0] not in sys.stdlib_module_names and name != "lms.questions"
    }
    assert outside == set()


@pytest.mark.parametrize("written", ["[]", "{}", "[matching]", "3", "null"])
def test_a_kind_that_is_no_name_is_reported_with_its_line(written):
    """`kind: []` once crashed the course check with a TypeError instead of naming the line."""
    text = f"title: T\npass_mark: 50\nquestions:\n  - id: q\n    kind: {written}\n    prompt: P\n"
    found = [str(p) for p in parse_quiz(text, "f.yaml", "c", "q")[1]]
    assert len(found) == 1 and found[0].startswith("f.yaml:5: unknown question kind ")
    assert found[0].endswith(
        "(use one of: single_choice, multiple_choice, true_false, short_text, matching, ordering)"
    )
