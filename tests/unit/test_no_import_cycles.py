"""No import cycles between the packages under lms/.

Features are layered: a package may use the ones below it, never the other way round, so each
can be read, tested and changed with only what it stands on. Later features join earlier
pages and the data export through registries (`lms.sections`, `lms.accounts.lifecycle`), not
by being imported. This test builds the import graph from the source with `ast` and fails,
naming the cycle, when two packages import each other, directly or round a longer loop.

Every import counts, at module level and inside functions alike: an import moved into a
function still makes one package need the other, and hiding one there is how a cycle gets
smuggled past a module-level check. Only imports under `if TYPE_CHECKING:` are left out,
since they never run. lms/factory.py (with lms/cli.py) sits above everything and only the lazy
`lms.create_app` imports it, so its imports cannot close a cycle.

Nodes: each package directly under lms/ (lms.needs, lms.readiness…, its subpackages folded
in), each top-level module (lms/forms.py is `lms.forms`), and `lms` for lms/__init__.py.
"""

import ast
from pathlib import Path

import pytest

LMS = Path(__file__).resolve().parents[2] / "lms"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(LMS.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _node(module: str) -> str:
    """Fold a module name into its graph node: lms, lms.<package> or lms.<module>."""
    return ".".join(module.split(".")[:2])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(path: Path) -> list[tuple[str, int]]:
    """Return (imported lms module, line) for every import in the file that runs."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                # `from lms import sections` imports the module lms.sections, not lms itself.
                submodule = f"{source}.{alias.name}"
                is_module = (LMS.parent / submodule.replace(".", "/")).with_suffix(".py").exists()
                is_package = (LMS.parent / submodule.replace(".", "/")).is_dir()
                found.append((submodule if is_module or is_package else source, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return [(name, line) for name, line in found if name == "lms" or name.startswith("lms.")]


def package_graph() -> dict[str, dict[str, str]]:
    """Return {node: {node it imports: "where.the.import:line" (the first one found)}}."""
    graph: dict[str, dict[str, str]] = {}
    for path in sorted(LMS.rglob("*.py")):
        module = _module_name(path)
        source = _node(module)
        graph.setdefault(source, {})
        for target_module, line in _imported(path):
            target = _node(target_module)
            if target != source:
                graph[source].setdefault(target, f"{module}:{line}")
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    """Return one cycle as [a, b, …, a], or None when the graph has none (depth-first search)."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once explored
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := walk(target)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def _describe(cycle: list[str], graph: dict[str, dict[str, str]]) -> str:
    steps = [f"{a} -> {b} ({graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)]
    return "import cycle between packages: " + "; ".join(steps)


def test_no_cycle_between_packages_under_lms():
    graph = package_graph()
    cycle = find_cycle(graph)
    assert cycle is None, _describe(cycle, graph)


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    graph = package_graph()
    # lms/cli.py imports features inside its commands; needs/services.py imports relatively.
    assert "lms.readiness" in graph["lms.cli"]
    assert graph["lms.needs"]["lms.orgs"].startswith("lms.needs.")
    assert "lms.sections" in graph["lms.orgs"]  # `from lms import sections`


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": "a:1"}, "b": {}}, None),
        ({"a": {"b": "a:1"}, "b": {"a": "b:1"}}, ["a", "b", "a"]),
        ({"a": {"b": "a:1"}, "b": {"c": "b:1"}, "c": {"b": "c:1"}}, ["b", "c", "b"]),
    ],
)
def test_find_cycle_names_the_loop(graph, expected):
    assert find_cycle(graph) == expected
