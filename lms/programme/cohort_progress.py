"""How far a cohort's learners got, per course and per track. Pure: no Flask, no database.

"Started" means the learner opened at least one lesson of the course (or completed it);
"completed" means the course's completion was recorded. A track is started when any of
its courses is, and completed when every one of its live courses is.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    key: int
    started: int
    completed: int
    learners: int


def per_course(
    learners: Sequence[int],
    courses: Sequence[int],
    started: Iterable[tuple[int, int]],
    completed: Iterable[tuple[int, int]],
) -> list[Counts]:
    """Return, for each course id in order, how many of the learners started and completed it."""
    members = set(learners)
    done = {pair for pair in completed if pair[0] in members}
    begun = {pair for pair in started if pair[0] in members} | done
    return [
        Counts(
            course,
            sum(1 for user in members if (user, course) in begun),
            sum(1 for user in members if (user, course) in done),
            len(members),
        )
        for course in courses
    ]


def per_track(
    learners: Sequence[int],
    tracks: Sequence[int],
    course_tracks: dict[int, int],
    started: Iterable[tuple[int, int]],
    completed: Iterable[tuple[int, int]],
) -> list[Counts]:
    """Return, for each track id in order, how many learners started it and finished all of it."""
    members = set(learners)
    done = {pair for pair in completed if pair[0] in members}
    begun = {pair for pair in started if pair[0] in members} | done
    results = []
    for track in tracks:
        courses = [course for course, owner in course_tracks.items() if owner == track]
        began = sum(1 for user in members if any((user, c) in begun for c in courses))
        finished = (
            sum(1 for user in members if all((user, c) in done for c in courses)) if courses else 0
        )
        results.append(Counts(track, began, finished, len(members)))
    return results
