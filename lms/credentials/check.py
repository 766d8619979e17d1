"""Decide what a pasted or uploaded credential is: valid, revoked, altered, unknown issuer.

Pure: the caller passes how to find a published key and how to read the status list, so
this runs without Flask or a database and every outcome is unit-tested.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from . import proof
from .builder import without_jwt_claims

VALID, REVOKED, ALTERED, UNKNOWN_ISSUER, UNREADABLE = (
    "valid",
    "revoked",
    "altered",
    "unknown_issuer",
    "unreadable",
)
ENVELOPE_PREFIX = "data:application/vc+jwt,"


@dataclass(frozen=True)
class Result:
    outcome: str
    achievement: str | None = None
    issuer: str | None = None
    valid_from: str | None = None


def _token_and_copy(text: str) -> tuple[str, dict | None]:
    text = text.strip().lstrip("\ufeff")
    if not text.startswith("{"):
        return text, None
    try:
        document = json.loads(text)
    except ValueError as error:
        raise proof.Unreadable("not JSON") from error
    if not isinstance(document, dict):
        raise proof.Unreadable("not a JSON object")
    envelope = document.get("id")
    if isinstance(envelope, str) and envelope.startswith(ENVELOPE_PREFIX):
        return envelope[len(ENVELOPE_PREFIX) :], None  # a VCDM 2.0 EnvelopedVerifiableCredential
    carried = document.get("proof")
    if isinstance(carried, list) and len(carried) == 1:
        carried = carried[0]
    if not isinstance(carried, dict) or not isinstance(carried.get("jwt"), str):
        raise proof.Unreadable("no VC-JWT proof")
    copy = {k: v for k, v in document.items() if k != "proof"}
    return carried["jwt"], copy


def shape_problem(credential: dict) -> str | None:
    """Return what makes this not an Open Badge credential, or None when its shape is right."""
    types = credential.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return "type"
    if not {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        return "type"
    issuer = credential.get("issuer")
    if not isinstance(issuer, dict) or not isinstance(issuer.get("id"), str):
        return "issuer"
    subject = credential.get("credentialSubject")
    if not isinstance(subject, dict) or not isinstance(subject.get("achievement"), dict):
        return "credentialSubject"
    if not isinstance(credential.get("validFrom"), str):
        return "validFrom"
    if not isinstance(credential.get("@context"), list) or not isinstance(
        credential.get("id"), str
    ):
        return "@context"
    return None


def assess(
    text: str,
    find_key: Callable[[str, str], str | None],
    revoked: Callable[[dict], bool],
) -> Result:
    """Return the Result for `text`.

    find_key(issuer_id, kid) returns the public key (base64url) one of our issuers published
    under that key id, or None; revoked(credentialStatus) reads the issuer's status list.
    """
    try:
        token, copy = _token_and_copy(text)
        header, payload = proof.parts(token)
    except proof.Unreadable:
        return Result(UNREADABLE)
    credential = without_jwt_claims(payload)
    if shape_problem(credential) or not isinstance(header.get("kid"), str):
        return Result(UNREADABLE)
    issuer_id = credential["issuer"]["id"]
    facts = {
        "achievement": str(credential["credentialSubject"]["achievement"].get("name", "")),
        "issuer": str(credential["issuer"].get("name", "")),
        "valid_from": credential["validFrom"],
    }
    public_x = find_key(issuer_id, header["kid"])
    if public_x is None:
        return Result(UNKNOWN_ISSUER)
    if header.get("alg") != "EdDSA" or not proof.signature_holds(token, public_x, header["kid"]):
        return Result(ALTERED)
    if copy is not None and copy != credential:
        return Result(ALTERED)  # the readable copy beside the signature was changed
    status = credential.get("credentialStatus")
    if isinstance(status, dict) and revoked(status):
        return Result(REVOKED, **facts)
    return Result(VALID, **facts)
