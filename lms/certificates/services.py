"""Issuing, approving, revoking and re-issuing certificates; all of it goes to the audit log."""

import math

from lms.accounts import lifecycle
from lms.assessments.models import QuizAttempt
from lms.audit.models import record
from lms.catalog.models import Course, Lesson
from lms.extensions import db
from lms.i18n import localised
from lms.notifications.models import notify
from lms.orgs.models import Organisation
from lms.orgs.services import notify_staff
from lms.progress.models import CourseCompletion, LessonProgress
from lms.timeutil import iso, utcnow

from .codes import Eligibility, is_eligible, new_certificate_code
from .models import Certificate


def issuer_name(organisation: Organisation) -> str:
    """The name printed as issuer: a neutral one when the organisation set it."""
    return organisation.certificate_issuer_name or organisation.name


def _live(query):
    return query.where(Certificate.status != "revoked")


def available_courses(user_id: int, organisation_id: int) -> list[Course]:
    """Completed courses that award a certificate the member never had here.

    A revoked certificate is not offered again by a click: after a revoke only staff can
    issue it again, with a reason (`issue_again`).
    """
    have = set(
        db.session.scalars(
            db.select(Certificate.course_id).where(
                Certificate.user_id == user_id, Certificate.organisation_id == organisation_id
            )
        )
    )
    # A completion recorded when skipping still counted as finishing does not award a
    # certificate while a lesson of the course is only skipped.
    skipped = set(
        db.session.scalars(
            db.select(LessonProgress.course_id)
            .join(Lesson, Lesson.id == LessonProgress.lesson_id)
            .where(
                LessonProgress.user_id == user_id,
                LessonProgress.status == "skipped",
                Lesson.is_archived.is_(False),
            )
        )
    )
    result = []
    for course, _completion in db.session.execute(
        db.select(Course, CourseCompletion)
        .join(CourseCompletion, CourseCompletion.course_id == Course.id)
        .where(CourseCompletion.user_id == user_id, Course.awards_certificate.is_(True))
    ).all():
        best = db.session.scalar(
            db.select(db.func.max(QuizAttempt.score)).where(
                QuizAttempt.user_id == user_id, QuizAttempt.course_id == course.id
            )
        )
        facts = Eligibility(True, course.id not in skipped, best, course.certificate_min_score)
        if course.id not in have and is_eligible(facts):
            result.append(course)
    return result


def has_certificate_for(user_id: int, organisation_id: int, course_slug: str) -> bool:
    """True when the member has a certificate, issued or waiting, for the course here."""
    return (
        db.session.scalar(
            db.select(Certificate.id)
            .join(Course, Course.id == Certificate.course_id)
            .where(
                Certificate.user_id == user_id,
                Certificate.organisation_id == organisation_id,
                Course.slug == course_slug,
                Certificate.status != "revoked",
            )
            .limit(1)
        )
        is not None
    )


def _unique_code() -> str:
    while True:
        code = new_certificate_code()
        if db.session.scalar(db.select(Certificate.id).where(Certificate.code == code)) is None:
            return code


def _create(action: str, actor_id: int, detail: dict | None = None, **fields) -> Certificate:
    """Add a certificate with a new code, and `action` to the audit log (the one way in)."""
    certificate = Certificate(code=_unique_code(), **fields)
    db.session.add(certificate)
    db.session.flush()  # the id, for the audit record
    _audit(action, certificate, actor_id, detail)
    return certificate


def _issued(staff_id: int | None) -> dict:
    return {"status": "issued", "issued_at": utcnow(), "issued_by_id": staff_id}


def request_course_certificate(
    user_id: int, organisation: Organisation, course: Course, printed_name: str, locale: str
) -> Certificate:
    """Make the learner's certificate: issued at once, or pending when staff approve first."""
    pending = organisation.certificate_approval_required
    certificate = _create(
        "certificate_requested" if pending else "certificate_issued",
        user_id,
        user_id=user_id,
        organisation_id=organisation.id,
        kind="course",
        course_id=course.id,
        title=localised(course.titles, locale),
        outcomes=list(_outcomes(course, locale)),
        hours=max(1, math.ceil(course.minutes / 60)),
        printed_name=printed_name,
        language=locale,
        **({"status": "pending"} if pending else _issued(None)),
    )
    if pending:
        _tell_staff(organisation.id, "certificate_pending")
    return certificate


def _outcomes(course: Course, locale: str):
    return localised(course.outcomes, locale) or []


def issue_by_staff(
    user_id: int,
    organisation_id: int,
    kind: str,
    title: str,
    hours: int,
    printed_name: str,
    staff_id: int,
    locale: str = "en",
) -> Certificate:
    """Issue a programme or role-training certificate (staff only; recorded in the audit log)."""
    certificate = _create(
        "certificate_issued",
        staff_id,
        {"kind": kind},
        user_id=user_id,
        organisation_id=organisation_id,
        kind=kind,
        title=title,
        outcomes=[],
        hours=hours,
        printed_name=printed_name,
        language=locale,
        **_issued(staff_id),
    )
    _tell_learner(certificate)
    return certificate


def approve(certificate: Certificate, staff_id: int) -> None:
    certificate.status, certificate.issued_at, certificate.issued_by_id = (
        "issued",
        utcnow(),
        staff_id,
    )
    _audit("certificate_approved", certificate, staff_id)
    _tell_learner(certificate)


def revoke(certificate: Certificate, staff_id: int, reason: str) -> None:
    """Revoke with a reason kept inside the organisation; the public page then says revoked."""
    certificate.status, certificate.revoked_at, certificate.revoked_reason = (
        "revoked",
        utcnow(),
        reason,
    )
    _audit("certificate_revoked", certificate, staff_id)


def may_issue_again(certificate: Certificate) -> bool:
    """True for a revoked course certificate that has no live certificate replacing it."""
    if certificate.status != "revoked" or certificate.kind != "course":
        return False
    live = db.session.scalar(
        _live(db.select(Certificate.id)).where(
            Certificate.user_id == certificate.user_id,
            Certificate.organisation_id == certificate.organisation_id,
            Certificate.course_id == certificate.course_id,
        )
    )
    return live is None


def issue_again(revoked: Certificate, staff_id: int, reason: str, language: str) -> Certificate:
    """Staff issue a revoked course certificate again: a new certificate with a new code.

    The revoked one stays revoked (its printed copies keep saying so); the reason is kept in
    the audit log, inside the organisation, as the revoke reason is.
    """
    course = db.session.get(Course, revoked.course_id)
    certificate = _create(
        "certificate_issued_again",
        staff_id,
        {"replaces": revoked.id, "reason": reason, "language": language},
        user_id=revoked.user_id,
        organisation_id=revoked.organisation_id,
        kind="course",
        course_id=revoked.course_id,
        title=localised(course.titles, language) if course else revoked.title,
        outcomes=list(_outcomes(course, language)) if course else list(revoked.outcomes),
        hours=revoked.hours,
        printed_name=revoked.printed_name,
        language=language,
        **_issued(staff_id),
    )
    _tell_learner(certificate)
    return certificate


def reissue(certificate: Certificate, staff_id: int, printed_name: str) -> None:
    """Print a new name: a new code, so the old printed copy no longer verifies."""
    certificate.printed_name, certificate.code = printed_name, _unique_code()
    certificate.name_change_requested, certificate.issued_at = None, utcnow()
    _audit("certificate_reissued", certificate, staff_id)
    _tell_learner(certificate)


def _audit(
    action: str, certificate: Certificate, actor_id: int | None, detail: dict | None = None
) -> None:
    record(
        action,
        actor_id=actor_id,
        organisation_id=certificate.organisation_id,
        object_type="certificate",
        object_id=certificate.id,
        subject_user_id=certificate.user_id,
        detail=detail,
    )


def _tell_learner(certificate: Certificate) -> None:
    notify(
        certificate.user_id,
        "certificate_ready",
        organisation_id=certificate.organisation_id,
        link="/certificates",
    )


def _tell_staff(organisation_id: int, kind: str) -> None:
    notify_staff(organisation_id, kind, "/staff/certificates")


def request_name_change(certificate: Certificate, name: str) -> None:
    certificate.name_change_requested = name
    _tell_staff(certificate.organisation_id, "certificate_name_change")


def verifiable(code: str) -> Certificate | None:
    """Return the certificate a public code shows, or None: unknown, hidden and pending look alike."""
    certificate = db.session.scalar(db.select(Certificate).where(Certificate.code == code))
    if certificate is None or not certificate.is_public or certificate.status == "pending":
        return None
    return certificate


@lifecycle.exporter("certificates")
def _export(user) -> list:
    return [
        {
            "title": c.title,
            "printed_name": c.printed_name,
            "status": c.status,
            "code": c.code,
            "public": c.is_public,
            "issued_at": iso(c.issued_at),
        }
        for c in db.session.scalars(db.select(Certificate).where(Certificate.user_id == user.id))
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    # A deleted account's certificates stop verifying: nobody can be traced through them.
    db.session.execute(db.delete(Certificate).where(Certificate.user_id == user.id))
