"""Frozen dataclasses for course content as loaded from files: plain values, no database."""

from dataclasses import dataclass, field

TRACKS = ("modern-slavery", "english", "advocacy")
RESERVED_SLUGS = ("checkins", "roles")
COMPLETION_RULES = ("lessons_only", "lessons_and_quizzes")
FILE_LANGUAGES = ("zh-Hans", "bn")  # English files carry no tag


@dataclass(frozen=True)
class LessonText:
    """One language version of a lesson."""

    language: str
    title: str
    content_warning: str | None
    markdown: str
    body_line: int
    path: str


@dataclass(frozen=True)
class Lesson:
    slug: str
    order: int
    minutes: int
    quiz: str | None
    texts: dict  # language tag -> LessonText; "en" always present
    path: str


@dataclass(frozen=True)
class Course:
    slug: str
    track: str
    order: int
    minutes: int
    languages: tuple
    titles: dict  # language tag -> str
    summaries: dict
    outcomes: dict  # language tag -> tuple[str, ...]
    prerequisites: tuple
    completion_rule: str
    required_quizzes: tuple
    awards_certificate: bool
    lessons: tuple  # of Lesson, in order
    certificate_min_score: int | None = None
    media: dict = field(default_factory=dict)  # file name -> path on disk
    path: str = ""
    public_titles: dict = field(default_factory=dict)  # language tag -> neutral title


@dataclass(frozen=True)
class Track:
    slug: str
    order: int
    titles: dict
    summaries: dict


@dataclass(frozen=True)
class Catalog:
    tracks: tuple
    courses: tuple
    quiz_files: dict = field(default_factory=dict)  # (course slug, quiz slug) -> path
    quizzes: dict = field(default_factory=dict)  # (course slug, quiz slug) -> quizzes.Quiz
