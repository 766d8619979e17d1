"""The badge privacy screen and download, public issuer profiles and status lists, and checking."""

import json

from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask_babel import gettext as _

from lms.certificates.loaders import own_issued_certificate_or_404
from lms.certificates.models import Certificate
from lms.extensions import db, limiter
from lms.orgs.context import member_required
from lms.orgs.models import Organisation

from . import services
from .check import UNREADABLE
from .forms import MAX_CREDENTIAL, BadgeForm, VerifyCredentialForm

bp = Blueprint("credentials", __name__)


def _badge_page(certificate: Certificate, form: BadgeForm, status: int = 200):
    return render_template(
        "credentials/badge.html",
        certificate=certificate,
        form=form,
        public_title=services.public_title(certificate),
        has_public_title=services.public_title(certificate) != certificate.title,
        holder_secret=services.holder_secret(certificate.user_id),
    ), status


@bp.get("/certificates/<int:certificate_id>/badge")
@member_required
def badge(certificate_id: int):
    certificate = own_issued_certificate_or_404(certificate_id)
    page = _badge_page(certificate, BadgeForm())
    db.session.commit()  # the learner's secret, made on the first visit, is kept
    return page


@bp.post("/certificates/<int:certificate_id>/badge")
@member_required
def badge_download(certificate_id: int):
    certificate = own_issued_certificate_or_404(certificate_id)
    form = BadgeForm()
    if not form.validate_on_submit():
        return _badge_page(certificate, form, 400)
    document = services.issue(certificate, form.include_name.data, form.title_choice.data == "full")
    db.session.commit()
    response = Response(
        json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="badge-{certificate.code}.json"'
    )
    return response


def _public_json(document: dict, max_age: int) -> Response:
    response = jsonify(document)
    # No personal data here, so caches may keep it (lms.security leaves these endpoints alone).
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.headers["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers elsewhere
    return response


@bp.get("/issuers/<int:organisation_id>")
def issuer(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    document = services.issuer_profile(organisation)
    db.session.commit()  # a key made on first use is kept
    return _public_json(document, 3600)


@bp.get("/issuers/<int:organisation_id>/status")
def status_list(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    document = services.status_list(organisation)
    db.session.commit()
    return _public_json(document, 300)


@bp.route("/verify/credential", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def verify_credential():
    form = VerifyCredentialForm()
    result, status = None, 200
    if request.method == "POST":
        if request.content_length and request.content_length > 2 * MAX_CREDENTIAL:
            abort(413)
        if form.validate_on_submit():
            text = form.credential_text()
            result = services.verify(text) if text is not None else None
            if result is None or result.outcome == UNREADABLE:
                form.pasted.errors.append(_unreadable_message())
                result, status = None, 400
        else:
            status = 400
    page = render_template("credentials/verify.html", form=form, result=result)
    response = Response(page, status)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _unreadable_message() -> str:
    return _("This does not look like a badge. Please check you chose the right file.")
