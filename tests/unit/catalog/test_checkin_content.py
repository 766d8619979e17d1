"""The shipped check-in content: danger signals lead to support, and self-made translations say so."""

from pathlib import Path

import pytest

from lms.readiness.definitions import load_checkins
from lms.readiness.rules import offer_support

ROOT = Path(__file__).resolve().parents[3]
DEFINITIONS, PROBLEMS = load_checkins(ROOT / "assessments" / "checkins", ROOT)
READINESS = DEFINITIONS["readiness"]
WHO5 = DEFINITIONS["who5"]


@pytest.mark.parametrize("item_id", ["safe-place", "no-contact"])
def test_feeling_unsafe_now_leads_to_the_supportive_screen(item_id):
    """Contact with the people who exploited someone is a danger now, not a readiness detail."""
    assert [str(p) for p in PROBLEMS] == []
    assert next(i for i in READINESS.items if i.id == item_id).safety_signal
    assert offer_support(READINESS, {item_id: 1})
    assert offer_support(READINESS, {item_id: 0})
    assert not offer_support(READINESS, {item_id: 3})


@pytest.mark.parametrize("tag", ["zh-Hans", "bn"])
def test_self_made_who5_translations_say_they_are_not_the_validated_version(tag):
    note = WHO5.translations[tag].translation_note
    assert "Pathways" in note
    assert {"zh-Hans": "经过验证", "bn": "যাচাই"}[tag] in note
    text = (ROOT / "assessments" / "checkins" / f"who5.{tag}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Translated by Pathways; not the validated version")
