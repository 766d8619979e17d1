"""Build Open Badges 3.0 credentials and status list credentials as plain dicts (no Flask, no DB).

The shape follows 1EdTech Open Badges 3.0 (final, with the W3C VC Data Model 2.0 context and
`validFrom`); tests validate it against the bundled AchievementCredential JSON schema.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
# Claims a VC-JWT adds beside the credential; they are not part of the credential itself.
JWT_CLAIMS = ("iss", "jti", "nbf", "iat", "exp", "sub")


@dataclass(frozen=True)
class Issuer:
    id: str  # the public URL of the issuer profile
    name: str  # the neutral issuer name when the organisation set one


@dataclass(frozen=True)
class Award:
    achievement_id: str
    name: str
    description: str
    criteria: str
    language: str
    achievement_type: str  # Course, Certificate, ...
    valid_from: datetime
    holder_secret: str
    printed_name: str | None  # only when the learner chose to include it
    status_list_url: str
    status_index: int


def identity_hash(secret: str, salt: str) -> str:
    """Return 'sha256$<hex>' of secret + salt, as an Open Badges IdentityObject holds it."""
    return "sha256$" + hashlib.sha256((secret + salt).encode("utf-8")).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def _stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def credential(issuer: Issuer, award: Award, salt: str, credential_id: str | None = None) -> dict:
    """Return an OpenBadgeCredential for one award.

    The subject has no id: it is a salted hash of a secret only the learner holds, so the
    credential names nobody unless the learner chose to include the printed name.
    """
    identifiers = [
        {
            "type": "IdentityObject",
            "identityHash": identity_hash(award.holder_secret, salt),
            "identityType": "identifier",
            "hashed": True,
            "salt": salt,
        }
    ]
    if award.printed_name:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": award.printed_name,
                "identityType": "name",
                "hashed": False,
            }
        )
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name},
        "validFrom": _stamp(award.valid_from),
        "name": award.name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "achievement": {
                "id": award.achievement_id,
                "type": ["Achievement"],
                "achievementType": award.achievement_type,
                "name": award.name,
                "description": award.description,
                "criteria": {"narrative": award.criteria},
                "inLanguage": award.language,
            },
        },
        "credentialStatus": {
            "id": f"{award.status_list_url}#{award.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(award.status_index),
            "statusListCredential": award.status_list_url,
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def status_list_credential(issuer: Issuer, url: str, encoded_list: str, now: datetime) -> dict:
    """Return the BitstringStatusListCredential that says which indexes are revoked."""
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name},
        "validFrom": _stamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }


def jwt_payload(document: dict) -> dict:
    """Return the VC-JWT claims: the credential itself plus iss, jti and nbf (OB 3.0 §8.2)."""
    valid_from = datetime.fromisoformat(document["validFrom"].replace("Z", "+00:00"))
    return {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(valid_from.timestamp()),
    }


def without_jwt_claims(payload: dict) -> dict:
    return {k: v for k, v in payload.items() if k not in JWT_CLAIMS}
