"""Progress rules: idempotent events, skipping counts as done, where to resume, completion."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.progress.resume import (
    EVENTS,
    REOPEN_UNRECORDED_FOR,
    course_progress,
    is_course_complete,
    next_status,
    opening_needs_recording,
    resume_point,
)


def test_events_never_undo_finishing():
    assert next_status(None, "opened") == "opened"
    assert next_status("finished", "opened") == "finished"
    assert next_status("finished", "skipped") == "finished"
    assert next_status("finished", "saved") == "finished"
    assert next_status("skipped", "finished") == "finished"
    assert next_status("saved", "skipped") == "skipped"
    assert next_status("skipped", "opened") == "skipped"


@given(st.lists(st.sampled_from(EVENTS), min_size=1, max_size=8))
def test_repeating_the_last_event_changes_nothing(events):
    status = None
    for event in events:
        status = next_status(status, event)
    assert next_status(status, events[-1]) == status


def test_unknown_event_is_refused():
    with pytest.raises(ValueError):
        next_status(None, "deleted")


def test_skipped_lessons_are_not_done():
    """Skipping means "not now": only finished lessons count, and only they complete a course."""
    progress = course_progress(["finished", "skipped", None])
    assert (progress.done, progress.total, progress.percent) == (1, 3, 33)
    assert not progress.lessons_complete
    assert not course_progress(["finished", "skipped"]).lessons_complete
    assert course_progress(["finished", "finished"]).lessons_complete


def test_resume_point_is_first_lesson_not_done():
    assert resume_point([("a", "finished"), ("b", "saved"), ("c", None)]) == "b"
    # A skipped lesson is passed over while others wait, then offered again.
    assert resume_point([("a", "skipped"), ("b", None)]) == "b"
    assert resume_point([("a", "skipped"), ("b", "finished")]) == "a"
    assert resume_point([("a", "finished"), ("b", "finished")]) is None
    assert resume_point([]) is None


def test_completion_rules():
    skipped = course_progress(["finished", "skipped"])
    assert not is_course_complete("lessons_and_quizzes", skipped, ("final",), frozenset({"final"}))
    assert not is_course_complete("lessons_only", skipped, (), frozenset())
    done = course_progress(["finished", "finished"])
    assert is_course_complete("lessons_only", done, (), frozenset())
    assert not is_course_complete("lessons_and_quizzes", done, ("final",), frozenset())
    assert is_course_complete("lessons_and_quizzes", done, ("final",), frozenset({"final"}))
    not_done = course_progress(["finished", None])
    assert not is_course_complete("lessons_and_quizzes", not_done, ("final",), frozenset({"final"}))
    assert not is_course_complete("lessons_only", course_progress([]), (), frozenset())


NOW = datetime(2026, 11, 29, 3, 0)


def test_a_first_opening_is_always_recorded():
    assert opening_needs_recording(None, None, False, NOW)
    assert opening_needs_recording(None, NOW, True, NOW)


def test_reopening_the_latest_lesson_soon_after_is_not_recorded():
    assert not opening_needs_recording("opened", NOW, True, NOW)
    assert not opening_needs_recording("finished", NOW - timedelta(minutes=9), True, NOW)


def test_reopening_is_recorded_when_another_lesson_moved_since_or_time_has_passed():
    assert opening_needs_recording("opened", NOW - timedelta(minutes=1), False, NOW)
    assert opening_needs_recording("opened", NOW - REOPEN_UNRECORDED_FOR, True, NOW)
    # A clock that went backwards (a lesson stamped in the future) is put right by a write.
    assert opening_needs_recording("opened", NOW + timedelta(minutes=1), True, NOW)
