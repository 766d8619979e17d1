"""Open Badges 3.0: a badge for every certificate kind, verified independently; the privacy
screen; issuer profiles and key rotation; the status list after a revoke; /verify/credential."""

import gzip
import io
import json

import pytest
from cryptography.exceptions import InvalidSignature

from lms.certificates import services as certificates
from lms.certificates.models import Certificate
from lms.credentials import builder, keys, proof
from lms.credentials.models import IssuedCredential, SigningKey
from lms.extensions import db
from lms.orgs.services import create_organisation
from tests.ob3 import independent_verify, schema_errors

from .conftest import post_form
from .test_certificates import complete, get_certificate


def _course_certificate(client, auth, world):
    world.users["learner"].display_name = "Mei Lin Wong"
    db.session.commit()
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    return db.session.scalar(db.select(Certificate).where(Certificate.kind == "course"))


def _staff_certificate(world, kind, title):
    certificate = certificates.issue_by_staff(
        world.users["learner"].id,
        world.org.id,
        kind,
        title,
        6,
        "Mei Lin Wong",
        world.users["staff"].id,
    )
    db.session.commit()
    return certificate


def _download(client, certificate, **choices):
    body = {"title_choice": "public", **choices}
    page = f"/certificates/{certificate.id}/badge"
    response = post_form(client, page, body)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    return json.loads(response.get_data(as_text=True))


def _published_key(client, document) -> str:
    header, _ = proof.parts(document["proof"]["jwt"])
    issuer_path = document["issuer"]["id"].removeprefix("http://localhost")
    profile = client.get(issuer_path).get_json()
    [method] = [m for m in profile["verificationMethod"] if m["id"] == header["kid"]]
    return method["publicKeyJwk"]["x"]


def _check_independently(client, document) -> dict:
    credential = {k: v for k, v in document.items() if k != "proof"}
    assert schema_errors(credential) == []
    _, payload = independent_verify(document["proof"]["jwt"], _published_key(client, document))
    assert builder.without_jwt_claims(payload) == credential
    return credential


@pytest.mark.parametrize("kind", ["course", "programme", "role"])
def test_every_certificate_kind_gives_a_valid_independently_verified_badge(
    client, auth, world, synced, kind
):
    if kind == "course":
        certificate = _course_certificate(client, auth, world)
    else:
        certificate = _staff_certificate(world, kind, "Peer supporter training")
        auth.sign_in("learner")
    page = client.get(f"/certificates/{certificate.id}/badge").get_data(as_text=True)
    assert "Who can read what" in page
    document = _download(client, certificate)
    credential = _check_independently(client, document)
    # The learner holds the secret behind the hash: shown on the screen, never in the badge.
    from lms.credentials.services import holder_secret

    secret = holder_secret(world.users["learner"].id)
    assert secret in page and secret not in json.dumps(document)
    text = json.dumps(document)
    # Privacy: no username, printed name or full course title by default (the issuer is named).
    for private in ('"learner"', "Mei Lin", "Sample rights course", "Peer"):
        assert private not in text
    achievement = credential["credentialSubject"]["achievement"]
    expected = {
        "course": "Rights at work",
        "programme": "Learning programme",
        "role": "Role training",
    }[kind]
    assert achievement["name"] == expected and achievement["criteria"]["narrative"]
    [identity] = credential["credentialSubject"]["identifier"]
    assert identity["identityType"] == "identifier" and identity["hashed"] is True
    index = int(credential["credentialStatus"]["statusListIndex"])
    assert db.session.scalar(db.select(IssuedCredential.status_index)) == index


def test_the_learner_may_choose_the_full_title_and_their_name(client, auth, world, synced):
    certificate = _course_certificate(client, auth, world)
    document = _download(client, certificate, title_choice="full", include_name="y")
    credential = _check_independently(client, document)
    assert credential["credentialSubject"]["achievement"]["name"] == "Sample rights course"
    names = [
        i for i in credential["credentialSubject"]["identifier"] if i["identityType"] == "name"
    ]
    assert names[0]["identityHash"] == "Mei Lin Wong"
    second = _download(client, certificate)
    # Each download: a new salt and a new random index, so two badges cannot be linked.
    first_id = credential["credentialSubject"]["identifier"][0]
    second_id = second["credentialSubject"]["identifier"][0]
    assert first_id["salt"] != second_id["salt"]
    assert first_id["identityHash"] != second_id["identityHash"]


def test_badge_form_keeps_choices_on_bad_input(client, auth, world, synced):
    certificate = _course_certificate(client, auth, world)
    response = post_form(client, f"/certificates/{certificate.id}/badge", {"title_choice": "x"})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert client.post(f"/certificates/{certificate.id}/badge", data={}).status_code == 400


def test_pending_and_revoked_certificates_give_no_badge(client, auth, world, synced):
    certificate = _course_certificate(client, auth, world)
    certificate.status = "revoked"
    db.session.commit()
    assert client.get(f"/certificates/{certificate.id}/badge").status_code == 404
    assert (
        post_form(
            client, f"/certificates/{certificate.id}/badge", {"title_choice": "public"}, page="/"
        ).status_code
        == 404
    )


def _paste(client, text):
    return post_form(client, "/verify/credential", {"pasted": text})


def test_revoke_turns_the_status_list_and_verify_to_revoked(client, auth, world, synced):
    certificate = _course_certificate(client, auth, world)
    document = _download(client, certificate)
    text = json.dumps(document)
    auth.sign_out()
    valid = _paste(client, text)
    assert valid.status_code == 200 and "This badge is real" in valid.get_data(as_text=True)
    assert "Rights at work" in valid.get_data(as_text=True)
    index = int(document["credentialStatus"]["statusListIndex"])
    status_url = document["credentialStatus"]["statusListCredential"].removeprefix(
        "http://localhost"
    )

    def bit():
        listed = client.get(status_url)
        assert listed.headers["Cache-Control"].startswith("public")
        status_credential = listed.get_json()
        assert "BitstringStatusListCredential" in status_credential["type"]
        public_x = _published_key(client, status_credential)
        _, payload = independent_verify(status_credential["proof"]["jwt"], public_x)
        encoded = payload["credentialSubject"]["encodedList"]
        bits = gzip.decompress(keys.b64url_decode(encoded.removeprefix("u")))
        assert len(bits) * 8 >= 131072
        return bool(bits[index // 8] & (0x80 >> (index % 8)))

    assert bit() is False
    auth.sign_in("staff")
    post_form(
        client,
        f"/staff/certificates/{certificate.id}/revoke",
        {"reason": "Issued by mistake"},
        page="/staff/certificates",
    )
    auth.sign_out()
    assert bit() is True
    revoked = _paste(client, text).get_data(as_text=True)
    assert "This badge was cancelled" in revoked and "Issued by mistake" not in revoked


def test_tampered_badge_says_altered_and_foreign_issuer_unknown(client, auth, world, synced):
    certificate = _course_certificate(client, auth, world)
    document = _download(client, certificate)
    changed = dict(document, name="Master's degree")
    assert "This badge was changed" in _paste(client, json.dumps(changed)).get_data(as_text=True)
    head, body, signature = document["proof"]["jwt"].split(".")
    payload = json.loads(keys.b64url_decode(body))
    payload["credentialSubject"]["achievement"]["name"] = "Master's degree"
    forged = f"{head}.{keys.b64url(json.dumps(payload).encode())}.{signature}"
    with pytest.raises(InvalidSignature):
        independent_verify(forged, _published_key(client, document))
    assert "This badge was changed" in _paste(client, forged).get_data(as_text=True)
    # Signed by someone else's key under a made-up issuer address.
    encrypted, public_x = keys.new_key_pair("x")
    stranger = dict(
        {k: v for k, v in document.items() if k != "proof"},
        issuer={"id": "https://elsewhere.example/issuers/1", "type": ["Profile"]},
    )
    token = proof.sign(
        builder.jwt_payload(stranger),
        keys.decrypt_private(encrypted, "x"),
        public_x,
        "https://elsewhere.example/issuers/1#k",
    )
    unknown = _paste(client, token).get_data(as_text=True)
    assert "We do not know who issued this badge" in unknown


@pytest.mark.parametrize(
    "garbage",
    ["", "   ", "not a badge", "{", "[]", '{"proof": {"jwt": "a.b.c"}}', "x" * 70_000, "\ufffd"],
)
def test_verify_never_fails_on_garbage(client, world, garbage):
    response = _paste(client, garbage)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "error-message" in page


def test_verify_accepts_an_uploaded_file_and_refuses_binary(client, auth, world, synced):
    certificate = _course_certificate(client, auth, world)
    document = _download(client, certificate)
    from .conftest import csrf_token

    token = csrf_token(client, "/verify/credential")
    upload = (io.BytesIO(json.dumps(document).encode()), "badge.json")
    response = client.post(
        "/verify/credential",
        data={"csrf_token": token, "upload": upload},
        content_type="multipart/form-data",
    )
    assert "This badge is real" in response.get_data(as_text=True)
    binary = (io.BytesIO(b"\x89PNG\x00\xff\xfe"), "badge.png")
    response = client.post(
        "/verify/credential",
        data={"csrf_token": token, "upload": binary},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert client.post("/verify/credential", data={"pasted": "x"}).status_code == 400  # no CSRF


def test_issuer_profile_is_public_small_cacheable_and_rotation_keeps_old_keys(
    app, client, auth, world, synced, runner
):
    world.org.certificate_issuer_name = "Community Learning Centre"
    db.session.commit()
    certificate = _course_certificate(client, auth, world)
    before = _download(client, certificate)
    auth.sign_out()
    response = client.get(f"/issuers/{world.org.id}")
    assert response.status_code == 200 and len(response.data) < 4096
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    profile = response.get_json()
    assert profile["name"] == "Community Learning Centre" and "Harbour" not in response.text
    assert set(profile) == {"@context", "id", "type", "name", "verificationMethod"}
    assert all("d" not in m["publicKeyJwk"] for m in profile["verificationMethod"])
    result = runner.invoke(args=["pathways", "rotate-signing-key", "Harbour Group"])
    assert result.exit_code == 0, result.output
    methods = client.get(f"/issuers/{world.org.id}").get_json()["verificationMethod"]
    assert len(methods) == 2
    _check_independently(client, before)  # signed with the old key: still verifies
    assert "This badge is real" in _paste(client, json.dumps(before)).get_data(as_text=True)
    auth.sign_in("learner")
    after = _download(client, certificate)
    old_kid = proof.parts(before["proof"]["jwt"])[0]["kid"]
    assert proof.parts(after["proof"]["jwt"])[0]["kid"] != old_kid
    _check_independently(client, after)
    assert client.get("/issuers/999999").status_code == 404
    assert runner.invoke(args=["pathways", "rotate-signing-key", "Nobody"]).exit_code != 0


def test_a_new_organisation_gets_a_key_and_private_keys_are_encrypted(app, world):
    organisation = create_organisation("New Group", world.users["platform"].id)
    db.session.commit()
    key = db.session.scalar(
        db.select(SigningKey).where(SigningKey.organisation_id == organisation.id)
    )
    assert key is not None and key.retired_at is None
    secret = app.config["SECRET_KEY"]
    raw = keys.decrypt_private(key.private_key_encrypted, secret)
    assert keys.b64url(raw) not in key.private_key_encrypted
    with pytest.raises(keys.KeyUnavailable):
        keys.decrypt_private(key.private_key_encrypted, "not the secret")


def test_deleting_the_account_revokes_its_badges(client, auth, world, synced):
    from lms.accounts.services import delete_account

    certificate = _course_certificate(client, auth, world)
    document = _download(client, certificate)
    delete_account(world.users["learner"])
    db.session.commit()
    auth.sign_out()
    assert "This badge was cancelled" in _paste(client, json.dumps(document)).get_data(as_text=True)
