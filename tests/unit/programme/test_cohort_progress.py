"""Cohort progress counts per course and per track."""

from lms.programme.cohort_progress import per_course, per_track

LEARNERS = [1, 2, 3]
STARTED = [(1, 10), (2, 10), (2, 11), (9, 10)]  # 9 is not in the cohort
COMPLETED = [(1, 10), (3, 12), (9, 11)]


def test_per_course_counts_only_cohort_learners_and_completion_counts_as_started():
    counts = per_course(LEARNERS, [10, 11, 12], STARTED, COMPLETED)
    assert [(c.key, c.started, c.completed, c.learners) for c in counts] == [
        (10, 2, 1, 3),
        (11, 1, 0, 3),
        (12, 1, 1, 3),
    ]


def test_per_track_started_any_completed_all():
    tracks = {10: 100, 11: 100, 12: 200}
    counts = per_track(LEARNERS, [100, 200, 300], tracks, STARTED, COMPLETED + [(2, 11)])
    by_track = {c.key: (c.started, c.completed) for c in counts}
    assert by_track[100] == (2, 0)  # 1 and 2 started; nobody completed both 10 and 11
    assert by_track[200] == (1, 1)
    assert by_track[300] == (0, 0)  # a track with no courses


def test_an_empty_cohort_is_all_zero():
    counts = per_course([], [10], STARTED, COMPLETED)
    assert (counts[0].started, counts[0].completed, counts[0].learners) == (0, 0, 0)
