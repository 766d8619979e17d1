from datetime import datetime, timedelta

from lms.mentoring.visibility import suggest_check_in

NOW = datetime(2026, 11, 25)


def test_check_in_cue_after_two_quiet_weeks():
    assert suggest_check_in(None, NOW)
    assert suggest_check_in(NOW - timedelta(days=15), NOW)
    assert not suggest_check_in(NOW - timedelta(days=3), NOW)
