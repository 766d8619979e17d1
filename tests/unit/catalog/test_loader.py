"""The loader and validator: each error kind, reported with the right file and line."""

import shutil
from pathlib import Path

import pytest

from lms.catalog.loader import load_catalog

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "content"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def content(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "content")
    return tmp_path / "content"


def load(content):
    return load_catalog(content / "courses", content / "assessments")


def errors(problems):
    return [str(p) for p in problems if p.severity == "error"]


def lesson(content, name="01-first-steps.md"):
    return content / "courses" / "modern-slavery" / "sample-rights" / name


def test_fixture_content_is_valid_and_complete(content):
    catalog, problems = load(content)
    assert problems == []
    assert [c.slug for c in catalog.courses] == ["sample-rights", "sample-english"]
    course = catalog.courses[0]
    assert [lesson.slug for lesson in course.lessons] == [
        "first-steps",
        "hard-topic",
        "last-lesson",
    ]
    assert set(course.lessons[0].texts) == {"en", "bn"}
    assert course.lessons[1].texts["en"].content_warning.startswith("This lesson talks")
    assert catalog.tracks[0].titles["bn"].startswith("অধিকার")


def test_the_real_courses_pass_the_validator():
    catalog, problems = load_catalog(ROOT / "courses", ROOT / "assessments")
    assert errors(problems) == []
    assert len(catalog.courses) >= 3


def test_bad_yaml_names_file_and_line(content):
    path = content / "courses" / "modern-slavery" / "sample-rights" / "course.yaml"
    text = path.read_text().replace("minutes: 9", "minutes: [9")
    path.write_text(text)
    _, problems = load(content)
    assert any(
        p.startswith("courses/modern-slavery/sample-rights/course.yaml:5:") and "bad YAML" in p
        for p in errors(problems)
    )


def test_missing_and_wrong_fields(content):
    path = content / "courses" / "modern-slavery" / "sample-rights" / "course.yaml"
    text = (
        path.read_text()
        .replace("title: Sample rights course\n", "")
        .replace("minutes: 9", "minutes: soon")
    )
    path.write_text(text + "colour: blue\n")
    _, problems = load(content)
    found = errors(problems)
    assert "courses/modern-slavery/sample-rights/course.yaml:1: missing field 'title'" in found
    assert any(":3: 'minutes' must be a whole number" in p for p in found)
    assert any(p.endswith(":13: unknown field 'colour'") for p in found)


def test_unknown_track_and_reserved_course_names(content):
    (content / "courses" / "cooking").mkdir()
    shutil.copytree(
        content / "courses" / "english" / "sample-english",
        content / "courses" / "english" / "checkins",
    )
    _, problems = load(content)
    found = errors(problems)
    assert any("courses/cooking:1: unknown track 'cooking'" in p for p in found)
    assert any("'checkins' is reserved" in p for p in found)


def test_duplicate_course_slugs_across_tracks(content):
    shutil.copytree(
        content / "courses" / "english" / "sample-english",
        content / "courses" / "modern-slavery" / "sample-english",
    )
    _, problems = load(content)
    assert any("duplicate course slug 'sample-english'" in p for p in errors(problems))


def test_link_to_a_lesson_that_does_not_exist(content):
    path = lesson(content)
    path.write_text(path.read_text().replace("(hard-topic)", "(no-such-lesson)"))
    _, problems = load(content)
    assert (
        "courses/modern-slavery/sample-rights/01-first-steps.md:11: "
        "link to lesson 'no-such-lesson', which does not exist in this course"
    ) in errors(problems)


def test_unknown_quiz_reference(content):
    path = lesson(content, "03-last-lesson.md")
    path.write_text(path.read_text().replace("quiz: check", "quiz: nope"))
    _, problems = load(content)
    assert any(
        p.startswith(
            "courses/modern-slavery/sample-rights/03-last-lesson.md:5: unknown quiz 'nope'"
        )
        for p in errors(problems)
    )


def test_unknown_completion_quiz(content):
    path = content / "courses" / "english" / "sample-english" / "course.yaml"
    path.write_text(path.read_text().replace("quizzes: [final]", "quizzes: [final, exam]"))
    _, problems = load(content)
    assert any(":10: unknown quiz 'exam'" in p for p in errors(problems))


def test_images_missing_remote_or_too_large(content):
    path = lesson(content)
    text = path.read_text()
    text += (
        "\n![](map.png)\n\n![A photo](https://tracker.example/pixel.png)\n\n![A chart](chart.png)\n"
    )
    path.write_text(text)
    (path.parent / "big.png").write_bytes(b"\x89PNG" + b"0" * 400_000)
    _, problems = load(content)
    found = errors(problems)
    assert any(":17: image 'map.png' needs a description" in p for p in found)
    assert any(
        ":19: image 'https://tracker.example/pixel.png' is on another site" in p for p in found
    )
    assert any(":21: image 'chart.png' is missing" in p for p in found)
    assert any("big.png:1: the file is 390 KB; the limit is 292 KB" in p for p in found)


def test_unsafe_html_is_refused_with_its_line(content):
    path = lesson(content)
    path.write_text(
        path.read_text() + "\n<script>alert(1)</script>\n\nA [bad link](javascript:alert(1)).\n"
    )
    _, problems = load(content)
    found = errors(problems)
    assert any(":17: raw HTML is not allowed" in p for p in found)
    assert any(":19: link to 'javascript:alert(1)'" in p for p in found)


def test_top_level_headings_are_refused(content):
    path = lesson(content)
    path.write_text(path.read_text() + "\n# Big title\n")
    _, problems = load(content)
    assert any(":17: use '##' headings" in p for p in errors(problems))


def test_translation_must_match_the_original(content):
    path = lesson(content, "01-first-steps.bn.md")
    path.write_text(
        path.read_text().replace("minutes: 3", "minutes: 4").replace("## স্বাগতম", "স্বাগতম")
    )
    _, problems = load(content)
    found = errors(problems)
    assert any("01-first-steps.bn.md:2: 'minutes' is 4 here but 3" in p for p in found)
    assert any("has 0 '##' headings; the English lesson has 1" in p for p in found)


def test_orphan_translation_and_unknown_language(content):
    (lesson(content).parent / "09-ghost.zh-Hans.md").write_text(
        "---\ntitle: x\norder: 9\nminutes: 1\n---\n\n## x\n"
    )
    (lesson(content).parent / "01-first-steps.fr.md").write_text(
        "---\ntitle: x\norder: 1\nminutes: 3\n---\n"
    )
    _, problems = load(content)
    found = errors(problems)
    assert any(
        "09-ghost.zh-Hans.md:1: translation of lesson 'ghost', which has no English original" in p
        for p in found
    )
    assert any("01-first-steps.fr.md:1: unknown language tag 'fr'" in p for p in found)


def test_missing_translations_are_warnings(content):
    path = content / "courses" / "modern-slavery" / "sample-rights" / "course.yaml"
    path.write_text(path.read_text().replace("languages: [en]", "languages: [en, bn]"))
    (path.parent / "course.bn.yaml").unlink()  # the fixture's translated title, taken away
    _, problems = load(content)
    assert errors(problems) == []
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any("warning: languages lists 'bn' but course.bn.yaml is missing" in w for w in warnings)
    assert any(
        "02-hard-topic.md:1: warning: missing bn translation of lesson 'hard-topic'" in w
        for w in warnings
    )


def test_front_matter_problems(content):
    path = lesson(content, "02-hard-topic.md")
    path.write_text("title: no front matter\n")
    path2 = lesson(content, "03-last-lesson.md")
    path2.write_text(path2.read_text().replace("---\n\n## Summary", "\n## Summary"))
    (path.parent / "notes.md").write_text("x")
    _, problems = load(content)
    found = errors(problems)
    assert any("02-hard-topic.md:1: a lesson must start with '---'" in p for p in found)
    assert any(
        "03-last-lesson.md:1: the front matter has no closing '---' line" in p for p in found
    )
    assert any(
        "notes.md:1: a lesson file name must look like 01-lesson-slug.md" in p for p in found
    )


def test_reserved_lesson_slug_and_duplicate_slug(content):
    folder = lesson(content).parent
    (folder / "04-pdf.md").write_text("---\ntitle: x\norder: 4\nminutes: 1\n---\n")
    (folder / "05-first-steps.md").write_text("---\ntitle: x\norder: 5\nminutes: 1\n---\n")
    _, problems = load(content)
    found = errors(problems)
    assert any("04-pdf.md:1: 'pdf' cannot be a lesson slug" in p for p in found)
    assert any("05-first-steps.md:1: duplicate lesson slug 'first-steps'" in p for p in found)


def test_svg_is_refused(content):
    (lesson(content).parent / "logo.svg").write_text("<svg onload='x()'/>")
    _, problems = load(content)
    assert any("logo.svg:1: SVG files can carry scripts" in p for p in errors(problems))
