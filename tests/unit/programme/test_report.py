"""The funder report's period rules and shaping (pure)."""

from datetime import date, datetime

from lms.programme.report import (
    ACTIVITY_KINDS,
    bounds,
    default_period,
    period_problem,
    role_title,
    shape,
)

TODAY = date(2026, 11, 25)


def test_default_period_is_the_year_to_date():
    assert default_period(TODAY) == (date(2026, 1, 1), TODAY)


def test_period_problems():
    assert period_problem(date(2026, 1, 1), TODAY, TODAY) is None
    assert period_problem(date(2026, 5, 1), date(2026, 4, 1), TODAY) == "order"
    assert period_problem(date(2020, 1, 1), date(2026, 1, 2), TODAY) == "too_long"
    assert period_problem(date(2021, 11, 25), TODAY, TODAY) is None  # exactly five years
    assert period_problem(date(1999, 12, 31), date(2000, 6, 1), TODAY) == "too_early"
    assert period_problem(date(2026, 1, 1), date(2026, 11, 26), TODAY) == "future"


def test_bounds_cover_whole_days():
    assert bounds(date(2026, 1, 1), date(2026, 1, 31)) == (
        datetime(2026, 1, 1),
        datetime(2026, 2, 1),
    )


def test_shape_counts_and_suppresses_attendance_by_kind():
    report = shape(
        date(2026, 1, 1),
        TODAY,
        [("training", 20), ("training", 10), ("outreach", 3), ("awareness", 12), ("odd", 6)],
        [("Know your rights", 7), ("English", 2)],
        lessons=4,
        certificates=9,
        roles=[("Peer mentor", 6)],
    )
    assert [row.kind for row in report.kinds] == list(ACTIVITY_KINDS)
    by_kind = {row.kind: row for row in report.kinds}
    assert by_kind["training"].activities == 2 and by_kind["training"].attendance.value == 30
    assert by_kind["other"].activities == 1  # an unknown kind counts as "other"
    assert report.activities_total == 5
    # outreach (3) is small; the next-smallest, "other" (6), is hidden with it.
    assert by_kind["outreach"].attendance.suppressed
    assert by_kind["other"].attendance.suppressed
    assert not by_kind["awareness"].attendance.suppressed
    assert not by_kind["peer_support"].attendance.suppressed  # a true 0
    assert (report.attendance_total.value, report.attendance_total.suppressed) == (51, False)
    # English (2) is small and Know your rights is the only other: both hidden, total shown.
    assert [p.cell.suppressed for p in report.courses.parts] == [True, True]
    assert report.courses.total.value == 9 and not report.courses.total.suppressed
    assert report.lessons.suppressed and not report.certificates.suppressed
    assert not report.roles.total.suppressed


def test_shape_with_nothing_shows_zeros():
    report = shape(date(2026, 1, 1), TODAY, [], [], 0, 0, [])
    assert report.activities_total == 0
    assert not report.attendance_total.suppressed and report.attendance_total.value == 0
    assert report.courses.parts == () and not report.lessons.suppressed


def test_negative_attendance_never_reduces_a_total():
    report = shape(date(2026, 1, 1), TODAY, [("training", -5), ("training", 8)], [], 0, 0, [])
    assert report.attendance_total.value == 8


def test_role_title_in_the_locale_then_english_then_the_slug():
    data = {"title": "Peer mentor", "titles": {"en": "Peer mentor", "bn": "সহকর্মী মেন্টর"}}
    assert role_title("peer_mentor", data, "bn") == "সহকর্মী মেন্টর"
    assert role_title("peer_mentor", data, "zh_Hans") == "Peer mentor"
    assert role_title("peer_mentor", {"title": "Peer mentor"}, "bn") == "Peer mentor"
    # A definition since removed (or never synced) still names the role, by its slug.
    assert role_title("peer_mentor", None, "bn") == "peer_mentor"
    assert role_title("peer_mentor", {"titles": "not a mapping"}, "en") == "peer_mentor"
