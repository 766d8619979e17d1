"""Activity records that touch the database and the evidence folder: the one writer of an
activity and its evidence file.

A stored file and a database row cannot change in one transaction, so these functions commit
themselves, and touch files in the order that loses nothing: a new file is written before
the commit (and removed again if the commit fails); the file it replaces, or the file of a
deleted activity, is removed only after the commit succeeded. Nothing is ever pointed at a
file that is gone."""

from pathlib import Path

from lms.audit.models import record
from lms.extensions import db
from lms.timeutil import utcnow

from . import evidence
from .models import Activity

# The columns a staff member fills in on the activity form.
FIELDS = (
    "held_on",
    "kind",
    "title",
    "attendance",
    "facilitator",
    "outcome",
    "named_attendees",
    "cohort_id",
)


def _commit_or_forget(folder: Path, organisation_id: int, new_file: str | None) -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        evidence.remove(folder, organisation_id, new_file)  # no row points at it
        raise


def save_activity(
    activity: Activity | None,
    organisation_id: int,
    actor_id: int,
    values: dict,
    folder: Path,
    cleaned: tuple[bytes, str, str] | None = None,
    remove_evidence: bool = False,
) -> Activity:
    """Create (`activity` None) or change an activity record, with its audit record, and
    commit. `cleaned` is a new evidence file as `evidence.clean` returned it (cleaned once,
    by the caller, who shows any problem beside the field); it replaces the old one.
    `remove_evidence` drops the old file without a new one."""
    creating = activity is None
    if creating:
        activity = Activity(organisation_id=organisation_id, recorded_by_id=actor_id)
        db.session.add(activity)
    for name in FIELDS:
        setattr(activity, name, values.get(name))
    activity.updated_at = utcnow()
    old = activity.evidence_file
    new_file = None
    if cleaned is not None:
        stored = evidence.store(folder, organisation_id, cleaned)
        new_file = stored.name
        activity.evidence_file, activity.evidence_type = stored.name, stored.mime
        activity.evidence_size = stored.size
    elif remove_evidence and old:
        activity.evidence_file = activity.evidence_type = activity.evidence_size = None
    db.session.flush()
    record(
        "activity_created" if creating else "activity_changed",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="activity",
        object_id=activity.id,
    )
    _commit_or_forget(folder, organisation_id, new_file)
    if old and activity.evidence_file != old:
        evidence.remove(folder, organisation_id, old)
    return activity


def delete_activity(activity: Activity, actor_id: int, folder: Path) -> None:
    """Delete an activity record with its audit record, commit, then remove its file."""
    organisation_id, old = activity.organisation_id, activity.evidence_file
    record(
        "activity_deleted",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="activity",
        object_id=activity.id,
    )
    db.session.delete(activity)
    _commit_or_forget(folder, organisation_id, None)
    evidence.remove(folder, organisation_id, old)
