"""One clock for the whole app: naive UTC datetimes, stored the same way on SQLite and PostgreSQL."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time in UTC without tzinfo (the form every `*_at` column stores)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def iso(moment: datetime | None) -> str | None:
    """Return a stored UTC time as ISO 8601 with a Z (for data exports), or None."""
    return moment.isoformat() + "Z" if moment else None
