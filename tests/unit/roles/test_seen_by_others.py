"""The role checklist as others see it: "met" or "not met yet", no check-in areas, no
sign of whether a check-in was done, and course or quiz detail only when progress is shared."""

from datetime import datetime, timedelta

import pytest

from lms.roles.requirements import (
    MET,
    NOT_YET,
    PRIVATE,
    Detail,
    MemberRecords,
    Requirement,
    Role,
    as_seen_by,
    evaluate,
)

NOW = datetime(2026, 11, 25, 12, 0)
ROLE = Role(
    "r",
    "private",
    "R",
    "i",
    "t",
    "x",
    "s",
    "n",
    (
        Requirement("course", course="c"),
        Requirement("quiz", course="c", quiz="q"),
        Requirement("checkin", within_days=90, domains=("choice", "story")),
        Requirement("adult"),
    ),
)
NO_CHECKIN = MemberRecords(now=NOW)
AREAS_OPEN = MemberRecords(
    now=NOW,
    completed_courses=frozenset({"c"}),
    checkin_at=NOW - timedelta(days=1),
    checkin_domains={"choice": "not_yet", "story": "ready"},
)
ALL_READY = MemberRecords(
    now=NOW,
    completed_courses=frozenset({"c"}),
    passed_quizzes=frozenset({("c", "q")}),
    checkin_at=NOW - timedelta(days=1),
    checkin_domains={"choice": "ready", "story": "ready"},
)


def seen(records, detail):
    return {s.kind: s for s in as_seen_by(evaluate(ROLE, records), detail)}


@pytest.mark.parametrize("records", [NO_CHECKIN, AREAS_OPEN], ids=["none", "areas open"])
def test_a_checkin_not_shared_is_only_not_met_yet(records):
    checkin = seen(records, Detail())["checkin"]
    assert (checkin.status, checkin.message, checkin.params, checkin.next_step) == (
        NOT_YET,
        "checkin" + PRIVATE,
        {},
        None,
    )


def test_a_checkin_not_shared_is_met_without_detail():
    checkin = seen(ALL_READY, Detail())["checkin"]
    assert (checkin.status, checkin.message, checkin.params) == (MET, "checkin_private", {})


def test_a_shared_checkin_keeps_its_areas():
    checkin = seen(AREAS_OPEN, Detail(checkins=True))["checkin"]
    assert checkin.message == "checkin_talk" and checkin.params == {"domains": ("choice",)}


@pytest.mark.parametrize(
    ("records", "course", "quiz"),
    [(NO_CHECKIN, NOT_YET, NOT_YET), (AREAS_OPEN, MET, NOT_YET), (ALL_READY, MET, MET)],
)
def test_courses_and_quizzes_follow_progress_sharing(records, course, quiz):
    hidden = seen(records, Detail(checkins=True))
    assert (hidden["course"].status, hidden["course"].message) == (course, "course_private")
    assert (hidden["quiz"].status, hidden["quiz"].message) == (quiz, "quiz_private")
    assert hidden["course"].params == {"course": "c"} and hidden["course"].next_step is None
    shown = seen(records, Detail(checkins=True, progress=True, quizzes=True))
    assert shown["course"].message in ("course_done", "course_needed")


def test_other_requirements_are_unchanged_and_in_order():
    before = evaluate(ROLE, AREAS_OPEN)
    after = as_seen_by(before, Detail())
    assert [s.kind for s in after] == [s.kind for s in before]
    assert after[3] == before[3]
