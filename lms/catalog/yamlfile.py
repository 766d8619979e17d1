"""YAML with line numbers, so every content problem can be reported as `path:line: message`."""

from dataclasses import dataclass, field

# PyYAML is imported when a file is parsed (course sync, the command line), not when a web
# worker starts: this module is reached from the models, and no page parses YAML.


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a content file."""

    path: str
    line: int
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(Exception):
    """A content file cannot be read at all; carries the Problem that says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Lines:
    """Line numbers of the keys and list items of one YAML document (1-based)."""

    start: int = 1
    _by_path: dict = field(default_factory=dict)

    def of(self, *path) -> int:
        """Return the line of the deepest known part of `path` (a key or list index)."""
        while path:
            if path in self._by_path:
                return self._by_path[path]
            path = path[:-1]
        return self.start


def _index(node, path: tuple, lines: Lines, offset: int) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines._by_path[(*path, key)] = key_node.start_mark.line + 1 + offset
            _index(value_node, (*path, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            lines._by_path[(*path, position)] = item.start_mark.line + 1 + offset
            _index(item, (*path, position), lines, offset)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[object, Lines]:
    """Return the data of a YAML text and its line map; raise ContentError on bad YAML."""
    import yaml

    # libyaml's C parser when PyYAML was built with it (the usual wheels are): much faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        # One parse gives both the node tree (for line numbers) and the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = getattr(error, "problem", None) or "this is not valid YAML"
        raise ContentError(Problem(path, line, f"bad YAML: {reason}")) from error
    finally:
        loader.dispose()
    lines = Lines(start=1 + line_offset)
    if node is not None:
        _index(node, (), lines, line_offset)
    return data, lines


def split_front_matter(text: str, path: str) -> tuple[str, int, str, int]:
    """Return (front matter YAML, its first line, Markdown body, the body's first line)."""
    if not text.startswith("---\n"):
        raise ContentError(Problem(path, 1, "a lesson must start with '---' and YAML front matter"))
    end = text.find("\n---\n", 3)
    if end == -1:
        raise ContentError(Problem(path, 1, "the front matter has no closing '---' line"))
    front = text[4 : end + 1]
    body = text[end + 5 :]
    body_line = front.count("\n") + 3
    return front, 2, body, body_line
