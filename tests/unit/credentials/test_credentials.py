"""Pure Open Badge modules: keys, credential builder, VC-JWT proofs, status list, checking."""

import copy
import gzip
import json
from datetime import datetime

import pytest
from cryptography.exceptions import InvalidSignature

from lms.credentials import builder, check, keys, proof, statuslist
from tests.ob3 import independent_verify, schema_errors

SECRET = "test secret"
ISSUER = builder.Issuer("https://pathways.example/issuers/7", "Community Learning Centre")


def _award(**changes):
    values = dict(
        achievement_id="urn:uuid:00000000-0000-4000-8000-000000000001",
        name="Workers' rights and safety",
        description="6 hours of learning, finished and checked.",
        criteria="The learner finished every lesson of the course and its checks.",
        language="en",
        achievement_type="Course",
        valid_from=datetime(2026, 11, 28, 10, 30, 5, 123),
        holder_secret="learner-secret",
        printed_name=None,
        status_list_url="https://pathways.example/issuers/7/status",
        status_index=40321,
    )
    values.update(changes)
    return builder.Award(**values)


def _signed(document):
    encrypted, public_x = keys.new_key_pair(SECRET)
    raw = keys.decrypt_private(encrypted, SECRET)
    token = proof.sign(builder.jwt_payload(document), raw, public_x, ISSUER.id + "#key-1")
    return token, public_x


def test_private_keys_are_encrypted_and_open_only_with_the_same_secret():
    encrypted, public_x = keys.new_key_pair(SECRET)
    assert len(keys.b64url_decode(public_x)) == 32
    raw = keys.decrypt_private(encrypted, SECRET)
    assert len(raw) == 32 and raw not in encrypted.encode()
    with pytest.raises(keys.KeyUnavailable):
        keys.decrypt_private(encrypted, "another secret")
    assert keys.new_kid() != keys.new_kid()


def test_credential_validates_against_the_1edtech_schema_and_names_nobody():
    document = builder.credential(ISSUER, _award(), "salt1234")
    assert schema_errors(document) == []
    subject = document["credentialSubject"]
    assert "id" not in subject
    [identity] = subject["identifier"]
    assert identity["identityHash"] == builder.identity_hash("learner-secret", "salt1234")
    assert identity["identityHash"].startswith("sha256$") and identity["hashed"] is True
    assert "learner-secret" not in json.dumps(document)
    assert document["validFrom"] == "2026-11-28T10:30:05Z"
    assert document["credentialStatus"]["statusListIndex"] == "40321"


def test_printed_name_only_when_chosen():
    document = builder.credential(ISSUER, _award(printed_name="Mei L."), "salt")
    assert schema_errors(document) == []
    names = [i for i in document["credentialSubject"]["identifier"] if i["identityType"] == "name"]
    assert names == [
        {
            "type": "IdentityObject",
            "identityHash": "Mei L.",
            "identityType": "name",
            "hashed": False,
        }
    ]


def test_the_schema_rejects_a_credential_missing_what_1edtech_requires():
    document = builder.credential(ISSUER, _award(), "salt")
    broken = copy.deepcopy(document)
    del broken["credentialSubject"]["achievement"]["criteria"]
    broken["type"] = ["VerifiableCredential"]
    del broken["validFrom"]
    errors = " ".join(schema_errors(broken))
    assert "criteria" in errors and "validFrom" in errors and "contain" in errors


def test_signature_verifies_with_an_independent_library_and_tampering_fails():
    document = builder.credential(ISSUER, _award(), "salt")
    token, public_x = _signed(document)
    header, payload = independent_verify(token, public_x)
    assert header == {"alg": "EdDSA", "typ": "vc+jwt", "kid": ISSUER.id + "#key-1"}
    assert builder.without_jwt_claims(payload) == document
    assert payload["iss"] == ISSUER.id and payload["jti"] == document["id"]
    head, body, signature = token.split(".")
    forged = dict(payload, name="Something else")
    forged_body = keys.b64url(json.dumps(forged).encode())
    with pytest.raises(InvalidSignature):
        independent_verify(f"{head}.{forged_body}.{signature}", public_x)
    assert not proof.signature_holds(f"{head}.{forged_body}.{signature}", public_x, "k")
    assert proof.signature_holds(token, public_x, "k")


def test_status_list_is_16_kb_gzip_base64url_with_bit_zero_leftmost():
    encoded = statuslist.encode([0, 9, 131071])
    assert encoded.startswith("u") and "=" not in encoded
    bits = gzip.decompress(keys.b64url_decode(encoded[1:]))
    assert len(bits) == 16384
    assert bits[0] == 0x80 and bits[1] == 0x40 and bits[-1] == 0x01
    decoded = statuslist.decode(encoded)
    assert statuslist.is_set(decoded, 9) and not statuslist.is_set(decoded, 10)
    with pytest.raises(ValueError):
        statuslist.encode([131072])
    with pytest.raises(statuslist.BadList):
        statuslist.decode("u!!!not-gzip")


def test_status_indexes_are_random_and_unused():
    used = {1, 2, 3}
    picks = [statuslist.random_free_index(used) for _ in range(200)]
    assert not used & set(picks)
    assert len(set(picks)) > 190  # random, so two learners' indexes say nothing of each other
    assert statuslist.random_free_index(set(range(7)), size=8) == 7


def _assess(text, public_x, revoked=False):
    return check.assess(
        text,
        lambda issuer, kid: public_x if issuer == ISSUER.id else None,
        lambda status: revoked,
    )


def test_check_says_valid_revoked_altered_unknown_and_unreadable():
    document = builder.credential(ISSUER, _award(), "salt")
    token, public_x = _signed(document)
    file_text = json.dumps(proof.embed(document, token))
    assert _assess(file_text, public_x).outcome == check.VALID
    assert _assess(token, public_x).outcome == check.VALID
    assert _assess(file_text, public_x, revoked=True).outcome == check.REVOKED
    other_x = keys.new_key_pair(SECRET)[1]
    assert _assess(file_text, other_x).outcome == check.ALTERED
    changed = proof.embed(dict(document, name="Changed"), token)
    assert _assess(json.dumps(changed), public_x).outcome == check.ALTERED
    stranger = dict(document, issuer={"id": "https://elsewhere.example/i", "type": ["Profile"]})
    stranger_token, stranger_x = _signed(stranger)
    assert _assess(stranger_token, public_x).outcome == check.UNKNOWN_ISSUER
    for garbage in ["", "hello", "{", "[1]", '{"proof": 3}', "a.b.c", "\x00" * 50, "{}"]:
        assert _assess(garbage, public_x).outcome == check.UNREADABLE
