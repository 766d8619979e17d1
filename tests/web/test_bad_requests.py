"""Every bad request gets a kind page and changes nothing (issue 14, item 17)."""

import pytest

from lms.extensions import db
from lms.roles.models import RoleApplication

from .conftest import PASSWORD, post_form


def snapshot() -> dict:
    """Every row of every table, to show that a refused request changed nothing."""
    db.session.expire_all()
    return {
        table.name: sorted(map(tuple, db.session.execute(table.select()).all()), key=repr)
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def application(world, synced):
    found = RoleApplication(
        user_id=world.users["learner"].id,
        organisation_id=world.org.id,
        role_slug="rescue-volunteer",
    )
    db.session.add(found)
    db.session.commit()
    return found


def test_tokenless_confirm_is_a_kind_page_and_changes_nothing(client, auth, application):
    auth.sign_in("staff")
    before = snapshot()
    response = client.post(f"/staff/roles/applications/{application.id}/confirm")
    assert response.status_code == 400
    assert "Something in that request was not right" in response.get_data(as_text=True)
    assert snapshot() == before


def test_forged_vetting_form_writes_no_access_or_audit_row(client, auth, application):
    auth.sign_in("staff")
    before = snapshot()
    response = client.post(
        f"/staff/roles/applications/{application.id}",
        data={"csrf_token": "forged", "identity_checked": "y"},
    )
    assert response.status_code == 400
    assert snapshot() == before


def test_forged_tokens_do_not_count_towards_sign_in_limits(client, world):
    for _ in range(8):
        refused = client.post(
            "/sign-in", data={"csrf_token": "forged", "username": "learner", "password": "x"}
        )
        assert refused.status_code == 400
    signed_in = post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert signed_in.status_code == 302


def test_forged_token_after_the_sign_in_limit_is_a_kind_page(client, world):
    for _ in range(6):
        post_form(client, "/sign-in", {"username": "learner", "password": "wrong"})
    before = snapshot()
    response = client.post(
        "/sign-in", data={"csrf_token": "forged", "username": "learner", "password": "x"}
    )
    assert response.status_code in (400, 429)
    assert "Please wait" in response.get_data(as_text=True) or "not right" in response.get_data(
        as_text=True
    )
    assert snapshot() == before


def test_report_pdf_with_odd_query_arguments_goes_back_to_the_report(client, auth, world):
    auth.sign_in("staff")
    before = snapshot()
    response = client.get("/staff/report.pdf?start=bad&_method=POST")
    assert response.status_code == 302
    assert response.location == "/staff/report?start=bad"
    assert client.get(response.location).status_code == 400  # the form says what is wrong
    assert snapshot() == before
