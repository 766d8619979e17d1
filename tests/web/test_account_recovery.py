"""Account recovery that respects every organisation (issue 13, item 1) and the reset notice."""

import re

from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.orgs.models import Membership, ResetCode

from .conftest import post_form

NEW_PASSWORD = "lantern harbour evening"


def _code_from(response) -> str | None:
    match = re.search(r'class="code-display">([^<]+)<', response.get_data(as_text=True))
    return match.group(1).strip() if match else None


def test_staff_of_a_second_organisation_cannot_take_over_a_demo_staff_account(client, auth, world):
    """Issue 13, item 1: a Demo staff member joins organisation B as a learner; B's staff try
    to make a reset code for that membership. Nothing may be issued, and the page says who
    can help."""
    demo_staff = world.users["staff"]
    org_b = world.other_org
    joined = Membership(user_id=demo_staff.id, organisation_id=org_b.id, role="learner")
    db.session.add(joined)
    db.session.commit()

    auth.sign_in("other_staff")
    response = post_form(
        client, f"/staff/members/{joined.id}/reset-code", {}, page=f"/staff/members/{joined.id}"
    )
    assert response.status_code == 403
    assert _code_from(response) is None
    assert "administrator of the platform" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ResetCode.id))) == 0
    assert (
        db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "reset_code_issued"))
        is None
    )
    # The member page does not offer the button at all, and says who can help instead.
    page = client.get(f"/staff/members/{joined.id}").get_data(as_text=True)
    assert "Make a reset code" not in page
    assert "administrator of the platform" in page


def test_even_an_admin_of_the_second_organisation_is_refused(client, auth, world):
    learner = world.users["learner"]
    joined = Membership(user_id=learner.id, organisation_id=world.other_org.id, role="learner")
    db.session.add(joined)
    db.session.commit()
    auth.sign_in("other_admin")
    response = post_form(client, f"/staff/members/{joined.id}/reset-code", {}, page="/")
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(ResetCode.id))) == 0


def test_staff_cannot_make_a_code_for_a_fellow_staff_member(client, auth, world):
    from .conftest import make_user

    colleague = make_user("colleague", world.org, "staff")
    db.session.commit()
    membership = db.session.scalar(db.select(Membership).where(Membership.user_id == colleague.id))
    auth.sign_in("staff")
    response = post_form(client, f"/staff/members/{membership.id}/reset-code", {}, page="/")
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(ResetCode.id))) == 0


def test_admin_may_make_a_code_for_staff_of_only_this_organisation(client, auth, world):
    auth.sign_in("admin")
    membership = world.membership("staff")
    response = post_form(client, f"/staff/members/{membership.id}/reset-code", {}, page="/")
    assert response.status_code == 200
    assert _code_from(response)


def _reset_learner(client, auth, world) -> str:
    auth.sign_in("staff")
    membership = world.membership("learner")
    code = _code_from(post_form(client, f"/staff/members/{membership.id}/reset-code", {}, page="/"))
    auth.sign_out()
    response = post_form(
        client,
        "/reset",
        {"username": "learner", "code": code, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    return code


def test_the_reset_notice_shows_at_every_sign_in_until_answered(client, auth, world):
    _reset_learner(client, auth, world)
    for _ in range(2):
        response = auth.sign_in("learner", NEW_PASSWORD)
        assert response.location.endswith("/account/was-it-you")
        page = client.get("/account/was-it-you").get_data(as_text=True)
        assert "Your password was reset with a code from staff on" in page
        auth.sign_out()
    auth.sign_in("learner", NEW_PASSWORD)
    response = post_form(client, "/account/was-it-you", {"answer": "me"})
    assert response.status_code == 302
    auth.sign_out()
    assert auth.sign_in("learner", NEW_PASSWORD).location.endswith("/")
    assert "Your password was reset" not in client.get("/").get_data(as_text=True)


def test_not_me_signs_out_everywhere_and_tells_every_organisation(client, app, auth, world, runner):
    learner = world.users["learner"]
    db.session.add(
        Membership(user_id=learner.id, organisation_id=world.other_org.id, role="learner")
    )
    db.session.commit()
    # No organisation may reset a member of two; the platform administrator can.
    result = runner.invoke(
        args=["pathways", "reset-password", "learner", "--password", NEW_PASSWORD]
    )
    assert result.exit_code == 0, result.output

    other_device = app.test_client()
    post_form(other_device, "/sign-in", {"username": "learner", "password": NEW_PASSWORD})
    assert other_device.get("/account").status_code == 200

    auth.sign_in("learner", NEW_PASSWORD)
    response = post_form(client, "/account/was-it-you", {"answer": "not_me"})
    assert response.status_code == 200
    assert "signed out on every device" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    assert other_device.get("/account").status_code == 302

    for org in (world.org, world.other_org):
        events = db.session.scalars(
            db.select(AuditEvent).where(
                AuditEvent.organisation_id == org.id,
                AuditEvent.action == "reset_reported_not_me",
            )
        ).all()
        assert len(events) == 1 and events[0].subject_user_id == learner.id
    from lms.notifications.models import Notification

    told = {
        n.user_id
        for n in db.session.scalars(
            db.select(Notification).where(Notification.kind == "reset_not_me")
        )
    }
    assert told == {world.users["admin"].id, world.users["other_admin"].id}
    db.session.refresh(learner)
    assert learner.reset_notice_pending is False
