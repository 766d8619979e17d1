"""The real curriculum in courses/ and assessments/: complete, translated, and sized honestly."""

import re
from pathlib import Path

import pytest

from lms.catalog.definitions import TRACKS
from lms.catalog.loader import load_catalog

ROOT = Path(__file__).resolve().parents[3]
CATALOG, PROBLEMS = load_catalog(ROOT / "courses", ROOT / "assessments")
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def body_words(markdown: str) -> int:
    return len(WORD.findall(markdown))


def test_no_errors_and_no_warnings():
    assert [str(p) for p in PROBLEMS] == []


def test_size_of_the_curriculum():
    assert len(CATALOG.courses) >= 7
    assert sum(len(c.lessons) for c in CATALOG.courses) >= 28
    assert {c.track for c in CATALOG.courses} == set(TRACKS)


@pytest.mark.parametrize("course", CATALOG.courses, ids=lambda c: c.slug)
def test_every_course_has_a_real_quiz(course):
    quizzes = [q for (slug, _), q in CATALOG.quizzes.items() if slug == course.slug]
    assert quizzes, f"{course.slug} has no quiz"
    for quiz in quizzes:
        assert len(quiz.questions) >= 6
        assert len({q.kind for q in quiz.questions}) >= 3
        for question in quiz.questions:
            if question.kind in ("single_choice", "multiple_choice"):
                assert all(option.feedback for option in question.options)
            else:
                assert question.feedback_correct and question.feedback_incorrect
    assert set(course.required_quizzes) <= {q.slug for q in quizzes}


@pytest.mark.parametrize(
    "lesson",
    [(c.slug, lesson) for c in CATALOG.courses for lesson in c.lessons],
    ids=lambda p: f"{p[0]}/{p[1].slug}",
)
def test_every_lesson_has_a_title_time_and_honest_length(lesson):
    _, lesson = lesson
    english = lesson.texts["en"]
    assert english.title and lesson.minutes >= 1
    words = body_words(english.markdown)
    assert 300 <= words <= 900, f"{words} words"
    # About 80 words a minute for second-language readers, plus time for activities.
    assert words / 80 * 0.6 <= lesson.minutes <= words / 80 * 1.8 + 3


def test_one_full_course_per_track_in_chinese_and_bengali():
    for track in TRACKS:
        translated = [
            c
            for c in CATALOG.courses
            if c.track == track
            and {"zh-Hans", "bn"} <= set(c.languages)
            and all({"zh-Hans", "bn"} <= set(lesson.texts) for lesson in c.lessons)
        ]
        assert translated, f"no fully translated course in {track}"
        for course in translated:
            quizzes = [q for (slug, _), q in CATALOG.quizzes.items() if slug == course.slug]
            assert all({"zh-Hans", "bn"} <= set(q.translations) for q in quizzes)


def test_lessons_point_to_the_support_page_not_phone_numbers():
    for course in CATALOG.courses:
        for lesson in course.lessons:
            for text in lesson.texts.values():
                assert not re.search(r"\+?\d[\d\s-]{7,}\d", text.markdown), (
                    f"{text.path} has a number that looks like a phone"
                )
