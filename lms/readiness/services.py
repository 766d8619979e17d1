"""Check-in work that touches the database: drafts, submitting, access records, the
retention of old answers, and the data export of check-ins and sharing."""

from datetime import timedelta

from flask_babel import gettext as _

from lms.access import sharing
from lms.access.labels import CHOICE_LABELS, KIND_LABELS, VIEWER_ROLES
from lms.access.models import AccessRecord
from lms.access.policy import Sharing
from lms.accounts import lifecycle
from lms.accounts.models import User
from lms.extensions import db
from lms.orgs.models import Membership, Organisation
from lms.orgs.services import mentors_of
from lms.timeutil import iso, utcnow

from .definitions import from_data, to_data
from .models import CheckIn, CheckinDefinitionRow
from .rules import CheckinDefinition, domain_statuses, offer_support, who5_score


def store_checkins(definitions: dict, version) -> None:
    """Store the check-in files of a sync (caller commits); removed ones are archived."""
    existing = {row.slug: row for row in db.session.scalars(db.select(CheckinDefinitionRow))}
    for slug, definition in definitions.items():
        row = existing.pop(slug, None) or CheckinDefinitionRow(slug=slug)
        data = to_data(definition)
        if row.definition != data:
            row.definition, row.version_id = data, version.id
        row.is_archived = False
        db.session.add(row)
    for gone in existing.values():
        gone.is_archived = True


def definitions() -> dict[str, tuple[CheckinDefinitionRow, CheckinDefinition]]:
    rows = db.session.scalars(
        db.select(CheckinDefinitionRow).where(CheckinDefinitionRow.is_archived.is_(False))
    )
    return {row.slug: (row, from_data(row.definition)) for row in rows}


def definition_of(checkin: CheckIn) -> CheckinDefinition | None:
    row = db.session.scalar(
        db.select(CheckinDefinitionRow).where(CheckinDefinitionRow.slug == checkin.definition_slug)
    )
    return from_data(row.definition) if row else None


def start(user_id: int, organisation_id: int, row: CheckinDefinitionRow) -> CheckIn:
    checkin = CheckIn(
        user_id=user_id,
        organisation_id=organisation_id,
        definition_slug=row.slug,
        definition_version_id=row.version_id,
        answers={},
    )
    db.session.add(checkin)
    db.session.flush()
    return checkin


def save_draft(checkin: CheckIn, answers: dict) -> None:
    """Keep what the member answered so far: drafts live on the server, so nothing is lost."""
    checkin.answers = answers
    checkin.updated_at = utcnow()


def submit(checkin: CheckIn, definition: CheckinDefinition) -> None:
    """Save the check-in and its summary: domain results, WHO-5 raw score, whether to offer support."""
    answers = checkin.answers or {}
    checkin.domain_results = (
        domain_statuses(definition, answers) if definition.kind != "who5" else {}
    )
    checkin.who5_raw = who5_score(definition, answers).raw if definition.kind == "who5" else None
    checkin.support_offered = offer_support(definition, answers)
    checkin.status = "submitted"
    checkin.submitted_at = checkin.updated_at = utcnow()


def my_checkins(user_id: int, organisation_id: int) -> list[CheckIn]:
    return db.session.scalars(
        db.select(CheckIn)
        .where(CheckIn.user_id == user_id, CheckIn.organisation_id == organisation_id)
        .order_by(CheckIn.started_at.desc(), CheckIn.id.desc())
    ).all()


def latest_submitted(user_id: int, organisation_id: int, slug: str = "readiness") -> CheckIn | None:
    return db.session.scalar(
        db.select(CheckIn)
        .where(
            CheckIn.user_id == user_id,
            CheckIn.organisation_id == organisation_id,
            CheckIn.definition_slug == slug,
            CheckIn.status == "submitted",
        )
        .order_by(CheckIn.submitted_at.desc(), CheckIn.id.desc())
        .limit(1)
    )


def access_records(user_id: int) -> list[AccessRecord]:
    return db.session.scalars(
        db.select(AccessRecord)
        .where(AccessRecord.subject_user_id == user_id)
        .order_by(AccessRecord.viewed_at.desc())
        .limit(200)
    ).all()


def apply_retention() -> int:
    """Delete check-in answers older than each organisation's retention period; return how many."""
    now = utcnow()
    count = 0
    rows = db.session.execute(
        db.select(CheckIn, Organisation.checkin_retention_months)
        .join(Organisation, Organisation.id == CheckIn.organisation_id)
        .where(CheckIn.status == "submitted", CheckIn.answers_removed_at.is_(None))
    ).all()
    for checkin, months in rows:
        if checkin.submitted_at <= now - timedelta(days=30 * months):
            if checkin.keep_summary:
                checkin.answers, checkin.answers_removed_at = None, now
            else:
                db.session.delete(checkin)
            count += 1
    return count


@lifecycle.exporter("checkins")
def _export(user) -> list:
    return [
        {
            "checkin": c.definition_slug,
            "status": c.status,
            "answers": c.answers,
            "summary": c.domain_results,
            "who5_raw": c.who5_raw,
            "submitted_at": iso(c.submitted_at),
        }
        for c in db.session.scalars(db.select(CheckIn).where(CheckIn.user_id == user.id))
    ]


def _named(person: User | None, organisation_id: int, roles: dict) -> str:
    """Return "Mai (mentor)": a name and the role they hold in that organisation, so an
    export reads without help. Someone since deleted or gone is said so, not numbered."""
    if person is None or person.deleted_at is not None:
        return _("someone who has left")
    key = (person.id, organisation_id)
    if key not in roles:
        roles[key] = db.session.scalar(
            db.select(Membership.role).where(
                Membership.user_id == person.id, Membership.organisation_id == organisation_id
            )
        )
    role = roles[key]
    if role not in VIEWER_ROLES:
        return person.display_name
    return _("%(name)s (%(role)s)", name=person.display_name, role=VIEWER_ROLES[role])


@lifecycle.exporter("who_has_seen_my_information")
def _export_access(user) -> list:
    records = access_records(user.id)
    people = {r.viewer_id: db.session.get(User, r.viewer_id) for r in records if r.viewer_id}
    roles: dict = {}
    return [
        {
            "who": _named(people.get(r.viewer_id), r.organisation_id, roles),
            "what": str(KIND_LABELS.get(r.what, r.what)),
            "at": iso(r.viewed_at),
        }
        for r in records
    ]


@lifecycle.exporter("what_i_share_with_my_mentors")
def _export_sharing(user) -> list:
    """Each mentor and what the member shares with them, read as the access policy reads it."""
    rows, roles = [], {}
    for membership in db.session.scalars(
        db.select(Membership).where(Membership.user_id == user.id).order_by(Membership.id)
    ):
        org_id = membership.organisation_id
        for mentor in mentors_of(org_id, user.id):
            choice = Sharing.from_choice(sharing.stored_choice(user.id, org_id, mentor.id))
            chosen = {name: getattr(choice, name) for name in CHOICE_LABELS}
            rows.append(
                {
                    "mentor": _named(mentor, org_id, roles),
                    "organisation": membership.organisation.name,
                    "shared": [str(CHOICE_LABELS[n]) for n, on in chosen.items() if on],
                    "not_shared": [str(CHOICE_LABELS[n]) for n, on in chosen.items() if not on],
                }
            )
    return rows


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(CheckIn).where(CheckIn.user_id == user.id))
    sharing.delete_for(user.id)
    db.session.execute(db.delete(AccessRecord).where(AccessRecord.subject_user_id == user.id))
