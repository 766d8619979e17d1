"""`courses check` names what a listed translation lacks: a lesson, a quiz, a question, an answer."""

import shutil
from pathlib import Path

import pytest

from lms.catalog.loader import load_catalog, untranslated_courses

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "content"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def content(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "content")
    root = tmp_path / "content"
    course = root / "courses" / "modern-slavery" / "sample-rights" / "course.yaml"
    course.write_text(course.read_text().replace("languages: [en]", "languages: [en, bn]"))
    (course.parent / "course.bn.yaml").write_text(
        "title: নমুনা অধিকার কোর্স\nsummary: পরীক্ষার জন্য তিনটি ছোট পাঠ।\n"
        "outcomes:\n  - একটি পাঠ পড়া।\n  - একটি বিষয়বস্তু-সতর্কতা দেখা।\n",
        encoding="utf-8",
    )
    return root


def quiz(content, name="all-kinds.yaml"):
    return content / "assessments" / "sample-rights" / name


def load(content):
    return load_catalog(content / "courses", content / "assessments")


def split(problems):
    errors = [str(p) for p in problems if p.severity == "error"]
    warnings = [str(p) for p in problems if p.severity == "warning"]
    return errors, warnings


def test_a_listed_language_without_a_quiz_translation_is_a_warning(content):
    _, problems = load(content)
    errors, warnings = split(problems)
    assert errors == []
    assert (
        "assessments/sample-rights/all-kinds.yaml:1: warning: missing bn translation of quiz "
        "'all-kinds' (course 'sample-rights' lists bn)" in warnings
    )
    assert any("missing bn translation of quiz 'check'" in w for w in warnings)
    assert any("missing bn translation of lesson 'hard-topic'" in w for w in warnings)
    # A language the course does not list is not expected.
    assert not any("zh-Hans" in w for w in warnings)


def test_a_translation_that_accepts_fewer_answers_is_a_warning(content):
    original = quiz(content)
    original.write_text(original.read_text().replace("accepted: [help]", "accepted: [help, aid]"))
    translated = quiz(content, "all-kinds.bn.yaml")
    translated.write_text(original.read_text().replace("accepted: [help, aid]", "accepted: [help]"))
    _, problems = load(content)
    errors, warnings = split(problems)
    assert errors == []
    line = original.read_text().splitlines().index("  - id: word") + 1
    assert (
        f"assessments/sample-rights/all-kinds.bn.yaml:{line}: warning: question 'word' accepts "
        "1 answer(s); the English question accepts 2: is one missing?" in warnings
    )
    assert not any("missing bn translation of quiz 'all-kinds'" in w for w in warnings)


def test_a_translation_missing_a_question_names_it(content):
    original = quiz(content)
    text = original.read_text()
    start, end = text.index("  - id: word"), text.index("  - id: pairs")
    quiz(content, "all-kinds.bn.yaml").write_text(text[:start] + text[end:])
    _, problems = load(content)
    errors, _ = split(problems)
    assert (
        "assessments/sample-rights/all-kinds.bn.yaml:1: question ids differ from the original "
        "quiz (missing: word)" in errors
    )


def test_courses_with_no_translation_at_all_are_listed_for_information(content):
    # The fixture's translated course titles and quiz (used by certificate and quiz tests)
    # are taken away.
    for tag in ("zh-Hans", "bn"):
        (content / "courses" / "modern-slavery" / "sample-rights" / f"course.{tag}.yaml").unlink()
        (content / "assessments" / "sample-english" / f"final.{tag}.yaml").unlink()
    catalog, _ = load(content)
    assert untranslated_courses(catalog) == [
        ("sample-rights", ("zh-Hans",)),
        ("sample-english", ("zh-Hans", "bn")),
    ]


def test_the_real_curriculum_lists_what_is_still_untranslated():
    catalog, _ = load_catalog(ROOT / "courses", ROOT / "assessments")
    gaps = dict(untranslated_courses(catalog))
    assert "know-your-rights" not in gaps  # translated into both
    for slug, languages in gaps.items():
        course = next(c for c in catalog.courses if c.slug == slug)
        assert not set(languages) & set(course.languages)
