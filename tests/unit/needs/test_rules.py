"""Need rules: when an unanswered need reaches staff, who may move it, what a referral carries."""

from datetime import datetime, timedelta

import pytest

from lms.needs import rules
from lms.needs.rules import (
    HELPER,
    LEARNER,
    escalation_due_at,
    escalation_hours,
    is_overdue,
    may,
    referral_payload,
    status_after,
    summary_problem,
)

CREATED = datetime(2026, 11, 25, 8, 0)


def test_kinds_and_urgencies():
    assert rules.NEED_KINDS == (
        "english_tutoring",
        "legal_advice",
        "housing",
        "phone_data",
        "someone_to_talk_to",
        "other",
    )
    assert "support" in rules.ALL_KINDS and "support" not in rules.NEED_KINDS
    assert rules.URGENCIES == ("today", "soon", "no_rush")
    assert rules.DEFAULT_URGENCY == "soon"


@pytest.mark.parametrize(
    ("urgency", "org_hours", "hours"),
    [
        ("today", 48, 4),  # someone needs help now: at most four hours
        ("today", 2, 2),  # an organisation that is quicker keeps its own time
        ("soon", 48, 48),
        ("soon", 24, 24),
        ("no_rush", 24, 48),
        ("no_rush", 100, 168),  # never more than a week
        ("unknown", 48, 48),  # an unexpected value is treated as "soon"
    ],
)
def test_escalation_hours(urgency, org_hours, hours):
    assert escalation_hours(urgency, org_hours) == hours
    assert escalation_due_at(CREATED, urgency, org_hours) == CREATED + timedelta(hours=hours)


def test_is_overdue_at_the_due_time_not_before():
    due = escalation_due_at(CREATED, "today", 48)
    assert not is_overdue(CREATED, "today", 48, due - timedelta(seconds=1))
    assert is_overdue(CREATED, "today", 48, due)
    assert not is_overdue(CREATED, "no_rush", 48, CREATED + timedelta(hours=95))
    assert is_overdue(CREATED, "no_rush", 48, CREATED + timedelta(hours=96))


def test_a_helper_reply_answers_an_open_need_and_a_learner_reply_changes_nothing():
    assert status_after("reply", HELPER, "open") == "answered"
    assert status_after("reply", HELPER, "answered") == "answered"
    assert status_after("reply", LEARNER, "open") == "open"
    assert status_after("reply", LEARNER, "answered") == "answered"


@pytest.mark.parametrize("status", ["open", "answered"])
def test_live_needs(status):
    assert may("reply", LEARNER, status) and may("reply", HELPER, status)
    assert may("refer", HELPER, status) and not may("refer", LEARNER, status)
    # Only helpers propose closing, and only once until the learner answers.
    assert may("propose_close", HELPER, status, close_proposed=False)
    assert not may("propose_close", HELPER, status, close_proposed=True)
    assert not may("propose_close", LEARNER, status)
    # The learner agrees or says "not yet" only when asked, and closes their own need any time.
    assert may("agree_close", LEARNER, status, close_proposed=True)
    assert may("keep_open", LEARNER, status, close_proposed=True)
    assert not may("agree_close", LEARNER, status, close_proposed=False)
    assert not may("keep_open", LEARNER, status, close_proposed=False)
    assert may("close", LEARNER, status)
    # Only the learner changes what may be shared; helpers never close for them.
    assert may("change_sharing", LEARNER, status)
    for action in ("close", "agree_close", "keep_open", "change_sharing"):
        assert not may(action, HELPER, status, close_proposed=True)
    assert status_after("agree_close", LEARNER, status) == "closed"
    assert status_after("close", LEARNER, status) == "closed"


def test_a_closed_need_takes_nothing_more():
    for who in (LEARNER, HELPER):
        for action in (
            "reply",
            "refer",
            "propose_close",
            "agree_close",
            "keep_open",
            "close",
            "change_sharing",
        ):
            assert not may(action, who, "closed", close_proposed=True)


def test_unknown_people_and_actions_are_refused():
    assert not may("reply", "stranger", "open")
    assert not may("delete", LEARNER, "open")
    assert not may("delete", HELPER, "open")


def test_referral_shares_the_summary_only_with_consent():
    assert referral_payload("legal_advice", True, "  Visa question  ") == {
        "kind": "legal_advice",
        "summary": "Visa question",
    }
    # Consent off: never the summary, whatever is stored.
    assert referral_payload("legal_advice", False, "Visa question") == {"kind": "legal_advice"}
    # Consent on but nothing written: only the kind.
    assert referral_payload("housing", True, "   ") == {"kind": "housing"}
    assert referral_payload("housing", True, None) == {"kind": "housing"}


def test_summary_problem():
    assert summary_problem(True, "") == "summary_missing"
    assert summary_problem(True, "   ") == "summary_missing"
    assert summary_problem(True, "A short summary") is None
    assert summary_problem(False, "") is None
    assert summary_problem(False, "x" * (rules.MAX_SUMMARY + 1)) is None  # not kept at all
    assert summary_problem(True, "x" * (rules.MAX_SUMMARY + 1)) == "summary_too_long"
    assert summary_problem(True, "x" * rules.MAX_SUMMARY) is None


def test_getting_in_touch_answers_only_an_open_need_and_only_for_a_helper():
    assert rules.may("mark_answered", rules.HELPER, rules.OPEN)
    assert rules.status_after("mark_answered", rules.HELPER, rules.OPEN) == rules.ANSWERED
    for status in (rules.ANSWERED, rules.CLOSED, "unknown"):
        assert not rules.may("mark_answered", rules.HELPER, status)
    assert not rules.may("mark_answered", rules.LEARNER, rules.OPEN)
