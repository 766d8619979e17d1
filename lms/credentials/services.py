"""Signing keys, issuing Open Badge credentials, the status list, and checking a credential."""

import re
import uuid

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from lms.accounts import lifecycle
from lms.audit.models import record
from lms.catalog.models import Course
from lms.certificates.models import Certificate
from lms.certificates.services import issuer_name
from lms.extensions import db
from lms.i18n import localised
from lms.orgs.models import Organisation
from lms.orgs.services import on_organisation_created
from lms.timeutil import utcnow
from lms.urls import absolute_url

from . import builder, check, keys, proof, statuslist
from .models import HolderSecret, IssuedCredential, SigningKey

ISSUER_PATH = re.compile(r"/issuers/(\d+)$")


def _secret() -> str:
    return current_app.config.get("LMS_SIGNING_KEY") or current_app.config["SECRET_KEY"]


def add_key(organisation_id: int) -> SigningKey:
    """Add a new signing key for the organisation; earlier keys are retired but stay published."""
    now = utcnow()
    for old in _keys(organisation_id):
        if old.retired_at is None:
            old.retired_at = now
    encrypted, public = keys.new_key_pair(_secret())
    key = SigningKey(
        organisation_id=organisation_id,
        kid=keys.new_kid(),
        public_key=public,
        private_key_encrypted=encrypted,
    )
    db.session.add(key)
    db.session.flush()
    return key


@on_organisation_created
def _first_key(organisation: Organisation) -> None:
    add_key(organisation.id)


def _keys(organisation_id: int) -> list[SigningKey]:
    return db.session.scalars(
        db.select(SigningKey)
        .where(SigningKey.organisation_id == organisation_id)
        .order_by(SigningKey.id)
    ).all()


def active_key(organisation_id: int) -> SigningKey:
    """Return the key that signs now; made on first use when the migration could not make it."""
    for key in reversed(_keys(organisation_id)):
        if key.retired_at is None:
            return key
    return add_key(organisation_id)


def rotate_key(organisation: Organisation) -> SigningKey:
    key = add_key(organisation.id)
    record(
        "signing_key_rotated",
        actor_id=None,
        organisation_id=organisation.id,
        object_type="signing_key",
        object_id=key.id,
    )
    return key


def issuer_url(organisation_id: int) -> str:
    return absolute_url(url_for("credentials.issuer", organisation_id=organisation_id))


def status_list_url(organisation_id: int) -> str:
    return absolute_url(url_for("credentials.status_list", organisation_id=organisation_id))


def _issuer(organisation: Organisation) -> builder.Issuer:
    return builder.Issuer(issuer_url(organisation.id), issuer_name(organisation))


def issuer_profile(organisation: Organisation) -> dict:
    """Return the public issuer profile: the neutral name and every public key, nothing else."""
    url = issuer_url(organisation.id)
    methods = [
        {
            "id": f"{url}#{key.kid}",
            "type": "JsonWebKey",
            "controller": url,
            "publicKeyJwk": keys.public_jwk(key.public_key, key.kid),
        }
        for key in _keys(organisation.id)
    ]
    return {
        "@context": [builder.VC_CONTEXT, builder.OB_CONTEXT],
        "id": url,
        "type": ["Profile"],
        "name": issuer_name(organisation),
        "verificationMethod": methods,
    }


def _sign(organisation_id: int, document: dict) -> dict:
    key = active_key(organisation_id)
    raw = keys.decrypt_private(key.private_key_encrypted, _secret())
    kid = f"{issuer_url(organisation_id)}#{key.kid}"
    token = proof.sign(builder.jwt_payload(document), raw, key.public_key, kid)
    return proof.embed(document, token)


def holder_secret(user_id: int) -> str:
    """Return the learner's secret (made on first use); only its salted hash leaves the server."""
    row = db.session.get(HolderSecret, user_id)
    if row is None:
        secret = keys.b64url(uuid.uuid4().bytes + uuid.uuid4().bytes)[:32]
        row = HolderSecret(
            user_id=user_id,
            secret_encrypted=keys.encrypt_private(secret.encode("ascii"), _secret()),
        )
        db.session.add(row)
        db.session.flush()
        return secret
    return keys.decrypt_private(row.secret_encrypted, _secret()).decode("ascii")


def public_title(certificate: Certificate) -> str:
    """Return the neutral title a badge shows by default (the course's, or a general one)."""
    course = db.session.get(Course, certificate.course_id) if certificate.course_id else None
    if course is not None and course.public_titles:
        return localised(course.public_titles, certificate.language)
    if course is not None:
        return certificate.title  # the course declared no neutral title: its title is neutral
    with force_locale(certificate.language):
        return {"programme": _("Learning programme"), "role": _("Role training")}.get(
            certificate.kind, _("Course")
        )


def _award_texts(certificate: Certificate, full_title: bool) -> tuple[str, str, str, str]:
    name = certificate.title if full_title else public_title(certificate)
    with force_locale(certificate.language):
        description = _(
            "%(hours)s hours of learning, finished and checked.", hours=certificate.hours
        )
        if full_title and certificate.outcomes:
            criteria = (
                _("The learner finished every part and can:") + " " + " ".join(certificate.outcomes)
            )
        elif certificate.kind == "course":
            criteria = _("The learner finished every lesson of the course and its checks.")
        else:
            criteria = _("Staff of the organisation confirmed the learner finished this training.")
    kind = {"course": "Course", "programme": "Certificate", "role": "Certificate"}
    return name, description, criteria, kind.get(certificate.kind, "Certificate")


def issue(certificate: Certificate, include_name: bool, full_title: bool) -> dict:
    """Return a newly signed credential for an issued certificate (a new status index each time)."""
    organisation = db.session.get(Organisation, certificate.organisation_id)
    used = set(
        db.session.scalars(
            db.select(IssuedCredential.status_index).where(
                IssuedCredential.organisation_id == organisation.id
            )
        )
    )
    index = statuslist.random_free_index(used)
    name, description, criteria, kind = _award_texts(certificate, full_title)
    # The achievement id is opaque: a URL with the course name could reveal the topic.
    achievement_id = "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_url(organisation.id)}|{kind}|{name}")
    )
    award = builder.Award(
        achievement_id=achievement_id,
        name=name,
        description=description,
        criteria=criteria,
        language=certificate.language.replace("_", "-"),
        achievement_type=kind,
        valid_from=certificate.issued_at or utcnow(),
        holder_secret=holder_secret(certificate.user_id),
        printed_name=certificate.printed_name if include_name else None,
        status_list_url=status_list_url(organisation.id),
        status_index=index,
    )
    document = builder.credential(_issuer(organisation), award, builder.new_salt())
    db.session.add(
        IssuedCredential(
            organisation_id=organisation.id,
            certificate_id=certificate.id,
            credential_id=document["id"],
            status_index=index,
        )
    )
    db.session.flush()
    record(
        "credential_issued",
        actor_id=certificate.user_id,
        organisation_id=organisation.id,
        object_type="certificate",
        object_id=certificate.id,
        subject_user_id=certificate.user_id,
        detail={"name": include_name, "full_title": full_title},
    )
    return _sign(organisation.id, document)


def revoked_indexes(organisation_id: int) -> list[int]:
    """Indexes whose certificate was revoked, or deleted with its account."""
    return list(
        db.session.scalars(
            db.select(IssuedCredential.status_index)
            .outerjoin(Certificate, Certificate.id == IssuedCredential.certificate_id)
            .where(
                IssuedCredential.organisation_id == organisation_id,
                db.or_(Certificate.id.is_(None), Certificate.status == "revoked"),
            )
        )
    )


def status_list(organisation: Organisation) -> dict:
    """Return the signed status list credential, built from the revocations as they are now."""
    encoded = statuslist.encode(revoked_indexes(organisation.id))
    document = builder.status_list_credential(
        _issuer(organisation), status_list_url(organisation.id), encoded, utcnow()
    )
    return _sign(organisation.id, document)


def _organisation_of(issuer_id: str) -> int | None:
    match = ISSUER_PATH.search(issuer_id)
    return int(match.group(1)) if match else None


def _find_key(issuer_id: str, kid: str) -> str | None:
    organisation_id = _organisation_of(issuer_id)
    # Our own issuers only: the issuer must be the URL we publish, and the key one of its own.
    if organisation_id is None or issuer_id != issuer_url(organisation_id):
        return None
    if not kid.startswith(issuer_id + "#"):
        return None
    key = db.session.scalar(
        db.select(SigningKey).where(
            SigningKey.organisation_id == organisation_id,
            SigningKey.kid == kid[len(issuer_id) + 1 :],
        )
    )
    return key.public_key if key else None


def _revoked(status: dict) -> bool:
    """Read our own status list (as published) for the entry's index."""
    organisation_id = _organisation_of(
        str(status.get("statusListCredential", "")).removesuffix("/status")
    )
    try:
        index = int(status.get("statusListIndex", ""))
    except ValueError:
        return False
    if organisation_id is None or db.session.get(Organisation, organisation_id) is None:
        return False
    bits = statuslist.decode(statuslist.encode(revoked_indexes(organisation_id)))
    try:
        return statuslist.is_set(bits, index)
    except IndexError:
        return False


def verify(text: str) -> check.Result:
    return check.assess(text, _find_key, _revoked)


@lifecycle.exporter("badge_secret")
def _export(user) -> str | None:
    row = db.session.get(HolderSecret, user.id)
    return holder_secret(user.id) if row is not None else None


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(HolderSecret).where(HolderSecret.user_id == user.id))
