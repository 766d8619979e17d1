"""Pure modules stand alone: importing one loads neither Flask nor SQLAlchemy.

The rules (what a check-in shares, what a requirement needs, how a quiz is graded…) are
tested and read on their own, so they must not drag in the web framework or the database:
package `__init__` files are docstrings only, and blueprints live in their views modules.

Each module is imported in a fresh interpreter of its own, one after another: a module
imported earlier in the same interpreter would hide what a later one pulls in.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

# Every module under lms/ that imports neither Flask, SQLAlchemy nor lms.extensions, directly
# or through what it imports. Found by importing each module under lms/ in a fresh interpreter;
# a new pure module belongs here.
PURE_MODULES = [
    # domain rules
    "lms.access.policy",  # who may see what about a member
    "lms.accounts.names",
    "lms.accounts.passwords",
    "lms.accounts.twostep",
    "lms.assessments.grading",
    "lms.catalog.glossary",
    "lms.catalog.loader",  # course files read and validated
    "lms.catalog.definitions",
    "lms.catalog.quizzes",
    "lms.catalog.rendering",
    "lms.catalog.yamlfile",
    "lms.certificates.codes",
    "lms.credentials.builder",  # Open Badges credentials: built, signed, checked
    "lms.credentials.check",
    "lms.credentials.keys",
    "lms.credentials.proof",
    "lms.credentials.statuslist",
    "lms.mentoring.goals",
    "lms.mentoring.notes",
    "lms.mentoring.visibility",
    "lms.needs.rules",
    "lms.orgs.invites",
    "lms.orgs.roles",  # who counts as staff, helper; the menu flags
    "lms.orgs.recovery",
    "lms.programme.charts",
    "lms.programme.cohort_progress",
    "lms.programme.invitation_cards",
    "lms.programme.report",  # the funder report shaped (its queries: report_queries)
    "lms.programme.suppression",  # small counts kept out of funder reports
    "lms.progress.resume",
    "lms.questions.base",  # quiz question kinds: read, graded, asked
    "lms.questions.choices",
    "lms.questions.matching",
    "lms.questions.multiple_choice",
    "lms.questions.ordering",
    "lms.questions.registry",
    "lms.questions.short_text",
    "lms.questions.single_choice",
    "lms.questions.true_false",
    "lms.readiness.definitions",
    "lms.readiness.rules",
    "lms.roles.catalogue",
    "lms.roles.requirements",
    "lms.roles.transitions",
    "lms.stories.agreements",
    "lms.stories.details",
    # plain helpers the rules and the wiring share
    "lms",
    "lms.accounts.lifecycle",
    "lms.catalog.pdf",  # WeasyPrint is imported when a PDF is made, not before
    "lms.catalog.pdf_fonts",
    "lms.config",
    "lms.i18n",
    "lms.images",  # Pillow with its pixel guard, loaded on first use
    "lms.redirects",
    "lms.rolenames",
    "lms.plaintext",  # no characters that hide or reorder typed text
    "lms.sections",
    "lms.timeutil",
]

FORBIDDEN = ("flask", "sqlalchemy")

CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
print(" ".join(name for name in sys.argv[2:] if name in sys.modules))
"""


def _loaded_by(module: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, module, *FORBIDDEN],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.split()


@pytest.mark.parametrize("module", PURE_MODULES)
def test_a_pure_module_loads_neither_flask_nor_sqlalchemy(module):
    loaded = _loaded_by(module)
    assert loaded == [], f"importing {module} loads {' and '.join(loaded)}"


def test_the_check_sees_flask_when_a_module_loads_it():
    # The check itself can fail: a views module loads both.
    assert _loaded_by("lms.readiness.views") == ["flask", "sqlalchemy"]


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def test_package_init_files_hold_only_their_docstring():
    # Importing lms.x.rules runs lms/x/__init__.py first: anything there loads for every module.
    # lms/__init__.py may also hold the lazy `create_app` (a function imports nothing until used).
    lms = Path(__file__).resolve().parents[2] / "lms"
    busy = []
    for init in sorted(lms.rglob("__init__.py")):
        body = ast.parse(init.read_text(encoding="utf-8")).body
        lazy = init.parent == lms
        if not all(_is_docstring(n) or (lazy and isinstance(n, ast.FunctionDef)) for n in body):
            busy.append(init.relative_to(lms.parent).as_posix())
    assert busy == []
