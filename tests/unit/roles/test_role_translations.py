"""roles.<tag>.yaml: the same slugs with only the words; gaps are warnings, mistakes are errors."""

import shutil
from pathlib import Path

import pytest

from lms.roles.catalogue import load_roles
from lms.roles.requirements import TEXT_FIELDS

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "content"


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(FIXTURES / "assessments", tmp_path / "assessments")
    return tmp_path / "assessments"


def load(folder):
    return load_roles(folder / "roles.yaml", folder.parent)


def test_every_shipped_role_is_complete_in_chinese_and_bengali():
    roles, problems = load_roles(ROOT / "assessments" / "roles.yaml", ROOT)
    assert [str(p) for p in problems] == []
    for role in roles.values():
        for tag in ("zh-Hans", "bn"):
            assert set(role.translations[tag]) == set(TEXT_FIELDS), (role.slug, tag)
            local = role.in_language(tag)
            assert local.title != role.title and local.requirements == role.requirements
    assert roles["peer-supporter"].in_language("zh-Hans").title == "同伴支持者"


def test_a_missing_role_or_field_is_a_warning_and_falls_back_to_english(folder):
    path = folder / "roles.zh-Hans.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    risks: 听别人讲困难的经历，可能会勾起回忆。\n", "")
    text = text[: text.index("  - slug: rescue-volunteer")]
    path.write_text(text, encoding="utf-8")
    roles, problems = load(folder)
    found = [str(p) for p in problems]
    assert all(p.severity == "warning" for p in problems)
    assert (
        "assessments/roles.zh-Hans.yaml:1: warning: missing zh-Hans translation of role 'rescue-volunteer'"
        in found
    )
    assert any("missing zh-Hans 'risks' of role 'peer-supporter'" in p for p in found)
    peer = roles["peer-supporter"].in_language("zh-Hans")
    assert (
        peer.title == "同伴支持者"
        and peer.risks == "Hearing hard experiences can bring back memories."
    )
    assert roles["rescue-volunteer"].in_language("zh-Hans").title == "Frontline rescue volunteer"
    assert roles["peer-supporter"].in_language("bn").title == "Peer supporter"


def test_unknown_slugs_and_untranslatable_fields_are_errors(folder):
    path = folder / "roles.zh-Hans.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("slug: rescue-volunteer", "slug: rescue-helper")
    text = text.replace("    title: 同伴支持者\n", "    title: 同伴支持者\n    category: public\n")
    path.write_text(text, encoding="utf-8")
    roles, problems = load(folder)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert roles == {}
    assert any("unknown role 'rescue-helper'" in e for e in errors)
    assert any(
        e.startswith("assessments/roles.zh-Hans.yaml:5: 'category' cannot be translated")
        for e in errors
    )
