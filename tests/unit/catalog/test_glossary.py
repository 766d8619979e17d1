"""Glossaries: one preferred term per idea, and every rejected variant flagged with file:line."""

import shutil
from pathlib import Path

import pytest

from lms.catalog.glossary import content_files, load_glossaries, rejected_uses
from lms.catalog.loader import load_catalog

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "content"


@pytest.fixture
def content(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "content")
    root = tmp_path / "content"
    shutil.copy(ROOT / "courses" / "glossary.zh-Hans.yaml", root / "courses")
    shutil.copy(ROOT / "courses" / "glossary.bn.yaml", root / "courses")
    return root


def warnings(problems):
    return [str(p) for p in problems if p.severity == "warning"]


def test_each_language_has_a_valid_glossary_with_the_key_terms():
    glossaries, problems = load_glossaries(ROOT / "courses", ROOT)
    assert problems == []
    preferred = {tag: {t.preferred for t in g.terms} for tag, g in glossaries.items()}
    assert {"人口贩运", "诈骗园区", "受害者", "预约"} <= preferred["zh-Hans"]
    assert {"মানব পাচার", "ভুক্তভোগী", "দাসত্বমূলক অবস্থা"} <= preferred["bn"]
    zh = {t.preferred: t for t in glossaries["zh-Hans"].terms}
    assert "人口贩卖" in zh["人口贩运"].rejected and zh["人口贩运"].note


def test_no_lesson_quiz_checkin_or_role_file_uses_a_rejected_variant():
    glossaries, _ = load_glossaries(ROOT / "courses", ROOT)
    files = content_files(ROOT / "courses", ROOT / "assessments")
    assert any(p.name == "readiness.zh-Hans.yaml" for p in files)
    assert not any(p.parent == ROOT / "courses" for p in files)  # README, glossaries, notes
    assert any(p.name == "course.yaml" for p in files)
    assert any(p.name == "track.zh-Hans.yaml" for p in files)
    assert [str(p) for p in rejected_uses(glossaries, files, ROOT)] == []


def test_a_rejected_variant_is_reported_with_file_and_line(content):
    lesson = content / "courses" / "modern-slavery" / "sample-rights" / "01-first-steps.bn.md"
    lines = lesson.read_text(encoding="utf-8").splitlines()
    lines.insert(12, "কিছু মানুষকে ভিকটিম বলা হয়। এটি ভূমিদাসত্ব নয়।")
    lesson.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checkin = content / "assessments" / "checkins" / "readiness.zh-Hans.yaml"
    checkin.write_text(checkin.read_text(encoding="utf-8") + "# 反人口贩卖\n", encoding="utf-8")
    _, problems = load_catalog(content / "courses", content / "assessments")
    found = warnings(problems)
    rel = "courses/modern-slavery/sample-rights/01-first-steps.bn.md:13: warning: uses"
    assert any(w.startswith(f"{rel} 'ভিকটিম'") and "prefers 'ভুক্তভোগী'" in w for w in found)
    assert any(w.startswith(f"{rel} 'ভূমিদাসত্ব'") for w in found)
    end = len(checkin.read_text(encoding="utf-8").splitlines())
    assert any(
        w.startswith(f"assessments/checkins/readiness.zh-Hans.yaml:{end}: warning: uses '人口贩卖'")
        for w in found
    )
    assert not [str(p) for p in problems if p.severity == "error"]


def test_accepted_answers_may_hold_a_variant_a_learner_might_type(content):
    quiz = content / "assessments" / "sample-rights" / "all-kinds.yaml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("accepted: [help]", "accepted:\n    - help\n    - 受害人")
    quiz.write_text(text + "# 受害人 in a comment is text\n", encoding="utf-8")
    _, problems = load_catalog(content / "courses", content / "assessments")
    found = [w for w in warnings(problems) if "all-kinds.yaml" in w]
    assert len(found) == 1 and "受害人" in found[0]


def test_a_broken_glossary_is_an_error(content):
    (content / "courses" / "glossary.bn.yaml").write_text(
        "language: bn\nterms:\n  - {english: victim, preferred: ভুক্তভোগী}\n", encoding="utf-8"
    )
    (content / "courses" / "glossary.fr.yaml").write_text("terms: []\n", encoding="utf-8")
    _, problems = load_catalog(content / "courses", content / "assessments")
    errors = [str(p) for p in problems if p.severity == "error"]
    assert (
        "courses/glossary.bn.yaml:3: each term needs english, preferred and note (text) and rejected (a list)"
        in errors
    )
    assert any(
        e.startswith("courses/glossary.fr.yaml:1: unknown glossary language") for e in errors
    )


def test_notes_about_the_content_may_quote_a_rejected_variant(content):
    (content / "courses" / "REVIEW-zh-Hans.md").write_text(
        "Changed 约会 to 预约 in the English course's word list.\n", encoding="utf-8"
    )
    _, problems = load_catalog(content / "courses", content / "assessments")
    assert warnings(problems) == []
