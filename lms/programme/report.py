"""The funder report, pure: the period rules and the shaping of counts into a report.

`report_queries.gather` runs the queries and hands the counts to `shape`. Every count about
people goes through `suppression`, so the template only shows cells. Counts of activities
(events, not people) are shown as they are; attendance is about people, so it is suppressed.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lms.i18n import localised

from .suppression import Cell, Table, single, suppress

# The kinds of activity staff record, one row each in the report (the activity form offers these).
ACTIVITY_KINDS = (
    "training",
    "peer_support",
    "outreach",
    "awareness",
    "rescue_support",
    "other",
)

EARLIEST = date(2000, 1, 1)
MAX_SPAN_DAYS = 5 * 366  # five years, leap days included


def default_period(today: date) -> tuple[date, date]:
    """The current calendar year to date."""
    return date(today.year, 1, 1), today


def period_problem(start: date, end: date, today: date) -> str | None:
    """Return a problem code for a period, or None: "order", "too_long", "too_early", "future"."""
    if start < EARLIEST or end < EARLIEST:
        return "too_early"
    if start > today or end > today:
        return "future"
    if start > end:
        return "order"
    if (end - start).days > MAX_SPAN_DAYS:
        return "too_long"
    return None


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Return [start of the first day, start of the day after the last) as naive UTC times."""
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


@dataclass(frozen=True)
class KindRow:
    kind: str
    activities: int
    attendance: Cell


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    activities_total: int
    kinds: tuple[KindRow, ...]
    attendance: Table
    courses: Table  # parts keyed by course title
    lessons: Cell
    certificates: Cell
    roles: Table  # parts keyed by role title

    @property
    def attendance_total(self) -> Cell:
        return self.attendance.total


def shape(
    start: date,
    end: date,
    activities: Iterable[tuple[str, int]],
    course_completions: Sequence[tuple[str, int]],
    lessons: int,
    certificates: int,
    roles: Sequence[tuple[str, int]],
) -> Report:
    """Build the report from (kind, attendance) per activity and plain counts."""
    count = dict.fromkeys(ACTIVITY_KINDS, 0)
    people = dict.fromkeys(ACTIVITY_KINDS, 0)
    for kind, attendance in activities:
        kind = kind if kind in count else "other"
        count[kind] += 1
        people[kind] += max(0, int(attendance))
    attendance = suppress(sum(people.values()), people.items())
    kinds = tuple(KindRow(k, count[k], attendance.part(k)) for k in ACTIVITY_KINDS)
    return Report(
        start=start,
        end=end,
        activities_total=sum(count.values()),
        kinds=kinds,
        attendance=attendance,
        courses=suppress(sum(n for _t, n in course_completions), course_completions),
        lessons=single(lessons),
        certificates=single(certificates),
        roles=suppress(sum(n for _t, n in roles), roles),
    )


def role_title(slug: str, data: dict | None, locale: str) -> str:
    """A role's title in the locale from its stored definition, else its English title or slug."""
    data = data or {}
    titles = data.get("titles") if isinstance(data.get("titles"), dict) else None
    return (localised(titles, locale) if titles else None) or data.get("title") or slug
