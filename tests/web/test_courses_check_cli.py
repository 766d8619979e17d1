"""`flask pathways courses check` prints translation gaps as warnings and information only."""

import shutil

from .conftest import FIXTURES


def use(runner, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    runner.app.config["LMS_COURSES_DIR"] = str(content / "courses")
    runner.app.config["LMS_ASSESSMENTS_DIR"] = str(content / "assessments")
    return content


def test_check_prints_translation_gaps_without_failing(runner, tmp_path):
    content = use(runner, tmp_path)
    course = content / "courses" / "english" / "sample-english" / "course.yaml"
    course.write_text(course.read_text().replace("languages: [en]", "languages: [en, zh-Hans]"))
    for language in ("zh-Hans", "bn"):  # the fixtures carry a translated quiz: take it away
        (content / "assessments" / "sample-english" / f"final.{language}.yaml").unlink()
    (content / "courses" / "modern-slavery" / "sample-rights" / "course.zh-Hans.yaml").unlink()
    result = runner.invoke(args=["pathways", "courses", "check"])
    assert result.exit_code == 0, result.output
    assert "warning: languages lists 'zh-Hans' but course.zh-Hans.yaml is missing" in result.output
    assert "warning: missing zh-Hans translation of lesson 'hello'" in result.output
    assert (
        "assessments/sample-english/final.yaml:1: warning: missing zh-Hans translation of quiz "
        "'final' (course 'sample-english' lists zh-Hans)" in result.output
    )
    assert "info: course 'sample-english' has no zh-Hans or bn translation yet" in result.output
    assert "info: course 'sample-rights' has no zh-Hans translation yet" in result.output
    assert "0 error(s)" in result.output


def test_check_prints_a_rejected_glossary_variant_with_file_and_line(runner, tmp_path):
    content = use(runner, tmp_path)
    (content / "courses" / "glossary.zh-Hans.yaml").write_text(
        "language: zh-Hans\nterms:\n"
        "  - {english: trafficking, preferred: 人口贩运, rejected: [人口贩卖], note: UN usage.}\n",
        encoding="utf-8",
    )
    checkin = content / "assessments" / "checkins" / "readiness.zh-Hans.yaml"
    text = checkin.read_text(encoding="utf-8").splitlines()
    text[0] = text[0] + "  # 人口贩卖"
    checkin.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = runner.invoke(args=["pathways", "courses", "check"])
    assert result.exit_code == 0
    assert (
        "assessments/checkins/readiness.zh-Hans.yaml:1: warning: uses '人口贩卖'; "
        "the zh-Hans glossary prefers '人口贩运'" in result.output
    )
