"""Goal rules: who may do what in which status, and target dates."""

from datetime import date

import pytest

from lms.mentoring.goals import (
    LEARNER,
    MENTOR,
    GoalRuleError,
    allowed_actions,
    initial_status,
    latest_target,
    may,
    may_change_sharing,
    next_status,
    target_date_problem,
)
from lms.mentoring.models import GOAL_STATUSES

TODAY = date(2026, 11, 25)


def test_the_learners_own_goal_is_active_and_a_mentors_waits_for_an_answer():
    assert initial_status(LEARNER) == "active"
    assert initial_status(MENTOR) == "proposed"


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("accept", "proposed", "active"),
        ("decline", "proposed", "declined"),
        ("done", "active", "done"),
        ("archive", "proposed", "archived"),
        ("archive", "active", "archived"),
        ("archive", "done", "archived"),
        ("archive", "declined", "archived"),
        ("restore", "archived", "active"),
        ("restore", "done", "active"),
        ("restore", "declined", "active"),
    ],
)
def test_learner_moves_a_goal(action, before, after):
    assert may(action, LEARNER, before)
    assert next_status(action, before) == after


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("accept", "active"),
        ("accept", "declined"),
        ("decline", "active"),
        ("done", "proposed"),
        ("done", "archived"),
        ("archive", "archived"),
        ("restore", "active"),
        ("restore", "proposed"),
    ],
)
def test_impossible_moves_are_refused(action, status):
    assert not may(action, LEARNER, status)
    with pytest.raises(GoalRuleError):
        next_status(action, status)


def test_the_learner_can_archive_in_every_status_but_archived():
    for status in GOAL_STATUSES:
        assert may("archive", LEARNER, status) is (status != "archived")


def test_the_learner_edits_any_goal_that_is_not_archived():
    for status in GOAL_STATUSES:
        assert may("edit", LEARNER, status) is (status != "archived")


def test_progress_notes_only_on_live_goals():
    for status in GOAL_STATUSES:
        live = status in ("proposed", "active", "done")
        assert may("note", LEARNER, status) is live
        assert may("note", MENTOR, status, shared_with_mentors=True) is live


def test_mentors_never_decide_for_the_learner():
    for status in GOAL_STATUSES:
        for action in ("accept", "decline", "done", "archive", "restore", "edit"):
            assert not may(action, MENTOR, status)


def test_mentors_cannot_note_a_private_goal():
    assert not may("note", MENTOR, "active", shared_with_mentors=False)


def test_unknown_people_and_actions_are_denied():
    assert not may("note", "staff", "active")
    assert not may("delete", LEARNER, "active")
    with pytest.raises(GoalRuleError):
        next_status("delete", "active")


def test_allowed_actions_list_the_buttons():
    assert allowed_actions(LEARNER, "proposed") == {"accept", "decline", "archive", "edit", "note"}
    assert allowed_actions(LEARNER, "archived") == {"restore"}
    assert allowed_actions(MENTOR, "active") == {"note"}
    assert allowed_actions(MENTOR, "active", shared_with_mentors=False) == frozenset()


def test_sharing_is_the_learners_choice_on_goals_they_wrote():
    assert may_change_sharing(True)
    assert not may_change_sharing(False)


def test_target_date_is_optional_and_may_be_today():
    assert target_date_problem(None, TODAY) is None
    assert target_date_problem(TODAY, TODAY) is None
    assert target_date_problem(date(2031, 11, 25), TODAY) is None


def test_target_date_in_the_past_or_too_far():
    assert target_date_problem(date(2026, 11, 24), TODAY) == "in_past"
    assert target_date_problem(date(2031, 11, 26), TODAY) == "too_far"


def test_a_date_the_goal_already_has_may_stay_after_it_passed():
    old = date(2026, 1, 1)
    assert target_date_problem(old, TODAY, previous=old) is None
    assert target_date_problem(date(2026, 1, 2), TODAY, previous=old) == "in_past"


def test_five_years_from_the_29th_of_february():
    assert latest_target(date(2028, 2, 29)) == date(2033, 2, 28)
    assert latest_target(TODAY) == date(2031, 11, 25)
