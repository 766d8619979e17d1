"""Progress rules: idempotent events, skipping counts as done, where to resume, completion."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.progress.resume import (
    EVENTS,
    course_progress,
    is_course_complete,
    next_status,
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
