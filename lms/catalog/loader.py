"""Load and validate `courses/` (and which quizzes exist in `assessments/`) into a Catalog.

Every problem is reported with its file and line; nothing is raised for a broken course,
so the check command can list all problems at once. Sync refuses when any is an error.
"""

import re
from dataclasses import replace
from pathlib import Path

from lms.questions.registry import KINDS

from .definitions import (
    COMPLETION_RULES,
    FILE_LANGUAGES,
    RESERVED_SLUGS,
    TRACKS,
    Catalog,
    Course,
    Lesson,
    LessonText,
    Track,
)
from .glossary import content_files, load_glossaries, rejected_uses
from .quizzes import load_quiz
from .rendering import MEDIA_LIMITS, check_markdown
from .yamlfile import ContentError, Lines, Problem, parse_yaml, split_front_matter

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LESSON_FILE = re.compile(r"^(\d+)-([a-z0-9][a-z0-9-]*)(?:\.([A-Za-z-]+))?\.md$")
TRANSLATION_FILE = re.compile(r"^(track|course)\.([A-Za-z-]+)\.yaml$")
COURSE_KEYS = {
    "title",
    "summary",
    "order",
    "minutes",
    "languages",
    "outcomes",
    "prerequisites",
    "completion",
    "certificate",
    "public_title",
}
LESSON_KEYS = {"title", "order", "minutes", "content_warning", "quiz"}
HEADING = re.compile(r"^##\s", re.MULTILINE)
RESERVED_LESSON_SLUGS = ("pdf", "media", "progress")  # they name pages of a course


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def error(self, path: Path | str, line: int, message: str) -> None:
        self.problems.append(
            Problem(self.rel(path) if isinstance(path, Path) else path, line, message)
        )

    def warn(self, path: Path | str, line: int, message: str) -> None:
        rel = self.rel(path) if isinstance(path, Path) else path
        self.problems.append(Problem(rel, line, message, "warning"))

    def yaml_file(self, path: Path):
        try:
            data, lines = parse_yaml(path.read_text(encoding="utf-8"), self.rel(path))
        except ContentError as error:
            self.problems.append(error.problem)
            return None, Lines()
        except UnicodeDecodeError:
            self.error(path, 1, "the file is not UTF-8 text")
            return None, Lines()
        if not isinstance(data, dict):
            self.error(path, 1, "expected a mapping of fields (key: value)")
            return None, lines
        return data, lines

    def text(self, data: dict, lines: Lines, path: Path, key: str, required: bool = True):
        value = data.get(key)
        if value is None:
            if required:
                self.error(path, lines.start, f"missing field '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(path, lines.of(key), f"'{key}' must be non-empty text")
            return None
        return value.strip()

    def whole_number(self, data: dict, lines: Lines, path: Path, key: str, minimum: int = 0):
        value = data.get(key)
        if value is None:
            self.error(path, lines.start, f"missing field '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(path, lines.of(key), f"'{key}' must be a whole number of at least {minimum}")
            return None
        return value


def load_catalog(
    courses_dir: Path | str, assessments_dir: Path | str
) -> tuple[Catalog, list[Problem]]:
    """Return the catalog and every problem found (errors and warnings), in file order."""
    courses_dir, assessments_dir = Path(courses_dir), Path(assessments_dir)
    root = courses_dir.parent
    c = _Collector(root)
    quiz_files = _quiz_files(assessments_dir)
    tracks, courses, seen = [], [], {}
    if not courses_dir.is_dir():
        c.error(courses_dir, 1, "the courses folder does not exist")
        return Catalog((), ()), c.problems
    for track_dir in sorted(p for p in courses_dir.iterdir() if p.is_dir()):
        if track_dir.name not in TRACKS:
            c.error(
                track_dir, 1, f"unknown track '{track_dir.name}' (tracks are: {', '.join(TRACKS)})"
            )
            continue
        track = _load_track(c, track_dir)
        if track:
            tracks.append(track)
        for course_dir in sorted(p for p in track_dir.iterdir() if p.is_dir()):
            slug = course_dir.name
            if slug in RESERVED_SLUGS:
                c.error(
                    course_dir,
                    1,
                    f"'{slug}' is reserved for check-ins and roles; choose another course folder name",
                )
                continue
            if not SLUG.match(slug):
                c.error(
                    course_dir,
                    1,
                    "a course folder name must use lower-case letters, digits and hyphens",
                )
                continue
            if slug in seen:
                c.error(
                    course_dir / "course.yaml",
                    1,
                    f"duplicate course slug '{slug}' (also in {seen[slug]})",
                )
                continue
            seen[slug] = c.rel(course_dir)
            course = _load_course(c, course_dir, track_dir.name, quiz_files)
            if course:
                courses.append(course)
    slugs = {course.slug for course in courses}
    for course in courses:
        path = Path(root / course.path / "course.yaml")
        for prerequisite in course.prerequisites:
            if prerequisite not in slugs:
                c.error(path, 1, f"prerequisite '{prerequisite}' is not a course")
    quizzes = _load_quizzes(c, quiz_files, {course.slug: course for course in courses}, root)
    glossaries, glossary_problems = load_glossaries(courses_dir, root)
    c.problems.extend(glossary_problems)
    c.problems.extend(rejected_uses(glossaries, content_files(courses_dir, assessments_dir), root))
    tracks.sort(key=lambda t: (t.order, t.slug))
    courses.sort(key=lambda k: (TRACKS.index(k.track), k.order, k.slug))
    return Catalog(tuple(tracks), tuple(courses), quiz_files, quizzes), c.problems


def _load_quizzes(c: _Collector, quiz_files: dict, courses: dict, root: Path) -> dict:
    quizzes = {}
    for (course_slug, quiz_slug), path in sorted(quiz_files.items()):
        course = courses.get(course_slug)
        if course is None:
            c.warn(Path(path), 1, f"quiz for course '{course_slug}', which does not exist")
            continue
        lessons = {lesson.slug for lesson in course.lessons}
        quiz, problems = load_quiz(Path(path), root, lessons)
        c.problems.extend(problems)
        if quiz is not None:
            quizzes[(course_slug, quiz_slug)] = quiz
            _quiz_translation_gaps(c, quiz, course, Path(path))
    return quizzes


def _quiz_translation_gaps(c: _Collector, quiz, course: Course, path: Path) -> None:
    """Warn when a language the course lists lacks this quiz, or its kind finds a gap (a
    short text accepting fewer answers than the English question)."""
    for language in course.languages:
        if language == "en":
            continue
        translated_path = path.with_name(f"{quiz.slug}.{language}.yaml")
        if not translated_path.exists():
            c.warn(
                path,
                1,
                f"missing {language} translation of quiz '{quiz.slug}' "
                f"(course '{course.slug}' lists {language})",
            )
            continue
        translated = quiz.translations.get(language)
        if translated is None:
            continue  # the translation's own errors are already reported
        text = translated_path.read_text(encoding="utf-8").splitlines()
        for question, tquestion in zip(quiz.questions, translated.questions, strict=True):
            gap = KINDS[question.kind].translation_gap(question, tquestion)
            if gap:
                c.warn(translated_path, _line_of_id(text, question.id), gap)


def _line_of_id(lines: list, question_id: str) -> int:
    pattern = re.compile(rf"^\s*(?:-\s+)?id:\s*['\"]?{re.escape(question_id)}['\"]?\s*$")
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 1)


def untranslated_courses(catalog: Catalog, languages=FILE_LANGUAGES) -> list:
    """Return [(course slug, (language, ...))] for courses with nothing at all in a language.

    For information only: a course may be English-only on purpose, or waiting for a translator.
    """
    result = []
    for course in catalog.courses:
        quizzes = [q for (slug, _), q in catalog.quizzes.items() if slug == course.slug]
        missing = tuple(
            language
            for language in languages
            if language not in course.titles
            and not any(language in lesson.texts for lesson in course.lessons)
            and not any(language in quiz.translations for quiz in quizzes)
        )
        if missing:
            result.append((course.slug, missing))
    return result


def _quiz_files(assessments_dir: Path) -> dict:
    found = {}
    if assessments_dir.is_dir():
        for course_dir in assessments_dir.iterdir():
            if course_dir.is_dir() and course_dir.name not in RESERVED_SLUGS:
                for quiz in course_dir.glob("*.yaml"):
                    if quiz.name.count(".") == 1:  # originals only; translations carry a tag
                        found[(course_dir.name, quiz.stem)] = str(quiz)
    return found


def _translations(c: _Collector, folder: Path, kind: str) -> dict:
    result = {}
    for path in sorted(folder.glob(f"{kind}.*.yaml")):
        match = TRANSLATION_FILE.match(path.name)
        if not match:
            continue
        language = match.group(2)
        if language not in FILE_LANGUAGES:
            c.error(
                path,
                1,
                f"unknown language tag '{language}' (use one of: {', '.join(FILE_LANGUAGES)})",
            )
            continue
        data, lines = c.yaml_file(path)
        if data is not None:
            result[language] = (data, lines, path)
    return result


def _load_track(c: _Collector, track_dir: Path) -> Track | None:
    path = track_dir / "track.yaml"
    if not path.exists():
        c.error(path, 1, "missing track.yaml")
        return None
    data, lines = c.yaml_file(path)
    if data is None:
        return None
    title = c.text(data, lines, path, "title")
    summary = c.text(data, lines, path, "summary")
    order = c.whole_number(data, lines, path, "order")
    if None in (title, summary, order):
        return None
    titles, summaries = {"en": title}, {"en": summary}
    for language, (tdata, tlines, tpath) in _translations(c, track_dir, "track").items():
        ttitle = c.text(tdata, tlines, tpath, "title")
        tsummary = c.text(tdata, tlines, tpath, "summary")
        if ttitle and tsummary:
            titles[language], summaries[language] = ttitle, tsummary
    return Track(track_dir.name, order, titles, summaries)


def _load_course(c: _Collector, course_dir: Path, track: str, quiz_files: dict) -> Course | None:
    path = course_dir / "course.yaml"
    if not path.exists():
        c.error(path, 1, "missing course.yaml")
        return None
    data, lines = c.yaml_file(path)
    if data is None:
        return None
    for key in sorted(set(data) - COURSE_KEYS):
        c.error(path, lines.of(key), f"unknown field '{key}'")
    title = c.text(data, lines, path, "title")
    summary = c.text(data, lines, path, "summary")
    order = c.whole_number(data, lines, path, "order")
    minutes = c.whole_number(data, lines, path, "minutes", 1)
    languages = _languages(c, data, lines, path)
    outcomes = _text_list(c, data, lines, path, "outcomes")
    prerequisites = data.get("prerequisites") or []
    if not isinstance(prerequisites, list) or not all(isinstance(p, str) for p in prerequisites):
        c.error(path, lines.of("prerequisites"), "'prerequisites' must be a list of course slugs")
        prerequisites = []
    rule, quizzes = _completion(c, data, lines, path, course_dir.name, quiz_files)
    certificate, min_score = data.get("certificate", False), None
    if isinstance(certificate, dict):
        min_score = certificate.get("minimum_quiz_score")
        if (
            isinstance(min_score, bool)
            or not isinstance(min_score, int)
            or not 1 <= min_score <= 100
        ):
            c.error(
                path,
                lines.of("certificate"),
                "'minimum_quiz_score' must be a whole number from 1 to 100",
            )
            min_score = None
        certificate = True
    elif not isinstance(certificate, bool):
        c.error(
            path,
            lines.of("certificate"),
            "'certificate' must be true, false or {minimum_quiz_score: N}",
        )
    lessons = _load_lessons(c, course_dir, languages or ("en",), quiz_files)
    media = {
        p.name: str(p)
        for p in course_dir.iterdir()
        if p.is_file() and p.suffix.lower() in MEDIA_LIMITS
    }
    _check_media(c, course_dir)
    _check_lesson_markdown(c, course_dir.name, lessons, media)
    if rule == "lessons_and_quizzes" and not quizzes:
        c.error(path, lines.of("completion"), "rule 'lessons_and_quizzes' needs at least one quiz")
    if None in (title, summary, order, minutes, languages, outcomes, rule):
        return None
    titles, summaries, outcome_texts = {"en": title}, {"en": summary}, {"en": tuple(outcomes)}
    public_titles = _public_title(c, data, lines, path, {})
    for language, (tdata, tlines, tpath) in _translations(c, course_dir, "course").items():
        public_titles = _public_title(c, tdata, tlines, tpath, public_titles, language)
        ttitle = c.text(tdata, tlines, tpath, "title")
        tsummary = c.text(tdata, tlines, tpath, "summary")
        toutcomes = _text_list(c, tdata, tlines, tpath, "outcomes")
        if toutcomes is not None and len(toutcomes) != len(outcomes):
            c.error(
                tpath,
                tlines.of("outcomes"),
                f"has {len(toutcomes)} outcomes; the English course has {len(outcomes)}",
            )
        elif ttitle and tsummary and toutcomes:
            titles[language], summaries[language] = ttitle, tsummary
            outcome_texts[language] = tuple(toutcomes)
    for language in languages:
        if language != "en" and language not in titles:
            c.warn(
                path,
                lines.of("languages"),
                f"languages lists '{language}' but course.{language}.yaml is missing",
            )
    return Course(
        slug=course_dir.name,
        track=track,
        order=order,
        minutes=minutes,
        languages=tuple(languages),
        titles=titles,
        summaries=summaries,
        outcomes=outcome_texts,
        prerequisites=tuple(prerequisites),
        completion_rule=rule,
        required_quizzes=tuple(quizzes),
        awards_certificate=bool(certificate),
        lessons=tuple(lessons),
        media=media,
        certificate_min_score=min_score,
        path=c.rel(course_dir),
        public_titles=public_titles,
    )


def _public_title(c, data, lines, path, found: dict, language: str = "en") -> dict:
    """Return `found` plus this file's optional neutral `public_title` (used on Open Badges)."""
    if "public_title" not in data:
        return found
    value = data["public_title"]
    if not isinstance(value, str) or not value.strip() or len(value) > 120:
        c.error(path, lines.of("public_title"), "'public_title' must be text of 1-120 characters")
        return found
    return {**found, language: value.strip()}


def _languages(c, data, lines, path):
    languages = data.get("languages", ["en"])
    if not isinstance(languages, list) or "en" not in languages:
        c.error(path, lines.of("languages"), "'languages' must be a list that includes en")
        return None
    for language in languages:
        if language != "en" and language not in FILE_LANGUAGES:
            c.error(path, lines.of("languages"), f"unknown language tag '{language}'")
            return None
    return languages


def _text_list(c, data, lines, path, key):
    value = data.get(key)
    if value is None:
        c.error(path, lines.start, f"missing field '{key}'")
        return None
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        c.error(path, lines.of(key), f"'{key}' must be a list of text lines")
        return None
    return [v.strip() for v in value]


def _completion(c, data, lines, path, course_slug, quiz_files):
    completion = data.get("completion")
    if not isinstance(completion, dict):
        c.error(
            path, lines.of("completion"), "missing field 'completion' (with 'rule' and 'quizzes')"
        )
        return None, ()
    rule = completion.get("rule")
    if rule not in COMPLETION_RULES:
        c.error(
            path,
            lines.of("completion", "rule"),
            f"unknown completion rule '{rule}' (use {' or '.join(COMPLETION_RULES)})",
        )
        rule = None
    quizzes = completion.get("quizzes") or []
    if not isinstance(quizzes, list):
        c.error(path, lines.of("completion", "quizzes"), "'quizzes' must be a list of quiz slugs")
        return rule, ()
    for position, quiz in enumerate(quizzes):
        if (course_slug, quiz) not in quiz_files:
            c.error(
                path,
                lines.of("completion", "quizzes", position),
                f"unknown quiz '{quiz}': there is no assessments/{course_slug}/{quiz}.yaml",
            )
    return rule, tuple(quizzes)


def _load_lessons(c, course_dir: Path, languages, quiz_files) -> list[Lesson]:
    originals, translations = {}, {}
    for path in sorted(course_dir.glob("*.md")):
        match = LESSON_FILE.match(path.name)
        if not match:
            c.error(
                path,
                1,
                "a lesson file name must look like 01-lesson-slug.md (or 01-lesson-slug.bn.md)",
            )
            continue
        slug, language = match.group(2), match.group(3) or "en"
        if slug in RESERVED_LESSON_SLUGS:
            c.error(path, 1, f"'{slug}' cannot be a lesson slug: it names a page of the course")
            continue
        if language != "en" and language not in FILE_LANGUAGES:
            c.error(
                path,
                1,
                f"unknown language tag '{language}' (use one of: {', '.join(FILE_LANGUAGES)})",
            )
            continue
        loaded = _load_lesson_file(c, path, course_dir.name, quiz_files)
        if loaded is None:
            continue
        loaded = (loaded[0], replace(loaded[1], language=language))
        if language == "en":
            if slug in originals:
                c.error(path, 1, f"duplicate lesson slug '{slug}' (also {originals[slug][2].name})")
                continue
            originals[slug] = (*loaded, path)
        else:
            translations.setdefault(slug, {})[language] = (*loaded, path)

    lessons = []
    for slug, (meta, text, path) in originals.items():
        texts = {"en": text}
        for language, (tmeta, ttext, tpath) in translations.pop(slug, {}).items():
            if _translation_matches(c, meta, text, tmeta, ttext, tpath):
                texts[language] = ttext
        for language in languages:
            if language != "en" and language not in texts:
                c.warn(path, 1, f"missing {language} translation of lesson '{slug}'")
        lessons.append(
            Lesson(slug, meta["order"], meta["minutes"], meta.get("quiz"), texts, c.rel(path))
        )
    for slug, versions in translations.items():
        for _language, (_meta, _text, tpath) in versions.items():
            c.error(tpath, 1, f"translation of lesson '{slug}', which has no English original")
    orders = {}
    for lesson in lessons:
        if lesson.order in orders:
            c.warn(
                lesson.path,
                2,
                f"lessons '{orders[lesson.order]}' and '{lesson.slug}' share order {lesson.order}",
            )
        orders[lesson.order] = lesson.slug
    lessons.sort(key=lambda lesson: (lesson.order, lesson.slug))
    return lessons


def _load_lesson_file(c, path: Path, course_slug: str, quiz_files: dict):
    rel = c.rel(path)
    try:
        raw = path.read_text(encoding="utf-8")
        front, front_line, body, body_line = split_front_matter(raw, rel)
        meta, lines = parse_yaml(front, rel, line_offset=front_line - 1)
    except ContentError as error:
        c.problems.append(error.problem)
        return None
    except UnicodeDecodeError:
        c.error(path, 1, "the file is not UTF-8 text")
        return None
    if not isinstance(meta, dict):
        c.error(path, front_line, "the front matter must be a mapping of fields")
        return None
    for key in sorted(set(meta) - LESSON_KEYS):
        c.error(path, lines.of(key), f"unknown field '{key}'")
    title = c.text(meta, lines, path, "title")
    order = c.whole_number(meta, lines, path, "order")
    minutes = c.whole_number(meta, lines, path, "minutes", 1)
    warning = c.text(meta, lines, path, "content_warning", required=False)
    quiz = meta.get("quiz")
    if quiz is not None and (course_slug, quiz) not in quiz_files:
        c.error(
            path,
            lines.of("quiz"),
            f"unknown quiz '{quiz}': there is no assessments/{course_slug}/{quiz}.yaml",
        )
    if None in (title, order, minutes):
        return None
    meta = {"order": order, "minutes": minutes, "quiz": quiz, "keys": set(meta)}
    return meta, LessonText("en", title, warning, body, body_line, rel)


def _translation_matches(c, meta, text, tmeta, ttext, tpath) -> bool:
    matches = True
    for key in ("order", "minutes", "quiz"):
        if tmeta[key] != meta[key]:
            c.error(
                tpath, 2, f"'{key}' is {tmeta[key]!r} here but {meta[key]!r} in the English lesson"
            )
            matches = False
    if tmeta["keys"] != meta["keys"]:
        c.error(
            tpath,
            2,
            f"front matter fields differ from the English lesson ({', '.join(sorted(tmeta['keys'] ^ meta['keys']))})",
        )
        matches = False
    english, translated = len(HEADING.findall(text.markdown)), len(HEADING.findall(ttext.markdown))
    if english != translated:
        c.error(
            tpath,
            ttext.body_line,
            f"has {translated} '##' headings; the English lesson has {english}",
        )
        matches = False
    return matches


def _check_media(c, course_dir: Path) -> None:
    for path in course_dir.iterdir():
        suffix = path.suffix.lower()
        if path.is_file() and suffix == ".svg":
            c.error(path, 1, "SVG files can carry scripts; use PNG, JPEG or WebP")
        elif (
            path.is_file() and suffix in MEDIA_LIMITS and path.stat().st_size > MEDIA_LIMITS[suffix]
        ):
            c.error(
                path,
                1,
                f"the file is {path.stat().st_size // 1024} KB; the limit is {MEDIA_LIMITS[suffix] // 1024} KB",
            )


def _check_lesson_markdown(c, course_slug, lessons, media) -> None:
    slugs = {lesson.slug for lesson in lessons}
    for lesson in lessons:
        for text in lesson.texts.values():
            for line, message in check_markdown(text.markdown, slugs, media):
                c.error(text.path, text.body_line + line - 1, message)
