"""Where a member's sharing choices are stored: found, saved from the Sharing screen, reset
when a mentoring link ends, and removed with the account.

Only this module and the models touch the stored flags; deciding what a choice allows is
`lms.access.policy`, the one place that reads them.
"""

from lms.dbutil import ensure_row
from lms.extensions import db
from lms.timeutil import utcnow

from .models import SharingConsent


def stored_choice(user_id: int, organisation_id: int, mentor_id: int) -> SharingConsent | None:
    """Return the member's saved choice for this mentor, or None when they never chose."""
    return db.session.scalar(
        db.select(SharingConsent).where(
            SharingConsent.user_id == user_id,
            SharingConsent.organisation_id == organisation_id,
            SharingConsent.mentor_id == mentor_id,
        )
    )


def stored_choices(
    user_ids: list[int], organisation_id: int, mentor_id: int
) -> dict[int, SharingConsent]:
    """Return {member id: saved choice for this mentor} for many members in one query (those
    who never chose are missing)."""
    if not user_ids:
        return {}
    rows = db.session.scalars(
        db.select(SharingConsent).where(
            SharingConsent.user_id.in_(user_ids),
            SharingConsent.organisation_id == organisation_id,
            SharingConsent.mentor_id == mentor_id,
        )
    )
    return {row.user_id: row for row in rows}


def save_choice(
    user_id: int,
    organisation_id: int,
    mentor_id: int,
    progress: bool,
    summaries: bool,
    answers: bool,
) -> None:
    """Store what the member shares with one mentor (caller commits)."""
    # Made if missing in a way that holds when the same form is saved twice at once.
    choice, _created = ensure_row(
        SharingConsent,
        {"user_id": user_id, "organisation_id": organisation_id, "mentor_id": mentor_id},
    )
    choice.share_progress = bool(progress)
    choice.share_checkin_summaries = bool(summaries)
    choice.share_checkin_answers = bool(answers)
    choice.updated_at = utcnow()
    db.session.add(choice)


def share_nothing(user_id: int, organisation_id: int, mentor_id: int) -> None:
    """Keep a "nothing shared" row (caller commits): if this mentor is ever linked again,
    nothing shows until the member chooses (the defaults would share progress again)."""
    save_choice(user_id, organisation_id, mentor_id, False, False, False)


def delete_for(user_id: int) -> None:
    """Remove every choice made by, or about, this account."""
    db.session.execute(
        db.delete(SharingConsent).where(
            (SharingConsent.user_id == user_id) | (SharingConsent.mentor_id == user_id)
        )
    )
