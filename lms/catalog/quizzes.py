"""Quiz files: parse and validate `assessments/<course>/<quiz>.yaml` into frozen dataclasses.

What is common to every question is read here; each kind's own fields are read by its
module in `lms/questions/` (the `KINDS` registry), which also grades it. Translations share
ids and answers with the original.
"""

from dataclasses import dataclass, field
from pathlib import Path

from lms.questions.base import ID
from lms.questions.choices import Option
from lms.questions.registry import KINDS

from .yamlfile import ContentError, Lines, Problem, parse_yaml

QUIZ_KEYS = {"title", "pass_mark", "attempts", "questions"}


@dataclass(frozen=True)
class Question:
    """A question as read; each kind fills the fields it uses (see `lms/questions/`)."""

    id: str
    kind: str
    prompt: str
    lesson: str | None = None
    options: tuple = ()  # Option, for choice kinds
    answer: bool | None = None  # true_false
    accepted: tuple = ()  # short_text
    pairs: tuple = ()  # (id, left, right) for matching
    items: tuple = ()  # (id, text) for ordering, in the correct order
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    partial_credit: bool = False


@dataclass(frozen=True)
class Quiz:
    slug: str
    course: str
    title: str
    pass_mark: int
    attempts: int | None
    questions: tuple
    translations: dict = field(default_factory=dict)  # tag -> Quiz (same ids)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class _Reader:
    def __init__(self, path: str, lines: Lines, problems: list):
        self.path, self.lines, self.problems = path, lines, problems

    def error(self, where: tuple, message: str) -> None:
        self.problems.append(Problem(self.path, self.lines.of(*where), message))

    def text(self, data: dict, where: tuple, key: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.error(where, f"missing field '{key}'")
            return ""
        if isinstance(value, bool):
            self.error(
                (*where, key),
                f"'{key}' must be text: put it in quotes, as YAML reads yes/no as true/false",
            )
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error((*where, key), f"'{key}' must be non-empty text")
            return ""
        return value.strip()

    def feedback_pair(self, data: dict, where: tuple) -> tuple[str, str]:
        feedback = data.get("feedback")
        if not isinstance(feedback, dict):
            self.error(where, "every question needs 'feedback' with 'correct' and 'incorrect' text")
            return "", ""
        return (
            self.text(feedback, (*where, "feedback"), "correct"),
            self.text(feedback, (*where, "feedback"), "incorrect"),
        )


def parse_quiz(
    text: str, path: str, course: str, slug: str, lessons: set | None = None
) -> tuple[Quiz | None, list[Problem]]:
    """Return the quiz and every problem in its file (the quiz is None when it has errors)."""
    problems: list[Problem] = []
    try:
        data, lines = parse_yaml(text, path)
    except ContentError as error:
        return None, [error.problem]
    if not isinstance(data, dict):
        return None, [
            Problem(path, 1, "expected a mapping of fields (title, pass_mark, questions)")
        ]
    r = _Reader(path, lines, problems)
    for key in sorted(set(data) - QUIZ_KEYS):
        r.error((key,), f"unknown field '{key}'")
    title = r.text(data, (), "title")
    pass_mark = data.get("pass_mark")
    if isinstance(pass_mark, bool) or not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        r.error(("pass_mark",), "'pass_mark' must be a whole number from 1 to 100")
        pass_mark = None
    attempts = data.get("attempts")
    if attempts is not None and (
        isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1
    ):
        r.error(
            ("attempts",), "'attempts' must be a whole number of at least 1, or null for unlimited"
        )
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        r.error(("questions",), "a quiz needs a list of 'questions'")
        questions = []
    parsed, seen = [], set()
    for position, raw in enumerate(questions):
        where = ("questions", position)
        if not isinstance(raw, dict):
            r.error(where, "each question must be a mapping of fields")
            continue
        question_id = str(raw.get("id", ""))
        if not ID.match(question_id):
            r.error(where, "each question needs an 'id' of letters, digits or hyphens")
        elif question_id in seen:
            r.error((*where, "id"), f"duplicate question id '{question_id}'")
        seen.add(question_id)
        kind = raw.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            r.error(
                (*where, "kind"),
                f"unknown question kind '{kind}' (use one of: {', '.join(KINDS)})",
            )
            continue
        lesson = raw.get("lesson")
        if isinstance(lesson, list | dict):  # cannot be a slug; other values are named below
            r.error(
                (*where, "lesson"), f"'lesson' must be the slug of a lesson in course '{course}'"
            )
            lesson = None
        elif lessons is not None and lesson is not None and lesson not in lessons:
            r.error((*where, "lesson"), f"lesson '{lesson}' does not exist in course '{course}'")
        specific = KINDS[kind].parse(r, raw, where)
        parsed.append(
            Question(
                id=question_id,
                kind=kind,
                prompt=r.text(raw, where, "prompt"),
                lesson=lesson,
                partial_credit=raw.get("partial_credit") is True,
                **specific,
            )
        )
    if problems:
        return None, problems
    return Quiz(slug, course, title, pass_mark, attempts, tuple(parsed)), problems


def _shape(quiz: Quiz) -> list:
    """What a translation must keep: ids, kinds and answers; only the words may change."""
    return [(q.id, q.kind, q.partial_credit, KINDS[q.kind].shape(q)) for q in quiz.questions]


def _id_gaps(original: list, translated: list) -> str:
    """Name the questions a translation lacks or adds, so a translator knows what to fix."""
    missing = [i for i in original if i not in translated]
    extra = [i for i in translated if i not in original]
    parts = []
    if missing:
        parts.append(f"missing: {', '.join(missing)}")
    if extra:
        parts.append(f"not in the original: {', '.join(extra)}")
    return f" ({'; '.join(parts)})" if parts else " (same questions in another order)"


def load_quiz(
    path: Path, root: Path, lessons: set | None = None
) -> tuple[Quiz | None, list[Problem]]:
    """Load a quiz with its translations (`final.bn.yaml` beside `final.yaml`)."""
    rel = str(path.relative_to(root))
    course, slug = path.parent.name, path.stem
    quiz, problems = parse_quiz(path.read_text(encoding="utf-8"), rel, course, slug, lessons)
    translations = {}
    for translated in sorted(path.parent.glob(f"{slug}.*.yaml")):
        tag = translated.name[len(slug) + 1 : -len(".yaml")]
        trel = str(translated.relative_to(root))
        if tag not in ("zh-Hans", "bn"):
            problems.append(Problem(trel, 1, f"unknown language tag '{tag}'"))
            continue
        tquiz, tproblems = parse_quiz(
            translated.read_text(encoding="utf-8"), trel, course, slug, lessons
        )
        problems.extend(tproblems)
        if quiz and tquiz:
            original_ids = [s[0] for s in _shape(quiz)]
            translated_ids = [s[0] for s in _shape(tquiz)]
            if translated_ids != original_ids:
                problems.append(
                    Problem(
                        trel,
                        1,
                        "question ids differ from the original quiz"
                        + _id_gaps(original_ids, translated_ids),
                    )
                )
            elif _shape(tquiz) != _shape(quiz):
                problems.append(
                    Problem(
                        trel,
                        1,
                        "kinds, option ids or correct answers differ from the original quiz",
                    )
                )
            elif tquiz.pass_mark != quiz.pass_mark or tquiz.attempts != quiz.attempts:
                problems.append(
                    Problem(trel, 1, "pass_mark and attempts must match the original quiz")
                )
            else:
                translations[tag] = tquiz
    if quiz is None or any(p.severity == "error" for p in problems):
        return None, problems
    return Quiz(
        quiz.slug,
        quiz.course,
        quiz.title,
        quiz.pass_mark,
        quiz.attempts,
        quiz.questions,
        translations,
    ), problems


def to_data(quiz: Quiz) -> dict:
    """Return the quiz as JSON-ready data (stored at sync; read back with from_data)."""
    return {
        "slug": quiz.slug,
        "course": quiz.course,
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "attempts": quiz.attempts,
        "questions": [
            {
                **q.__dict__,
                "options": [o.__dict__ for o in q.options],
                "accepted": list(q.accepted),
                "pairs": [list(p) for p in q.pairs],
                "items": [list(i) for i in q.items],
            }
            for q in quiz.questions
        ],
        "translations": {tag: to_data(t) for tag, t in quiz.translations.items()},
    }


def from_data(data: dict) -> Quiz:
    """Rebuild a Quiz from to_data's output."""
    questions = tuple(
        Question(
            **{
                **q,
                "options": tuple(Option(**o) for o in q["options"]),
                "accepted": tuple(q["accepted"]),
                "pairs": tuple(tuple(p) for p in q["pairs"]),
                "items": tuple(tuple(i) for i in q["items"]),
            }
        )
        for q in data["questions"]
    )
    return Quiz(
        data["slug"],
        data["course"],
        data["title"],
        data["pass_mark"],
        data["attempts"],
        questions,
        {tag: from_data(t) for tag, t in data.get("translations", {}).items()},
    )
