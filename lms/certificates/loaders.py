"""Loading a certificate for the signed-in holder (404 otherwise).

A certificate is its holder's wherever they are signed in: links to it arrive in messages,
so it is not tied to the organisation chosen at the moment. Staff load their organisation's
certificates with `lms.orgs.context.in_organisation_or_404`."""

from flask import abort
from flask_login import current_user

from lms.extensions import db

from .models import Certificate


def own_certificate_or_404(certificate_id: int) -> Certificate:
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or certificate.user_id != current_user.id:
        abort(404)
    return certificate


def own_issued_certificate_or_404(certificate_id: int) -> Certificate:
    """The holder's certificate, once it is issued (a request or a revoked one has no badge)."""
    certificate = own_certificate_or_404(certificate_id)
    if certificate.status != "issued":
        abort(404)
    return certificate
