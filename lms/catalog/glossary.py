"""Per-language glossaries (`courses/glossary.<tag>.yaml`) and the check for rejected variants.

One preferred term for each idea keeps translations consistent across courses, quizzes,
check-ins and roles. A rejected variant in any content file is reported with its file and
line as a warning, so `pathways courses check` tells translators before a reader stumbles.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .definitions import FILE_LANGUAGES
from .yamlfile import ContentError, Problem, parse_yaml

GLOSSARY_FILE = re.compile(r"^glossary\.([A-Za-z-]+)\.yaml$")
# A quiz may accept a variant a learner might type (受害人, ভিকটিম): those lines are not text.
_ACCEPTED_BLOCK = re.compile(r"^(\s*)(?:-\s+)?accepted:\s*(#.*)?$")
_ACCEPTED_INLINE = re.compile(r"^\s*(?:-\s+)?accepted:\s*\S")


@dataclass(frozen=True)
class Term:
    english: str
    preferred: str
    rejected: tuple
    note: str


@dataclass(frozen=True)
class Glossary:
    language: str
    terms: tuple
    path: str


def load_glossaries(courses_dir: Path, root: Path) -> tuple[dict, list[Problem]]:
    """Return {language tag: Glossary} from courses/glossary.<tag>.yaml, and any problems."""
    glossaries, problems = {}, []
    for path in sorted(Path(courses_dir).glob("glossary.*.yaml")):
        rel = _rel(path, root)
        match = GLOSSARY_FILE.match(path.name)
        if not match or match.group(1) not in FILE_LANGUAGES:
            problems.append(
                Problem(
                    rel, 1, f"unknown glossary language (use one of: {', '.join(FILE_LANGUAGES)})"
                )
            )
            continue
        try:
            data, lines = parse_yaml(path.read_text(encoding="utf-8"), rel)
        except ContentError as error:
            problems.append(error.problem)
            continue
        terms = data.get("terms") if isinstance(data, dict) else None
        if not isinstance(terms, list) or not terms:
            problems.append(Problem(rel, 1, "a glossary needs a list of 'terms'"))
            continue
        if data.get("language") != match.group(1):
            problems.append(
                Problem(rel, lines.of("language"), f"'language' must be {match.group(1)}")
            )
        parsed = []
        for position, entry in enumerate(terms):
            term = _term(entry)
            if term is None:
                problems.append(
                    Problem(
                        rel,
                        lines.of("terms", position),
                        "each term needs english, preferred and note (text) and rejected (a list)",
                    )
                )
            else:
                parsed.append(term)
        glossaries[match.group(1)] = Glossary(match.group(1), tuple(parsed), rel)
    return glossaries, problems


def _term(entry) -> Term | None:
    if not isinstance(entry, dict):
        return None
    texts = [entry.get(key) for key in ("english", "preferred", "note")]
    rejected = entry.get("rejected", [])
    if not all(isinstance(t, str) and t.strip() for t in texts):
        return None
    if not isinstance(rejected, list) or not all(
        isinstance(r, str) and r.strip() for r in rejected
    ):
        return None
    english, preferred, note = (t.strip() for t in texts)
    return Term(english, preferred, tuple(r.strip() for r in rejected), note)


def content_files(courses_dir: Path, assessments_dir: Path) -> list[Path]:
    """Every lesson, course, track, quiz, check-in and role file.

    Files at the top of courses/ (README, glossaries, review notes that quote rejected
    variants on purpose) are about the content, not content, so they are left out.
    """
    courses_dir = Path(courses_dir)
    files = list(courses_dir.glob("*/*/*.md"))
    files += list(courses_dir.glob("*/*.yaml")) + list(courses_dir.glob("*/*/*.yaml"))
    files += list(Path(assessments_dir).rglob("*.yaml"))
    return sorted(files)


def rejected_uses(glossaries: dict, files: list[Path], root: Path) -> list[Problem]:
    """Return a warning for each line of text that uses a glossary's rejected variant."""
    checks = [
        (variant, term, glossary)
        for glossary in glossaries.values()
        for term in glossary.terms
        for variant in term.rejected
    ]
    found = []
    if not checks:
        return found
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the loaders report unreadable files
        for number, line in text_lines(text, is_yaml=path.suffix == ".yaml"):
            for variant, term, glossary in checks:
                if variant in line:
                    found.append(
                        Problem(
                            _rel(path, root),
                            number,
                            f"uses '{variant}'; the {glossary.language} glossary prefers "
                            f"'{term.preferred}' for \"{term.english}\" ({glossary.path})",
                            "warning",
                        )
                    )
    return found


def text_lines(text: str, is_yaml: bool):
    """Yield (line number, line) for the lines that are text, skipping accepted answers."""
    block_indent = None
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None:
            inside = indent > block_indent or (
                indent == block_indent and line.lstrip().startswith("- ")
            )
            if not line.strip() or inside:
                continue
            block_indent = None
        if is_yaml:
            block = _ACCEPTED_BLOCK.match(line)
            if block:
                block_indent = len(block.group(1))
                continue
            if _ACCEPTED_INLINE.match(line):
                continue
        yield number, line


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)
