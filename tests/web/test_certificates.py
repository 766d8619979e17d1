"""Certificates: issue, approve, download, verify (valid, revoked, hidden, unknown), privacy."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from lms.audit.models import AuditEvent
from lms.catalog.models import ContentVersion, Course
from lms.catalog.pdf_fetcher import LocalOnlyFetcher
from lms.certificates.models import Certificate
from lms.certificates.pdf import certificate_pdf
from lms.extensions import db
from lms.progress.models import CourseCompletion

from .conftest import post_form


def complete(world, username="learner", slug="sample-rights"):
    course = db.session.scalar(db.select(Course).where(Course.slug == slug))
    version = db.session.scalar(db.select(db.func.max(ContentVersion.id)))
    db.session.add(
        CourseCompletion(user_id=world.users[username].id, course_id=course.id, version_id=version)
    )
    db.session.commit()


def get_certificate(client, name_choice="display", other="", language="en"):
    return post_form(
        client,
        "/certificates/request",
        {
            "course": "sample-rights",
            "name_choice": name_choice,
            "other_name": other,
            "language": language,
        },
        page="/certificates",
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_completed_course_makes_a_certificate_available_and_private(client, auth, world, synced):
    auth.sign_in("learner")
    assert "Get my certificate" not in client.get("/certificates").get_data(as_text=True)
    complete(world)
    assert "Get my certificate" in client.get("/certificates").get_data(as_text=True)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    assert certificate.status == "issued" and not certificate.is_public
    assert certificate.printed_name == "Learner" and certificate.title == "Sample rights course"
    assert client.get(f"/verify/{certificate.code}").status_code == 404  # off until switched on


def test_verify_valid_hidden_revoked_unknown(app, client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    post_form(
        client, f"/certificates/{certificate.id}/public", {"public": "on"}, page="/certificates"
    )
    public = app.test_client()
    page = public.get(f"/verify/{certificate.code.lower()}")
    text = page.get_data(as_text=True)
    assert (
        page.status_code == 200
        and "Valid" in text
        and "Learner" in text
        and "Harbour Group" in text
    )
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    for private in ("learner@", "username", "Sample English", "mentor", "check-in"):
        assert private not in text.split("<main", 1)[1]
    unknown = public.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE")
    post_form(
        client, f"/certificates/{certificate.id}/public", {"public": "off"}, page="/certificates"
    )
    hidden = public.get(f"/verify/{certificate.code}")
    assert unknown.status_code == hidden.status_code == 404
    main = lambda r: r.get_data(as_text=True).split("<main", 1)[1]  # noqa: E731
    assert main(unknown) == main(hidden)  # a hidden certificate looks exactly like a wrong code
    post_form(
        client, f"/certificates/{certificate.id}/public", {"public": "on"}, page="/certificates"
    )
    auth.sign_out()
    auth.sign_in("staff")
    bad = post_form(
        client,
        f"/staff/certificates/{certificate.id}/revoke",
        {"reason": ""},
        page="/staff/certificates",
    )
    assert bad.status_code == 400 and "Please give a short reason." in bad.get_data(as_text=True)
    post_form(
        client,
        f"/staff/certificates/{certificate.id}/revoke",
        {"reason": "Issued by mistake"},
        page="/staff/certificates",
    )
    revoked = public.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Revoked" in revoked and "Issued by mistake" not in revoked
    assert (
        db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "certificate_revoked"))
        is not None
    )


def test_verify_form_and_rate_limit(app, client, world, synced):
    response = post_form(client, "/verify", {"code": " aaaa bbbb cccc dddd eeee "})
    assert response.location == "/verify/AAAA-BBBB-CCCC-DDDD-EEEE"
    for _ in range(30):
        client.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE")
    assert client.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE").status_code == 429


def test_staff_approval_step(client, auth, world, synced):
    world.org.certificate_approval_required = True
    db.session.commit()
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    assert certificate.status == "pending"
    assert client.get(f"/certificates/{certificate.id}/pdf").status_code == 404
    auth.sign_out()
    auth.sign_in("staff")
    post_form(
        client, f"/staff/certificates/{certificate.id}/approve", {}, page="/staff/certificates"
    )
    assert db.session.get(Certificate, certificate.id).status == "issued"


def test_only_the_learner_and_their_staff_download(app, client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    response = client.get(f"/certificates/{certificate.id}/pdf")
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Learner" in text and "Sample rights course" in text and certificate.code in text
    assert "Harbour Group" in text
    for username, expected in (
        ("learner2", 404),
        ("mentor", 404),
        ("other_staff", 404),
        ("staff", 200),
    ):
        other = app.test_client()
        post_form(other, "/sign-in", {"username": username, "password": "correct horse battery"})
        assert other.get(f"/certificates/{certificate.id}/pdf").status_code == expected, username


def test_neutral_issuer_name_and_chosen_name(client, auth, world, synced):
    world.org.certificate_issuer_name = "Learning Centre"
    db.session.commit()
    auth.sign_in("learner")
    complete(world)
    bad = get_certificate(client, "other", "")
    assert bad.status_code == 400 and "Please type the name to print." in bad.get_data(as_text=True)
    get_certificate(client, "other", "Nguyen Thi Lan")
    certificate = db.session.scalar(db.select(Certificate))
    text = pdf_text(client.get(f"/certificates/{certificate.id}/pdf").data)
    assert "Nguyen Thi Lan" in text and "Learning Centre" in text and "Harbour Group" not in text


@pytest.mark.parametrize(
    "name",
    [
        '<img src="http://127.0.0.1:9/x">',
        "file:///etc/passwd",
        '<link rel=stylesheet href="file:///etc/passwd">',
    ],
)
def test_hostile_names_render_as_text_and_fetch_nothing(app, world, synced, name):
    certificate = Certificate(
        user_id=world.users["learner"].id,
        organisation_id=world.org.id,
        kind="course",
        title="T",
        printed_name=name,
        code="TEST-CODE",
        status="issued",
        language="en",
        hours=2,
    )
    fetcher = LocalOnlyFetcher()
    with app.test_request_context():
        data = certificate_pdf(
            certificate, "Issuer", "http://localhost/verify/TEST-CODE", fetcher=fetcher
        )
    assert fetcher.refused == []  # nothing outside static/ was even asked for
    assert name.replace(" ", "") in pdf_text(data).replace(" ", "").replace("\n", "")


def test_name_change_and_reissue_gives_a_new_code(client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    old_code = certificate.code
    post_form(client, f"/certificates/{certificate.id}/name", {"name": "Lan"}, page="/certificates")
    auth.sign_out()
    auth.sign_in("staff")
    post_form(
        client, f"/staff/certificates/{certificate.id}/reissue", {}, page="/staff/certificates"
    )
    certificate = db.session.get(Certificate, certificate.id)
    assert certificate.printed_name == "Lan" and certificate.code != old_code
    assert (
        db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "certificate_reissued"))
        is not None
    )


def test_staff_issue_programme_and_csv_export(client, auth, world, synced):
    world.users["learner"].display_name = '=HYPERLINK("x")'
    db.session.commit()
    auth.sign_in("staff")
    post_form(
        client,
        "/staff/certificates/issue",
        {
            "member": world.users["learner"].id,
            "kind": "programme",
            "title": "Spring programme",
            "hours": "20",
        },
        page="/staff/certificates",
    )
    bad = post_form(
        client,
        "/staff/certificates/issue",
        {
            "member": world.users["other_learner"].id,
            "kind": "programme",
            "title": "X",
            "hours": "-1",
        },
        page="/staff/certificates",
    )
    assert bad.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 1
    csv = client.get("/staff/certificates.csv")
    body = csv.data.decode("utf-8")
    assert body.startswith("\ufeff") and "Spring programme" in body
    assert "'=HYPERLINK" in body


def test_certificate_pdf_is_one_page_in_bengali_and_chinese(
    app, client, auth, world, synced, tmp_path
):
    auth.sign_in("learner")
    complete(world)
    long_name = "মোহাম্মদ আব্দুল্লাহ আল মামুন চৌধুরী রহমান ইসলাম হোসেন খান তালুকদার সিদ্দিকী"
    get_certificate(client, "other", long_name)
    certificate = db.session.scalar(db.select(Certificate))
    for language in ("bn", "zh_Hans", "en"):
        certificate.language = language
        db.session.commit()
        data = client.get(f"/certificates/{certificate.id}/pdf").data
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1, language
        path = tmp_path / f"certificate-{language}.pdf"
        path.write_bytes(data)
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert "Noto-Sans-Bengali" in fonts
        if language == "zh_Hans":
            assert "CJK" in fonts or "证书" in pdf_text(data)


def test_requesting_and_issuing_need_the_right_people(app, client, auth, world, synced):
    assert (
        post_form(
            client,
            "/certificates/request",
            {"course": "sample-rights", "name_choice": "display"},
            page="/",
        ).status_code
        == 302
    )
    auth.sign_in("learner")
    # Not completed: there is nothing to request.
    assert get_certificate(client).status_code == 404
    issue = {"member": world.users["learner"].id, "kind": "programme", "title": "X", "hours": "2"}
    assert post_form(client, "/staff/certificates/issue", issue, page="/").status_code == 403
    auth.sign_out()
    auth.sign_in("other_staff")
    # Staff of another organisation cannot pick this organisation's member.
    assert (
        post_form(
            client, "/staff/certificates/issue", issue, page="/staff/certificates"
        ).status_code
        == 400
    )
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 0


def test_role_training_certificate_needs_an_active_role(client, auth, world, synced):
    from lms.roles.models import RoleApplication

    auth.sign_in("staff")
    body = {
        "member": world.users["learner"].id,
        "kind": "role",
        "title": "Peer supporter training",
        "hours": "6",
    }
    refused = post_form(client, "/staff/certificates/issue", body, page="/staff/certificates")
    assert refused.status_code == 400 and "no active engagement role" in refused.get_data(
        as_text=True
    )
    db.session.add(
        RoleApplication(
            user_id=world.users["learner"].id,
            organisation_id=world.org.id,
            role_slug="peer-supporter",
            status="active",
        )
    )
    db.session.commit()
    assert (
        post_form(client, "/staff/certificates/issue", body, page="/staff/certificates").status_code
        == 302
    )
    assert db.session.scalar(db.select(Certificate)).kind == "role"


def test_an_old_completion_with_a_skipped_lesson_awards_no_certificate(client, auth, world, synced):
    """Completions made while skipping still counted as finishing do not give a certificate."""
    auth.sign_in("learner")
    post_form(
        client,
        "/learn/sample-rights/hard-topic/progress",
        {"event": "skipped"},
        page="/learn/sample-rights/hard-topic?read=1",
    )
    complete(world)
    assert "Get my certificate" not in client.get("/certificates").get_data(as_text=True)
    assert get_certificate(client).status_code == 404
    assert db.session.scalar(db.select(Certificate)) is None


def revoke(client, certificate, reason="Issued by mistake"):
    return post_form(
        client,
        f"/staff/certificates/{certificate.id}/revoke",
        {"reason": reason},
        page="/staff/certificates",
    )


def test_after_a_revoke_only_staff_issue_again_with_a_reason(client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client, language="zh_Hans")
    first = db.session.scalar(db.select(Certificate))
    auth.sign_out()
    auth.sign_in("staff")
    revoke(client, first)
    auth.sign_out()
    auth.sign_in("learner")
    page = client.get("/certificates").get_data(as_text=True)
    assert "Ready for you" not in page and "Get my certificate" not in page
    assert "only they can issue it again" in page
    assert get_certificate(client).status_code == 404  # no click brings it back
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 1
    auth.sign_out()

    auth.sign_in("staff")
    staff_page = client.get("/staff/certificates").get_data(as_text=True)
    assert "Issue this certificate again" in staff_page
    assert '<option lang="zh-Hans" selected value="zh_Hans">' in staff_page  # kept by default
    url = f"/staff/certificates/{first.id}/issue-again"
    empty = post_form(client, url, {"reason": " ", "language": "bn"}, page="/staff/certificates")
    assert empty.status_code == 400 and "Please give a short reason." in empty.get_data(
        as_text=True
    )
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 1
    post_form(
        client, url, {"reason": "Revoked by mistake", "language": "bn"}, page="/staff/certificates"
    )
    again = db.session.scalar(db.select(Certificate).where(Certificate.id != first.id))
    assert again.status == "issued" and again.code != first.code
    assert again.language == "bn" and again.title == "অধিকারের নমুনা কোর্স"
    assert db.session.get(Certificate, first.id).status == "revoked"
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "certificate_issued_again")
    )
    assert (
        event.actor_id == world.users["staff"].id and event.detail["reason"] == "Revoked by mistake"
    )
    # Once replaced, it cannot be issued again a second time.
    post_form(client, url, {"reason": "Twice", "language": "en"}, page="/staff/certificates")
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 2


def test_learners_and_other_organisations_cannot_issue_again(app, client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    certificate.status = "revoked"
    db.session.commit()
    url = f"/staff/certificates/{certificate.id}/issue-again"
    data = {"reason": "Please", "language": "en"}
    assert post_form(client, url, data, page="/certificates").status_code == 403
    auth.sign_out()
    auth.sign_in("other_staff")
    assert post_form(client, url, data, page="/staff/certificates").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 1


def test_the_learner_chooses_the_certificate_language(client, auth, world, synced):
    auth.sign_in("learner")
    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    complete(world)
    page = client.get("/certificates").get_data(as_text=True)
    # The interface language is chosen at first; the learner can pick another.
    assert '<input checked id="language-2-sample-rights" name="language"' in page
    assert get_certificate(client, language="zh_Hans").status_code == 302
    certificate = db.session.scalar(db.select(Certificate))
    assert certificate.language == "zh_Hans" and certificate.title == "权利示例课程"
    text = pdf_text(client.get(f"/certificates/{certificate.id}/pdf").data)
    assert "权利示例课程" in text
    # The list names the course in the page's language, and says the certificate's language.
    page = client.get("/certificates").get_data(as_text=True)
    assert "<h2>অধিকারের নমুনা কোর্স</h2>" in page and ">中文</span>" in page
    bad = get_certificate(client, language="fr")
    assert bad.status_code in (400, 404)


def test_a_certificate_language_must_be_chosen(client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    response = get_certificate(client, language="")
    assert response.status_code == 400 and "Please choose a language." in response.get_data(
        as_text=True
    )
    assert db.session.scalar(db.select(Certificate)) is None


def test_chinese_and_bengali_certificates_are_small_with_each_font_once(
    app, client, auth, world, synced, tmp_path
):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    names = {"zh_Hans": "王小明 Wang Xiaoming", "bn": "মোহাম্মদ আব্দুল্লাহ আল মামুন চৌধুরী"}
    for language, name in names.items():
        certificate.language, certificate.printed_name = language, name
        db.session.commit()
        data = client.get(f"/certificates/{certificate.id}/pdf").data
        assert len(data) <= 60 * 1024, (language, len(data))
        path = tmp_path / f"certificate-{language}.pdf"
        path.write_bytes(data)
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        # A subset prefix ("ABCDEF+") differs per subset; the face after it must appear once.
        faces = [line.split()[0].split("+", 1)[-1] for line in fonts]
        assert faces and len(faces) == len(set(faces)), (language, faces)
        if language == "zh_Hans":
            assert [face for face in faces if "CJK" in face] == ["Noto-Sans-CJK-SC"]
            # The compacted CJK font still maps to the right text.
            assert "王小明" in pdf_text(data) and "证书" in pdf_text(data)
