from datetime import datetime, timedelta

from lms.mentoring.visibility import Sharing, suggest_check_in, visible_parts

NOW = datetime(2026, 11, 25)


def test_deny_by_default_except_progress():
    parts = visible_parts(Sharing(progress=True, checkin_summaries=False, checkin_answers=False))
    assert (
        "progress" in parts and "checkin_summaries" not in parts and "checkin_answers" not in parts
    )
    nothing = visible_parts(Sharing(False, False, False))
    assert nothing == {"name", "support_requests", "role_requests"}


def test_answers_include_the_summary():
    parts = visible_parts(Sharing(False, False, True))
    assert {"checkin_answers", "checkin_summaries"} <= parts and "progress" not in parts


def test_check_in_cue_after_two_quiet_weeks():
    assert suggest_check_in(None, NOW)
    assert suggest_check_in(NOW - timedelta(days=15), NOW)
    assert not suggest_check_in(NOW - timedelta(days=3), NOW)
