"""Quiz files: parse and validate `assessments/<course>/<quiz>.yaml` into frozen dataclasses.

Each question kind registers how it is read and checked here; grading lives in
`lms/assessments/grading.py`. Translations share ids and answers with the original.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .yamlfile import ContentError, Lines, Problem, parse_yaml

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
QUIZ_KEYS = {"title", "pass_mark", "attempts", "questions"}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
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


def _choice(r: _Reader, data: dict, where: tuple, single: bool) -> dict:
    options = data.get("options")
    if not isinstance(options, list) or len(options) < 2:
        r.error(where, "a choice question needs a list of at least two 'options'")
        return {}
    parsed, seen = [], set()
    for position, raw in enumerate(options):
        spot = (*where, "options", position)
        if not isinstance(raw, dict):
            r.error(spot, "each option needs 'id', 'text' and 'feedback'")
            continue
        option_id = str(raw.get("id", ""))
        if not ID.match(option_id):
            r.error(spot, "each option needs an 'id' of letters, digits or hyphens")
        elif option_id in seen:
            r.error(spot, f"duplicate option id '{option_id}'")
        seen.add(option_id)
        correct = raw.get("correct", False)
        if not isinstance(correct, bool):
            r.error((*spot, "correct"), "'correct' must be true or false")
        parsed.append(
            Option(
                option_id, r.text(raw, spot, "text"), correct is True, r.text(raw, spot, "feedback")
            )
        )
    right = sum(1 for o in parsed if o.correct)
    if right == 0:
        r.error(where, "no option is marked 'correct: true'")
    elif single and right > 1:
        r.error(where, "a single_choice question has exactly one correct option")
    return {"options": tuple(parsed)}


def _true_false(r: _Reader, data: dict, where: tuple) -> dict:
    answer = data.get("answer")
    if not isinstance(answer, bool):
        r.error(where, "a true_false question needs 'answer: true' or 'answer: false'")
    return {"answer": answer if isinstance(answer, bool) else None}


def _short_text(r: _Reader, data: dict, where: tuple) -> dict:
    accepted = data.get("accepted")
    if (
        not isinstance(accepted, list)
        or not accepted
        or not all(isinstance(a, str | int) and str(a).strip() for a in accepted)
    ):
        r.error(
            where,
            "a short_text question needs a list of 'accepted' answers (no correct answer given)",
        )
        return {"accepted": ()}
    return {"accepted": tuple(str(a) for a in accepted)}


def _entries(r: _Reader, data: dict, where: tuple, key: str, fields: tuple) -> tuple:
    raw = data.get(key)
    if not isinstance(raw, list) or len(raw) < 2:
        r.error(where, f"this question needs a list of at least two '{key}'")
        return ()
    parsed, seen = [], set()
    for position, entry in enumerate(raw):
        spot = (*where, key, position)
        if not isinstance(entry, dict):
            r.error(spot, f"each entry needs {', '.join(fields)}")
            continue
        entry_id = str(entry.get("id", ""))
        if not ID.match(entry_id):
            r.error(spot, "each entry needs an 'id' of letters, digits or hyphens")
        elif entry_id in seen:
            r.error(spot, f"duplicate id '{entry_id}'")
        seen.add(entry_id)
        parsed.append((entry_id, *(r.text(entry, spot, name) for name in fields[1:])))
    return tuple(parsed)


QUESTION_KINDS = {
    "single_choice": lambda r, d, w: _choice(r, d, w, single=True),
    "multiple_choice": lambda r, d, w: _choice(r, d, w, single=False),
    "true_false": _true_false,
    "short_text": _short_text,
    "matching": lambda r, d, w: {"pairs": _entries(r, d, w, "pairs", ("id", "left", "right"))},
    "ordering": lambda r, d, w: {"items": _entries(r, d, w, "items", ("id", "text"))},
}
CHOICE_KINDS = ("single_choice", "multiple_choice")


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
        if kind not in QUESTION_KINDS:
            r.error(
                (*where, "kind"),
                f"unknown question kind '{kind}' (use one of: {', '.join(QUESTION_KINDS)})",
            )
            continue
        lesson = raw.get("lesson")
        if lessons is not None and lesson is not None and lesson not in lessons:
            r.error((*where, "lesson"), f"lesson '{lesson}' does not exist in course '{course}'")
        specific = QUESTION_KINDS[kind](r, raw, where)
        correct, incorrect = ("", "") if kind in CHOICE_KINDS else r.feedback_pair(raw, where)
        parsed.append(
            Question(
                id=question_id,
                kind=kind,
                prompt=r.text(raw, where, "prompt"),
                lesson=lesson,
                feedback_correct=correct,
                feedback_incorrect=incorrect,
                partial_credit=raw.get("partial_credit") is True,
                **specific,
            )
        )
    if problems:
        return None, problems
    return Quiz(slug, course, title, pass_mark, attempts, tuple(parsed)), problems


def _shape(quiz: Quiz) -> list:
    """What a translation must keep: ids, kinds and answers; only the words may change."""
    shape = []
    for q in quiz.questions:
        shape.append(
            (
                q.id,
                q.kind,
                q.answer,
                q.partial_credit,
                tuple((o.id, o.correct) for o in q.options),
                tuple(p[0] for p in q.pairs),
                tuple(i[0] for i in q.items),
            )
        )
    return shape


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
