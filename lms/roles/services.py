"""Role work that touches the database: the synced catalogue and each member's records."""

from datetime import timedelta

from flask import url_for
from flask_babel import get_locale

from lms.accounts import lifecycle
from lms.assessments.models import QuizAttempt
from lms.audit.models import record
from lms.catalog.models import Course, Quiz
from lms.dbutil import ensure_row
from lms.extensions import db
from lms.i18n import LOCALE_FILE_TAGS
from lms.notifications.models import notify
from lms.orgs.services import membership_of
from lms.progress.models import CourseCompletion
from lms.readiness.services import latest_submitted
from lms.timeutil import iso, utcnow

from .models import MentorConversation, RoleApplication, RoleDefinition, RoleSetting, Vetting
from .requirements import Endorsement, MemberRecords, Requirement, Role, all_met, evaluate
from .transitions import ACTIVE, may_confirm, review_date


def store_roles(roles: dict, version) -> None:
    """Store the role catalogue of a sync (caller commits); removed roles are archived."""
    existing = {row.slug: row for row in db.session.scalars(db.select(RoleDefinition))}
    for position, (slug, role) in enumerate(roles.items()):
        row = existing.pop(slug, None) or RoleDefinition(slug=slug)
        data = {
            **role.__dict__,
            "requirements": [r.__dict__ | {"domains": list(r.domains)} for r in role.requirements],
        }
        if row.data != data:
            row.data, row.version_id = data, version.id
        row.position, row.is_archived = position, False
        db.session.add(row)
    for gone in existing.values():
        gone.is_archived = True


def role_from(row: RoleDefinition) -> Role:
    data = row.data
    requirements = tuple(
        Requirement(
            r["kind"],
            r.get("course"),
            r.get("quiz"),
            r.get("within_days"),
            tuple(r.get("domains") or ()),
        )
        for r in data["requirements"]
    )
    return Role(**{**data, "requirements": requirements})


def member_records(user_id: int, organisation_id: int, application) -> MemberRecords:
    """Gather what the requirement rules need, from every feature's records."""
    completed = frozenset(
        db.session.scalars(
            db.select(Course.slug)
            .join(CourseCompletion, CourseCompletion.course_id == Course.id)
            .where(CourseCompletion.user_id == user_id)
        )
    )
    passed = frozenset(
        db.session.execute(
            db.select(Course.slug, Quiz.slug)
            .join(Quiz, Quiz.course_id == Course.id)
            .join(QuizAttempt, QuizAttempt.quiz_id == Quiz.id)
            .where(QuizAttempt.user_id == user_id, QuizAttempt.passed.is_(True))
        ).all()
    )
    checkin = latest_submitted(user_id, organisation_id)
    conversation = latest_conversation(application) if application else None
    vetting = (
        db.session.scalar(db.select(Vetting).where(Vetting.application_id == application.id))
        if application
        else None
    )
    membership = membership_of(user_id, organisation_id)
    return MemberRecords(
        now=utcnow(),
        completed_courses=completed,
        passed_quizzes=frozenset(tuple(p) for p in passed),
        checkin_at=checkin.submitted_at if checkin else None,
        checkin_domains=checkin.domain_results if checkin else {},
        agreed_domains=frozenset(conversation.agreed_domains) if conversation else frozenset(),
        endorsement=Endorsement(conversation.outcome, conversation.created_at, conversation.until)
        if conversation
        else None,
        vetting_complete=bool(vetting and vetting.complete),
        adult_declared=bool(membership and membership.adult_declared_at),
    )


def latest_conversation(application) -> MentorConversation | None:
    return db.session.scalar(
        db.select(MentorConversation)
        .where(MentorConversation.application_id == application.id)
        .order_by(MentorConversation.created_at.desc(), MentorConversation.id.desc())
        .limit(1)
    )


def org_roles(
    organisation_id: int, include_disabled: bool = False
) -> list[tuple[Role, RoleSetting]]:
    """Return the catalogue roles with this organisation's settings (defaults when unset).

    Each role's words are in the reader's language where roles.<tag>.yaml has them.
    """
    locale = get_locale()
    tag = LOCALE_FILE_TAGS.get(str(locale), "en") if locale else "en"
    settings = {
        s.role_slug: s
        for s in db.session.scalars(
            db.select(RoleSetting).where(RoleSetting.organisation_id == organisation_id)
        )
    }
    result = []
    for row in db.session.scalars(
        db.select(RoleDefinition)
        .where(RoleDefinition.is_archived.is_(False))
        .order_by(RoleDefinition.position)
    ):
        setting = settings.get(row.slug) or RoleSetting(
            organisation_id=organisation_id,
            role_slug=row.slug,
            is_enabled=True,
            review_months=6,
            extra_requirements=[],
        )
        if setting.is_enabled or include_disabled:
            role = role_from(row).in_language(tag)
            extra = tuple(Requirement(**r) for r in (setting.extra_requirements or []))
            result.append(
                (Role(**{**role.__dict__, "requirements": role.requirements + extra}), setting)
            )
    return result


def application_of(user_id: int, organisation_id: int, slug: str) -> RoleApplication | None:
    return db.session.scalar(
        db.select(RoleApplication).where(
            RoleApplication.user_id == user_id,
            RoleApplication.organisation_id == organisation_id,
            RoleApplication.role_slug == slug,
        )
    )


def applications_of(user_id: int, organisation_id: int) -> list[RoleApplication]:
    """Return the member's applications in this organisation, oldest first."""
    return db.session.scalars(
        db.select(RoleApplication)
        .where(
            RoleApplication.user_id == user_id, RoleApplication.organisation_id == organisation_id
        )
        .order_by(RoleApplication.id)
    ).all()


def _audit_application(
    action: str, application: RoleApplication, actor_id: int, object_type: str, object_id, detail
) -> None:
    """The audit record of a step on a member's role application, in its organisation."""
    record(
        action,
        actor_id=actor_id,
        organisation_id=application.organisation_id,
        object_type=object_type,
        object_id=object_id,
        subject_user_id=application.user_id,
        detail=detail,
    )


def record_conversation(application: RoleApplication, mentor_id: int, **fields) -> None:
    """Store a mentor's role conversation, audit it and tell the member (caller commits)."""
    conversation = MentorConversation(application_id=application.id, mentor_id=mentor_id, **fields)
    db.session.add(conversation)
    db.session.flush()
    _audit_application(
        "role_conversation_recorded",
        application,
        mentor_id,
        "mentor_conversation",
        conversation.id,
        {"role": application.role_slug, "outcome": fields.get("outcome")},
    )
    notify(
        application.user_id,
        "role_conversation_recorded",
        organisation_id=application.organisation_id,
        link=url_for("roles.detail", slug=application.role_slug),
    )


def _setting_row(organisation_id: int, slug: str) -> RoleSetting:
    # Create-if-missing that holds when two saves arrive at once (lms/dbutil.py).
    setting, _created = ensure_row(
        RoleSetting,
        {"organisation_id": organisation_id, "role_slug": slug},
        {"is_enabled": True, "review_months": 6, "extra_requirements": []},
    )
    return setting


def save_setting(
    organisation_id: int, slug: str, is_enabled: bool, review_months: int, actor_id: int
) -> None:
    """Switch a role on or off for the organisation and set its review period, with the
    audit record (caller commits)."""
    setting = _setting_row(organisation_id, slug)
    setting.is_enabled, setting.review_months = is_enabled, review_months
    db.session.add(setting)
    record(
        "role_settings_changed",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="role",
        detail={"role": slug, "enabled": is_enabled},
    )


def change_extra_requirements(
    organisation_id: int, slug: str, course: str | None, actor_id: int
) -> list:
    """Add a course the organisation also requires for a role (`course`), or clear its extra
    requirements (`course` None), with the audit record; return them (caller commits)."""
    setting = _setting_row(organisation_id, slug)
    extra = [] if course is None else list(setting.extra_requirements or [])
    wanted = {"kind": "course", "course": course}
    if course is not None and wanted not in extra:
        extra.append(wanted)
    setting.extra_requirements = extra
    db.session.add(setting)
    record(
        "role_requirements_changed",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="role",
        detail={"role": slug, "extra": extra},
    )
    return extra


def record_vetting(application: RoleApplication, actor_id: int, fill) -> Vetting:
    """Store staff's vetting of an application (`fill(vetting)` copies the form's values),
    with the audit record (caller commits)."""
    vetting, _created = ensure_row(
        Vetting, {"application_id": application.id}, {"staff_id": actor_id}
    )
    fill(vetting)
    vetting.staff_id, vetting.updated_at = actor_id, utcnow()
    db.session.add(vetting)
    db.session.flush()
    _audit_application(
        "vetting_recorded",
        application,
        actor_id,
        "vetting",
        vetting.id,
        {"complete": vetting.complete},
    )
    return vetting


def confirm(application: RoleApplication, role: Role, setting: RoleSetting, actor_id: int) -> bool:
    """Make the role active with its next review date, audit it and tell the member (caller
    commits). Return False, changing nothing, when `transitions.may_confirm` refuses: not
    every requirement holds (checked again here, at the moment of confirming)."""
    records = member_records(application.user_id, application.organisation_id, application)
    if not may_confirm(application.status, all_met(evaluate(role, records))):
        return False
    now = utcnow()
    application.status, application.confirmed_at, application.confirmed_by_id = (
        ACTIVE,
        now,
        actor_id,
    )
    application.review_at = review_date(now, setting.review_months)
    _audit_application(
        "role_confirmed",
        application,
        actor_id,
        "role_application",
        application.id,
        {"role": role.slug},
    )
    notify(
        application.user_id,
        "role_confirmed",
        organisation_id=application.organisation_id,
        link=url_for("roles.detail", slug=role.slug),
    )
    return True


def remind_reviews() -> int:
    """Invite members whose role review is within 14 days to a new check-in (never forced)."""
    soon = utcnow() + timedelta(days=14)
    count = 0
    for application in db.session.scalars(
        db.select(RoleApplication).where(
            RoleApplication.status == ACTIVE,
            RoleApplication.review_at <= soon,
            RoleApplication.review_reminder_sent_at.is_(None),
        )
    ):
        notify(
            application.user_id,
            "role_review_soon",
            organisation_id=application.organisation_id,
            link="/checkins",
        )
        application.review_reminder_sent_at = utcnow()
        count += 1
    return count


@lifecycle.exporter("roles")
def _export(user) -> list:
    result = []
    for application in db.session.scalars(
        db.select(RoleApplication).where(RoleApplication.user_id == user.id)
    ):
        conversations = db.session.scalars(
            db.select(MentorConversation).where(MentorConversation.application_id == application.id)
        )
        result.append(
            {
                "role": application.role_slug,
                "status": application.status,
                "review_at": iso(application.review_at) if application.review_at else None,
                "conversations": [
                    {
                        "outcome": c.outcome,
                        "at": iso(c.created_at),
                        "conditions": c.conditions,
                        "reasons": c.reasons,
                        "what_would_help": c.what_would_help,
                    }
                    for c in conversations
                ],
            }
        )
    return result


@lifecycle.on_delete
def _delete(user) -> None:
    ids = db.session.scalars(
        db.select(RoleApplication.id).where(RoleApplication.user_id == user.id)
    ).all()
    db.session.execute(
        db.delete(MentorConversation).where(MentorConversation.application_id.in_(ids))
    )
    db.session.execute(db.delete(Vetting).where(Vetting.application_id.in_(ids)))
    db.session.execute(db.delete(RoleApplication).where(RoleApplication.id.in_(ids)))
