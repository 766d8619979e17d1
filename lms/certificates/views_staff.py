"""Staff: approve, revoke, re-issue, issue programme and role certificates, and export a list."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.access.policy import CERTIFICATES
from lms.access.services import see
from lms.accounts.models import User
from lms.csvexport import csv_response
from lms.extensions import db
from lms.forms import ActionForm, choices
from lms.orgs.context import in_organisation_or_404, staff_required
from lms.orgs.services import members
from lms.roles.models import RoleApplication

from . import services
from .forms import IssueAgainForm, RevokeForm, StaffIssueForm
from .models import Certificate
from .views import bp


def _issue_form(formdata=None):
    form = StaffIssueForm(formdata=formdata)
    form.member.choices = choices(
        (m.user_id, f"{m.user.display_name} ({m.user.username})")
        for m in members(g.membership.organisation_id)
    )
    return form


def _listing():
    """The organisation's certificates, each member's only as the access policy allows;
    each member's are recorded as seen (caller commits)."""
    org_id = g.membership.organisation_id
    found = db.session.scalars(
        db.select(Certificate)
        .where(Certificate.organisation_id == org_id)
        .order_by(Certificate.requested_at.desc())
    ).all()
    return [c for c in found if see(current_user.id, c.user_id, org_id, CERTIFICATES, c.id)]


@bp.get("/staff/certificates")
@staff_required
def staff_index(issue_form=None, revoke_forms=None, again_forms=None, status=200):
    certificates = _listing()
    db.session.commit()  # the access records
    again = {c.id for c in certificates if services.may_issue_again(c)}
    again_forms = again_forms or {}
    for certificate in certificates:
        if certificate.id in again and certificate.id not in again_forms:
            # Staff may keep the revoked certificate's language or choose another.
            again_forms[certificate.id] = IssueAgainForm(
                formdata=None, language=certificate.language
            )
    return render_template(
        "certificates/staff.html",
        certificates=certificates,
        people={c.user_id: db.session.get(User, c.user_id) for c in certificates},
        issue_form=issue_form or _issue_form(),
        revoke_forms=revoke_forms or {},
        again_forms=again_forms,
        action_form=ActionForm(),
        revoke_form=RevokeForm(formdata=None),
    ), status


@bp.post("/staff/certificates/<int:certificate_id>/approve")
@staff_required
def approve(certificate_id: int):
    certificate = in_organisation_or_404(Certificate, certificate_id)
    if ActionForm().validate_on_submit() and certificate.status == "pending":
        services.approve(certificate, current_user.id)
        db.session.commit()
        flash(_("The certificate was approved and the member was told."), "notice")
    return redirect(url_for("certificates.staff_index"))


@bp.post("/staff/certificates/<int:certificate_id>/revoke")
@staff_required
def revoke(certificate_id: int):
    certificate = in_organisation_or_404(Certificate, certificate_id)
    form = RevokeForm()
    if not form.validate_on_submit():
        return staff_index(revoke_forms={certificate.id: form}, status=400)
    if certificate.status != "revoked":
        services.revoke(certificate, current_user.id, form.reason.data)
        db.session.commit()
        flash(_("The certificate was revoked. Its check page now says so."), "notice")
    return redirect(url_for("certificates.staff_index"))


@bp.post("/staff/certificates/<int:certificate_id>/issue-again")
@staff_required
def issue_again(certificate_id: int):
    """After a revoke, only staff issue the certificate again: with a reason, audited."""
    certificate = in_organisation_or_404(Certificate, certificate_id)
    if not services.may_issue_again(certificate):
        flash(_("This certificate cannot be issued again from here."), "notice")
        return redirect(url_for("certificates.staff_index"))
    form = IssueAgainForm()
    if not form.validate_on_submit():
        return staff_index(again_forms={certificate.id: form}, status=400)
    services.issue_again(certificate, current_user.id, form.reason.data, form.language.data)
    db.session.commit()
    flash(_("The certificate was issued again with a new code, and the member was told."), "notice")
    return redirect(url_for("certificates.staff_index"))


@bp.post("/staff/certificates/<int:certificate_id>/reissue")
@staff_required
def reissue(certificate_id: int):
    certificate = in_organisation_or_404(Certificate, certificate_id)
    if (
        ActionForm().validate_on_submit()
        and certificate.name_change_requested
        and certificate.status == "issued"
    ):
        services.reissue(certificate, current_user.id, certificate.name_change_requested)
        db.session.commit()
        flash(_("The certificate was issued again with the new name and a new code."), "notice")
    return redirect(url_for("certificates.staff_index"))


@bp.post("/staff/certificates/issue")
@staff_required
def staff_issue():
    form = _issue_form(request.form)
    if (
        form.validate_on_submit()
        and form.kind.data == "role"
        and not _has_active_role(form.member.data)
    ):
        form.kind.errors = [_("This member has no active engagement role yet.")]
    if form.errors or not form.validate_on_submit():
        return staff_index(issue_form=form, status=400)
    person = db.session.get(User, form.member.data)
    services.issue_by_staff(
        person.id,
        g.membership.organisation_id,
        form.kind.data,
        form.title.data,
        form.hours.data,
        person.display_name,
        current_user.id,
        person.locale,
    )
    db.session.commit()
    flash(_("The certificate was issued. The member can choose to make it checkable."), "notice")
    return redirect(url_for("certificates.staff_index"))


def _has_active_role(user_id: int) -> bool:
    return (
        db.session.scalar(
            db.select(RoleApplication.id).where(
                RoleApplication.user_id == user_id,
                RoleApplication.organisation_id == g.membership.organisation_id,
                RoleApplication.status == "active",
            )
        )
        is not None
    )


@bp.get("/staff/certificates.csv")
@staff_required
def staff_csv():
    certificates = _listing()
    db.session.commit()  # the access records
    return csv_response(
        "certificates.csv",
        ["printed name", "title", "hours", "status", "issued", "code"],
        (
            (
                c.printed_name,
                c.title,
                c.hours,
                c.status,
                c.issued_at.date().isoformat() if c.issued_at else "",
                c.code,
            )
            for c in certificates
        ),
    )
