"""Mentor notes kept from the learner: only with a category and a reason; the export's words."""

from lms.mentoring.notes import (
    EXPORT_HOW_TO_ASK,
    EXPORT_WORDS,
    HELD_BACK_CATEGORIES,
    MAX_REASON,
    export_entry,
    held_back_problems,
)
from lms.mentoring.visibility import may_read_note


def test_a_shared_note_needs_no_category_or_reason():
    assert held_back_problems(False, None, None) == {}
    assert held_back_problems(False, "nonsense", "") == {}


def test_a_held_back_note_needs_a_known_category_and_a_reason():
    assert held_back_problems(True, None, None) == {
        "category": "category_needed",
        "reason": "reason_needed",
    }
    assert held_back_problems(True, "because", "  ") == {
        "category": "category_needed",
        "reason": "reason_needed",
    }
    assert held_back_problems(True, "harm_to_learner", "She told me about a threat.") == {}


def test_the_reason_has_a_limit():
    assert held_back_problems(True, "harm_to_others", "x" * (MAX_REASON + 1)) == {
        "reason": "reason_too_long"
    }


def test_every_category_has_export_words():
    assert set(EXPORT_WORDS) == set(HELD_BACK_CATEGORIES)


def test_the_export_shows_a_shared_note_in_full():
    entry = export_entry(False, None, "Well done this week.", "2026-11-25T10:00:00Z", "Mai")
    assert entry == {"at": "2026-11-25T10:00:00Z", "from": "Mai", "note": "Well done this week."}


def test_the_export_says_a_note_is_held_back_and_why_but_never_what_it_says():
    entry = export_entry(True, "safeguarding_report", "SECRET BODY", "2026-11-25T10:00:00Z", "Mai")
    assert "SECRET BODY" not in str(entry) and "Mai" not in str(entry)
    assert entry["why"] == EXPORT_WORDS["safeguarding_report"]
    assert entry["how_to_ask"] == EXPORT_HOW_TO_ASK
    assert entry["held_back"]


def test_who_reads_a_note():
    assert may_read_note("learner", held_back=False)
    assert not may_read_note("learner", held_back=True)
    assert may_read_note("mentor", held_back=False)
    assert may_read_note("mentor", held_back=True, is_author=True)
    assert not may_read_note("mentor", held_back=True, is_author=False)
    assert may_read_note("staff", held_back=True)
    assert not may_read_note("someone", held_back=False)
