"""Issue 13, smaller holes: HSTS in production, huge pictures and active or tagged PDFs in
evidence, and hidden or direction-changing characters in every free-text name field."""

import io
import time

import pikepdf
import pytest

from lms import create_app
from lms.accounts.models import User
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.orgs.models import Organisation, SupportContact
from lms.programme.models import Activity, Cohort

from ..unit.programme.test_evidence import png_of_size
from .conftest import post_form
from .test_activities import GOOD, post_new, upload
from .test_certificates import complete, get_certificate

HIDDEN = "This has hidden characters. Please type it again by hand."
# A right-to-left override makes "Min<RLO>nimdA" show as "MinAdmin"; the others hide or
# reorder text the same way, or are control characters no one types in a name.
TRICKS = ["Min\u202enimdA", "Min\u2066Ho\u2069", "Min\u200fHo", "Min\x01Ho", "Min\x85Ho", "Min\tHo"]


def text(response) -> str:
    return response.get_data(as_text=True)


def shown(value: str) -> str:
    """The value as the form gives it back: tabs and next-line folded to a space, as typed."""
    return " ".join(value.split())


# --- Headers --------------------------------------------------------------------------------


def test_strict_transport_security_in_production_only(client, monkeypatch, tmp_path):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    monkeypatch.setenv("LMS_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example")
    production = create_app(
        {"LMS_ENV": "production", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"}
    )
    response = production.test_client().get("/safety")
    with production.app_context():
        db.engine.dispose()
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# --- Evidence uploads -----------------------------------------------------------------------


@pytest.fixture
def evidence_dir(app, tmp_path):
    folder = tmp_path / "evidence"
    app.config["LMS_EVIDENCE_DIR"] = str(folder)
    return folder


def saved_activities():
    db.session.expire_all()
    return db.session.scalars(db.select(Activity)).all()


def test_a_12000_by_12000_picture_is_refused_kindly_before_decoding(
    client, auth, world, evidence_dir
):
    """Item 5 reproduced: this PNG took 74 s and 2.5 GB to decode."""
    auth.sign_in("staff")
    huge = png_of_size(12000, 12000)
    started = time.monotonic()
    response = post_new(client, GOOD, title="Kept", evidence=upload(huge, "huge.png"))
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    page = text(response)
    assert "This picture is very large (more than 40 megapixels)." in page
    assert 'value="Kept"' in page
    assert saved_activities() == [] and not evidence_dir.exists()


def pdf_with(change=None) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Real Name Here"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Real Name Here"]
    if change:
        change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_pdf_evidence_is_stored_without_document_information_or_xmp(
    client, auth, world, evidence_dir
):
    """Item 5 reproduced: PDF evidence was stored as uploaded, metadata and all."""
    original = pdf_with()
    assert original.count(b"Real Name Here") >= 2
    auth.sign_in("staff")
    assert post_new(client, GOOD, evidence=upload(original, "sheet.pdf")).status_code == 302
    saved = saved_activities()[-1]
    stored = (evidence_dir / str(world.org.id) / saved.evidence_file).read_bytes()
    assert b"Real Name Here" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1 and "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
    download = client.get(f"/staff/activities/{saved.id}/evidence")
    assert download.data == stored


def _script(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
    )


def _attachment(pdf):
    pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"hello")


@pytest.mark.parametrize("change", [_script, _attachment])
def test_pdf_with_a_script_or_an_attached_file_is_refused_kindly(
    client, auth, world, evidence_dir, change
):
    auth.sign_in("staff")
    response = post_new(client, GOOD, title="Kept", evidence=upload(pdf_with(change), "a.pdf"))
    assert response.status_code == 400
    page = text(response)
    assert "This PDF has scripts or attached files, which we cannot keep." in page
    assert 'value="Kept"' in page
    assert saved_activities() == [] and not evidence_dir.exists()


def test_a_pdf_that_does_not_open_is_refused_kindly(client, auth, world, evidence_dir):
    auth.sign_in("staff")
    response = post_new(client, GOOD, evidence=upload(b"%PDF-1.4\n% a sheet\n", "a.pdf"))
    assert response.status_code == 400
    assert "We could not open this PDF." in text(response)
    assert saved_activities() == []


# --- Free-text names ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", TRICKS)
def test_display_name_refuses_hidden_characters(client, auth, world, typed):
    auth.sign_in("learner")
    response = post_form(client, "/account", {"display_name": typed, "locale": "en"})
    page = text(response)
    assert HIDDEN in page
    assert f'value="{typed}"' in page  # what was typed is still there
    db.session.expire_all()
    assert db.session.get(User, world.users["learner"].id).display_name == "Learner"


def test_display_name_at_joining_refuses_a_direction_override(client, world):
    from .test_join import join, make_invitation

    _, code = make_invitation(world)
    response = join(client, code, display_name="Min\u202enimdA")
    assert HIDDEN in text(response)
    assert 'value="Min\u202enimdA"' in text(response)
    assert db.session.scalar(db.select(User).where(User.username == "min")) is None


@pytest.mark.parametrize("typed", TRICKS)
def test_printed_certificate_name_refuses_hidden_characters(client, auth, world, synced, typed):
    auth.sign_in("learner")
    complete(world)
    response = get_certificate(client, name_choice="other", other=typed)
    assert response.status_code == 400
    assert HIDDEN in text(response)
    assert f'value="{shown(typed)}"' in text(response)
    assert db.session.scalar(db.select(Certificate)) is None


@pytest.mark.parametrize("typed", TRICKS)
def test_certificate_name_change_refuses_hidden_characters(client, auth, world, synced, typed):
    """Item 5 reproduced: the name-change request accepted bidi override characters."""
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    response = post_form(
        client, f"/certificates/{certificate.id}/name", {"name": typed}, page="/certificates"
    )
    assert response.status_code == 400
    page = text(response)
    assert HIDDEN in page
    assert f'value="{shown(typed)}"' in page
    assert f'id="name-{certificate.id}-error"' in page and "<details open>" in page
    db.session.expire_all()
    assert db.session.get(Certificate, certificate.id).name_change_requested is None


def test_certificate_name_change_still_works(client, auth, world, synced):
    auth.sign_in("learner")
    complete(world)
    get_certificate(client)
    certificate = db.session.scalar(db.select(Certificate))
    response = post_form(
        client, f"/certificates/{certificate.id}/name", {"name": "Lan Ho"}, page="/certificates"
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Certificate, certificate.id).name_change_requested == "Lan Ho"


@pytest.mark.parametrize("typed", TRICKS)
def test_cohort_name_refuses_hidden_characters(client, auth, world, typed):
    auth.sign_in("staff")
    response = post_form(client, "/staff/cohorts", {"name": typed, "description": "Kept"})
    assert HIDDEN in text(response)
    assert f'value="{shown(typed)}"' in text(response)
    assert db.session.scalar(db.select(Cohort)) is None


SETTINGS = {"checkin_retention_months": "6", "support_escalation_hours": "24"}


@pytest.mark.parametrize("field", ["name", "certificate_issuer_name"])
@pytest.mark.parametrize("typed", TRICKS)
def test_organisation_names_in_settings_refuse_hidden_characters(client, auth, world, field, typed):
    auth.sign_in("admin")
    values = {"name": "Harbour Group", **SETTINGS, field: typed}
    response = post_form(client, "/staff/settings", values)
    assert HIDDEN in text(response)
    assert f'value="{shown(typed)}"' in text(response)
    db.session.expire_all()
    organisation = db.session.get(Organisation, world.org.id)
    assert organisation.name == "Harbour Group" and organisation.certificate_issuer_name is None


@pytest.mark.parametrize("typed", TRICKS)
def test_a_new_organisation_name_refuses_hidden_characters(client, auth, world, typed):
    auth.sign_in("platform")
    response = post_form(client, "/platform/organisations", {"name": typed})
    assert HIDDEN in text(response)
    assert f'value="{shown(typed)}"' in text(response)
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 2


def test_support_contact_name_refuses_a_direction_override(client, auth, world):
    auth.sign_in("staff")
    response = post_form(
        client, "/staff/support", {"name": "Help\u202eenilpleH", "how_to_reach": "Call 123"}
    )
    assert HIDDEN in text(response)
    assert 'value="Help\u202eenilpleH"' in text(response)
    assert db.session.scalar(db.select(SupportContact)) is None


def test_activity_facilitator_and_attendee_names_refuse_hidden_characters(
    client, auth, world, evidence_dir
):
    auth.sign_in("staff")
    response = post_new(client, GOOD, facilitator="Min\u202enimdA")
    assert HIDDEN in text(response)
    response = post_new(client, GOOD, named_attendees="Min\r\nLan\u2067Ho", names_consent="y")
    assert HIDDEN in text(response)
    assert saved_activities() == []
    ok = post_new(client, GOOD, named_attendees="Min\r\nLan", names_consent="y")
    assert ok.status_code == 302


def test_bengali_and_chinese_names_with_joiners_are_welcome(client, auth, world):
    auth.sign_in("staff")
    response = post_form(client, "/staff/cohorts", {"name": "র\u200dহিম 小组"})
    assert response.status_code == 302
    assert db.session.scalar(db.select(Cohort)).name == "র\u200dহিম 小组"
