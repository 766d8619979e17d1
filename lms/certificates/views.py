"""The learner's certificates, the PDF, public verification switched on and off, and /verify."""

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from lms.access.policy import CERTIFICATES
from lms.access.services import see
from lms.catalog.models import Course
from lms.dbutil import one_at_a_time
from lms.extensions import db, limiter
from lms.forms import ActionForm, choices
from lms.i18n import LANGUAGE_NAMES, localised
from lms.orgs.context import current_membership, member_required
from lms.orgs.models import Membership, Organisation
from lms.orgs.roles import STAFF_ROLES
from lms.urls import absolute_url

from . import services
from .codes import normalise_certificate_code
from .forms import CertificateRequestForm, NameChangeForm, VerifyForm
from .loaders import own_certificate_or_404
from .models import Certificate
from .pdf import certificate_pdf

bp = Blueprint("certificates", __name__)


def _request_form(formdata=None):
    form = CertificateRequestForm(formdata=formdata)
    form.name_choice.choices = choices(
        [
            ("display", current_user.display_name),
            ("username", current_user.username),
            ("other", _("Another name")),
        ]
    )
    if formdata is None:
        # The interface language is only a starting point: the learner chooses.
        form.language.data = str(get_locale())
    return form


def _page(form=None, status=200, name_form=None, name_form_for=None):
    org_id = g.membership.organisation_id
    mine = db.session.scalars(
        db.select(Certificate)
        .where(Certificate.user_id == current_user.id, Certificate.organisation_id == org_id)
        .order_by(Certificate.requested_at.desc())
    ).all()
    locale = str(get_locale())
    courses = {c.course_id: db.session.get(Course, c.course_id) for c in mine if c.course_id}
    return render_template(
        "certificates/index.html",
        certificates=mine,
        # A course certificate is named in the page's language; the PDF keeps its own.
        titles={
            c.id: localised(courses[c.course_id].titles, locale)
            if courses.get(c.course_id)
            else c.title
            for c in mine
        },
        languages={c.id: LANGUAGE_NAMES.get(c.language, c.language) for c in mine},
        available=services.available_courses(current_user.id, org_id),
        form=form or _request_form(),
        action_form=ActionForm(),
        name_form=NameChangeForm(formdata=None),
        # A refused name change comes back beside that certificate, with what was typed.
        failed_name_form=name_form,
        failed_name_form_for=name_form_for,
        verify_urls={c.id: absolute_url(url_for("certificates.verify", code=c.code)) for c in mine},
    ), status


@bp.get("/certificates")
@member_required
def index():
    return _page()


@bp.post("/certificates/request")
@member_required
def request_certificate():
    form = _request_form(request.form)
    if not form.validate_on_submit():
        return _page(form, 400)
    # A double tap sends this twice: the second waits, then finds the certificate made.
    one_at_a_time(Membership, g.membership.id)
    course = next(
        (
            c
            for c in services.available_courses(current_user.id, g.membership.organisation_id)
            if c.slug == form.course.data
        ),
        None,
    )
    if course is None:
        if services.has_certificate_for(
            current_user.id, g.membership.organisation_id, form.course.data
        ):
            return redirect(url_for("certificates.index"))  # the first press made it
        abort(404)
    name = {"display": current_user.display_name, "username": current_user.username}.get(
        form.name_choice.data, form.other_name.data
    )
    certificate = services.request_course_certificate(
        current_user.id, g.membership.organisation, course, name, form.language.data
    )
    db.session.commit()
    if certificate.status == "pending":
        flash(_("Your certificate is waiting for a staff member to approve it."), "notice")
    else:
        flash(
            _("Your certificate is ready. Public checking is off until you switch it on."), "notice"
        )
    return redirect(url_for("certificates.index"))


def _may_download(certificate: Certificate) -> bool:
    if certificate.user_id == current_user.id:
        return True
    membership = current_membership()
    # Staff of the certificate's organisation, as the access policy allows; the look is
    # recorded for the member (the caller commits).
    return (
        membership is not None
        and membership.organisation_id == certificate.organisation_id
        and membership.role in STAFF_ROLES
        and bool(
            see(
                current_user.id,
                certificate.user_id,
                certificate.organisation_id,
                CERTIFICATES,
                certificate.id,
            )
        )
    )


@bp.get("/certificates/<int:certificate_id>/pdf")
@member_required
def pdf(certificate_id: int):
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or certificate.status == "pending" or not _may_download(certificate):
        abort(404)
    db.session.commit()  # the access record of a download by staff
    issuer = services.issuer_name(certificate_organisation(certificate))
    data = certificate_pdf(
        certificate, issuer, absolute_url(url_for("certificates.verify", code=certificate.code))
    )
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    return response


@bp.post("/certificates/<int:certificate_id>/public")
@member_required
def set_public(certificate_id: int):
    certificate = own_certificate_or_404(certificate_id)
    if ActionForm().validate_on_submit():
        certificate.is_public = request.form.get("public") == "on"
        db.session.commit()
        flash(
            _("Anyone with the code can now check this certificate.")
            if certificate.is_public
            else _("Public checking is off. The check page now says “not found”."),
            "notice",
        )
    return redirect(url_for("certificates.index"))


@bp.post("/certificates/<int:certificate_id>/name")
@member_required
def change_name(certificate_id: int):
    certificate = own_certificate_or_404(certificate_id)
    form = NameChangeForm()
    if form.validate_on_submit():
        services.request_name_change(certificate, form.name.data)
        db.session.commit()
        flash(_("Staff were asked to print the certificate again with the new name."), "notice")
        return redirect(url_for("certificates.index"))
    return _page(status=400, name_form=form, name_form_for=certificate.id)


def _no_index(response):
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def verify_form():
    form = VerifyForm()
    if form.validate_on_submit():
        return redirect(
            url_for("certificates.verify", code=normalise_certificate_code(form.code.data))
        )
    return _no_index(
        Response(
            render_template("certificates/verify_form.html", form=form), 400 if form.errors else 200
        )
    )


@bp.get("/verify/<code>")
@limiter.limit("30 per minute")
def verify(code: str):
    certificate = services.verifiable(normalise_certificate_code(code)[:40])
    issuer = None
    if certificate is not None:
        organisation = certificate_organisation(certificate)
        issuer = services.issuer_name(organisation)
    page = render_template("certificates/verify.html", certificate=certificate, issuer=issuer)
    return _no_index(Response(page, 200 if certificate else 404))


def certificate_organisation(certificate: Certificate) -> Organisation:
    return db.session.get(Organisation, certificate.organisation_id)
