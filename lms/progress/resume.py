"""Progress rules as plain values: what counts as done, where to resume, when a course is complete."""

from dataclasses import dataclass
from datetime import datetime, timedelta

# Only a finished lesson is done. Skipping means "not now": it never blocks the other lessons
# (the learner moves on), but it does not count as finishing, in any count or for completion.
DONE = frozenset({"finished"})
MOVED_ON = frozenset({"finished", "skipped"})
EVENTS = ("opened", "finished", "skipped", "saved")


def next_status(current: str | None, event: str) -> str:
    """Return the lesson's status after `event`; repeating an event changes nothing.

    Opening never undoes anything; finishing always wins; skipping or saving for later
    never undoes a finished lesson.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown progress event {event!r}")
    if event == "opened":
        return current or "opened"
    if event == "finished" or current == "finished":
        return "finished"
    return event


# Opening again the lesson a learner opened last, soon after, changes nothing a page shows:
# the status and first-opened time stay, and it is already where they "continue". Only its
# `updated_at` (a mentor's "last active") would move, and that may lag by this much. Reloads
# on a slow connection are common; each would otherwise be a database write.
REOPEN_UNRECORDED_FOR = timedelta(minutes=10)


def opening_needs_recording(
    status: str | None, updated_at: datetime | None, is_latest: bool, now: datetime
) -> bool:
    """Return False only when opening this lesson again would change nothing worth a write:
    it has a status already, it is the learner's most recently moved lesson, and it moved
    less than REOPEN_UNRECORDED_FOR ago."""
    if status is None or updated_at is None or not is_latest:
        return True
    return not (timedelta(0) <= now - updated_at < REOPEN_UNRECORDED_FOR)


@dataclass(frozen=True)
class CourseProgress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def lessons_complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


def course_progress(statuses: list[str | None]) -> CourseProgress:
    """Return how many of a course's lessons (given in order, by status) are done."""
    return CourseProgress(sum(1 for s in statuses if s in DONE), len(statuses))


def resume_point(lessons: list[tuple[str, str | None]]) -> str | None:
    """Return the slug to continue with; None when every lesson is finished.

    The first lesson, in order, not yet finished or skipped; once only skipped lessons are
    left, the first of those (skipping never holds the learner back, nor is it forgotten).
    """
    for slug, status in lessons:
        if status not in MOVED_ON:
            return slug
    return next((slug for slug, status in lessons if status not in DONE), None)


def is_course_complete(
    rule: str, progress: CourseProgress, required_quizzes: tuple, passed_quizzes: frozenset
) -> bool:
    """Return True when the course's completion rule holds."""
    if not progress.lessons_complete:
        return False
    if rule == "lessons_only":
        return True
    if rule == "lessons_and_quizzes":
        return set(required_quizzes) <= set(passed_quizzes)
    raise ValueError(f"unknown completion rule {rule!r}")
