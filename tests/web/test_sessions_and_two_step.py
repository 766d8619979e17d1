"""Sessions that end on the server, and two-step sign-in with an authenticator app."""

import re

import pyotp

from lms.accounts.models import RecoveryCode, UserSession
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.timeutil import utcnow

from .conftest import PASSWORD, post_form
from .twostep_helpers import enrol, fresh_code, sign_in_with_code

COOKIE = "pathways_session"


def _copy_cookie(client, app):
    """Return a second client holding a copy of the first one's session cookie."""
    copy = app.test_client()
    copy.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return copy


def test_a_copied_cookie_is_dead_after_sign_out(client, app, auth, world):
    auth.sign_in("learner")
    copy = _copy_cookie(client, app)
    assert copy.get("/account").status_code == 200  # the copy works while signed in
    auth.sign_out()
    assert client.get("/account").status_code == 302
    response = copy.get("/account")
    assert response.status_code == 302 and "/sign-in" in response.location
    assert db.session.scalar(db.select(db.func.count(UserSession.id))) == 0


def test_a_copied_cookie_is_dead_after_the_quick_exit(client, app, auth, world):
    auth.sign_in("learner")
    copy = _copy_cookie(client, app)
    assert copy.get("/account").status_code == 200
    assert client.get("/exit").status_code == 302
    response = copy.get("/account")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_a_new_member_stays_signed_in_after_joining(client, world):
    from lms.orgs import services

    _, code = services.create_invitation(world.org.id, "learner", world.users["staff"].id, 7)
    db.session.commit()
    response = post_form(
        client,
        "/join/account",
        {
            "code": code,
            "username": "lin",
            "display_name": "Lin",
            "password": "lantern harbour evening",
            "confirm": "lantern harbour evening",
            "locale": "en",
        },
        page=f"/join?code={code}",
    )
    assert response.status_code == 302
    # The tests share one database session across requests; a real server does not, so
    # whatever the request left uncommitted is dropped here, as it would be there.
    db.session.rollback()
    assert client.get("/account").status_code == 200


def test_an_expired_session_record_signs_out(client, auth, world):
    auth.sign_in("learner")
    record = db.session.scalar(db.select(UserSession))
    record.expires_at = utcnow()
    db.session.commit()
    assert client.get("/account").status_code == 302


def test_the_daily_job_removes_ended_session_records(client, app, auth, world, runner):
    auth.sign_in("learner")
    post_form(app.test_client(), "/sign-in", {"username": "mentor", "password": PASSWORD})
    first = db.session.scalars(db.select(UserSession)).first()
    first.expires_at = utcnow()
    db.session.commit()
    result = runner.invoke(args=["pathways", "daily"])
    assert result.exit_code == 0, result.output
    assert "1 ended session record(s) removed." in result.output
    assert db.session.scalar(db.select(db.func.count(UserSession.id))) == 1


def test_sign_out_everywhere_deletes_every_record(client, app, auth, world):
    other = app.test_client()
    post_form(other, "/sign-in", {"username": "learner", "password": PASSWORD})
    auth.sign_in("learner")
    assert db.session.scalar(db.select(db.func.count(UserSession.id))) == 2
    post_form(client, "/account/sign-out-everywhere", {}, page="/account")
    assert db.session.scalar(db.select(db.func.count(UserSession.id))) == 0
    assert other.get("/account").status_code == 302


def test_session_records_keep_little(client, auth, world):
    auth.sign_in("learner")
    record = db.session.scalar(db.select(UserSession))
    assert record.created_at.minute == 0 and record.last_seen_at.second == 0
    assert len(record.token_hash) == 64
    assert record.token_hash not in client.get_cookie(COOKIE).value


def test_the_session_record_is_touched_hourly_and_ends_when_it_expires(client, auth, world):
    """The member's query reads the record's times as columns (lms.frame); an hour-old
    last-seen hour is moved on by one UPDATE, and an expired record signs the browser out."""
    from datetime import timedelta

    auth.sign_in("learner")
    record = db.session.scalar(db.select(UserSession))
    record.last_seen_at = record.last_seen_at - timedelta(hours=3)
    db.session.commit()
    assert client.get("/account").status_code == 200
    db.session.expire_all()
    touched = db.session.scalar(db.select(UserSession.last_seen_at))
    assert touched.minute == 0 and utcnow() - touched < timedelta(hours=1)
    assert client.get("/account").status_code == 200  # touched once, then simply read

    record = db.session.scalar(db.select(UserSession))
    record.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/account").status_code == 302


def _enrol_through_the_pages(client):
    page = client.get("/account/two-step/setup").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    key = re.search(r'id="two-step-key">([^<]+)<', page).group(1).replace(" ", "")
    wrong = post_form(client, "/account/two-step/setup", {"code": "000000", "password": PASSWORD})
    assert wrong.status_code == 400 and "This code is not right" in wrong.get_data(as_text=True)
    # The password is asked again: an unattended session alone cannot lock the owner out.
    no_password = post_form(
        client, "/account/two-step/setup", {"code": pyotp.TOTP(key).now(), "password": "guess"}
    )
    assert no_password.status_code == 400
    assert "This is not your password" in no_password.get_data(as_text=True)
    done = post_form(
        client, "/account/two-step/setup", {"code": pyotp.TOTP(key).now(), "password": PASSWORD}
    )
    assert done.status_code == 200
    codes = re.findall(r'<li class="code-display">([^<]+)</li>', done.get_data(as_text=True))
    return key, codes


def test_a_learner_enrols_and_then_needs_a_code(client, auth, world):
    learner = world.users["learner"]
    auth.sign_in("learner")
    key, codes = _enrol_through_the_pages(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    db.session.refresh(learner)
    # Stored encrypted, never in clear; recovery codes only as hashes.
    assert learner.totp_enabled_at is not None and key not in learner.totp_secret
    hashes = db.session.scalars(db.select(RecoveryCode.code_hash)).all()
    assert len(hashes) == 10 and not set(codes) & set(hashes)
    # The key is never shown again after enrolment.
    assert key not in client.get("/account/two-step/setup", follow_redirects=True).get_data(
        as_text=True
    )
    auth.sign_out()

    response = auth.sign_in("learner")
    assert response.location.endswith("/sign-in/code")
    assert client.get("/account").status_code == 302  # not signed in with a password alone
    wrong = post_form(client, "/sign-in/code", {"code": "123456"})
    assert wrong.status_code == 400
    assert (
        post_form(client, "/sign-in/code", {"code": fresh_code(learner.id, key)}).status_code == 302
    )
    assert client.get("/account").status_code == 200


def test_a_code_works_once(client, auth, world):
    learner = world.users["learner"]
    secret = enrol(learner)
    code = fresh_code(learner.id, secret)
    post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert post_form(client, "/sign-in/code", {"code": code}).status_code == 302
    auth.sign_out()
    post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert post_form(client, "/sign-in/code", {"code": code}).status_code == 400


def test_a_recovery_code_works_once(client, auth, world):
    learner = world.users["learner"]
    auth.sign_in("learner")
    _, codes = _enrol_through_the_pages(client)
    auth.sign_out()
    post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert post_form(client, "/sign-in/code", {"code": codes[0].lower()}).status_code == 302
    auth.sign_out()
    post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert post_form(client, "/sign-in/code", {"code": codes[0]}).status_code == 400
    assert learner.id


def test_code_attempts_are_rate_limited_per_account(client, app, auth, world):
    learner = world.users["learner"]
    secret = enrol(learner)
    post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    for _ in range(5):
        assert post_form(client, "/sign-in/code", {"code": "111111"}).status_code == 400
    limited = post_form(client, "/sign-in/code", {"code": fresh_code(learner.id, secret)})
    assert limited.status_code == 429
    assert "Please wait a minute" in limited.get_data(as_text=True)
    # From another browser (another address, even) the same account is still limited.
    other = app.test_client()
    post_form(other, "/sign-in", {"username": "learner", "password": PASSWORD})
    assert (
        post_form(other, "/sign-in/code", {"code": fresh_code(learner.id, secret)}).status_code
        == 429
    )


def test_the_code_page_without_a_password_first_leads_to_sign_in(client, world):
    response = client.get("/sign-in/code")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_a_member_may_turn_it_off_with_their_password(client, auth, world):
    learner = world.users["learner"]
    secret = enrol(learner)
    sign_in_with_code(client, learner, secret)
    wrong = post_form(client, "/account/two-step/off", {"password": "not it at all"})
    assert wrong.status_code == 400
    assert post_form(client, "/account/two-step/off", {"password": PASSWORD}).status_code == 302
    db.session.refresh(learner)
    assert learner.totp_secret is None and learner.totp_enabled_at is None


def test_new_recovery_codes_replace_the_old(client, auth, world):
    learner = world.users["learner"]
    auth.sign_in("learner")
    _, old = _enrol_through_the_pages(client)
    response = post_form(client, "/account/two-step/recovery-codes", {"password": PASSWORD})
    new = re.findall(r'<li class="code-display">([^<]+)</li>', response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    assert (
        db.session.scalar(
            db.select(db.func.count(RecoveryCode.id)).where(RecoveryCode.user_id == learner.id)
        )
        == 10
    )


def test_an_organisation_can_require_it_for_staff(client, auth, world):
    world.org.require_two_step = True
    db.session.commit()
    response = auth.sign_in("staff")
    assert response.status_code == 302
    # Every page leads to enrolment until it is done; the ways out stay open.
    response = client.get("/staff/members")
    assert response.status_code == 302 and response.location.endswith("/account/two-step/setup")
    assert client.get("/account/two-step/setup").status_code == 200
    # Learners of the same organisation are not asked.
    post_form(client, "/sign-out", {}, page="/account/two-step/setup")
    auth.sign_in("learner")
    assert client.get("/account").status_code == 200
    # Staff cannot turn it off while it is required.
    auth.sign_out()
    staff = world.users["staff"]
    sign_in_with_code(client, staff, enrol(staff))
    assert client.get("/account/two-step/off").location.endswith("/account/two-step")
    assert (
        post_form(
            client, "/account/two-step/off", {"password": PASSWORD}, page="/account"
        ).status_code
        == 302
    )
    db.session.refresh(staff)
    assert staff.totp_enabled_at is not None


def test_the_setting_is_saved_by_admins(client, auth, world):
    auth.sign_in("admin")
    response = post_form(
        client,
        "/staff/settings",
        {
            "name": "Harbour Group",
            "require_two_step": "y",
            "checkin_retention_months": 12,
            "support_escalation_hours": 48,
        },
    )
    assert response.status_code == 302
    db.session.refresh(world.org)
    assert world.org.require_two_step is True


def test_platform_administrators_always_enrol(client, auth, world):
    auth.sign_in("platform")
    response = client.get("/platform/organisations")
    assert response.status_code == 302 and response.location.endswith("/account/two-step/setup")


def test_an_admin_clears_a_lost_phone_audited_under_the_reset_rule(client, app, auth, world):
    learner = world.users["learner"]
    secret = enrol(learner)
    phone = app.test_client()
    sign_in_with_code(phone, learner, secret)
    membership = world.membership("learner")
    # Staff may not (admins only); another organisation's admin does not even see the member.
    auth.sign_in("staff")
    assert (
        post_form(
            client, f"/staff/members/{membership.id}/two-step/clear", {}, page="/"
        ).status_code
        == 403
    )
    auth.sign_out()
    auth.sign_in("admin")
    page = client.get(f"/staff/members/{membership.id}").get_data(as_text=True)
    assert "Turn off two-step sign-in for this member" in page
    response = post_form(client, f"/staff/members/{membership.id}/two-step/clear", {}, page="/")
    assert response.status_code == 302
    db.session.refresh(learner)
    assert learner.totp_enabled_at is None and learner.totp_secret is None
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "two_step_cleared"))
    assert event.organisation_id == world.org.id and event.subject_user_id == learner.id
    assert phone.get("/account").status_code == 302  # the lost phone's session ended too


def test_clearing_is_refused_for_a_member_of_two_organisations(client, auth, world):
    from lms.orgs.models import Membership

    learner = world.users["learner"]
    enrol(learner)
    db.session.add(Membership(user_id=learner.id, organisation_id=world.other_org.id, role="staff"))
    db.session.commit()
    auth.sign_in("admin")
    membership = world.membership("learner")
    response = post_form(client, f"/staff/members/{membership.id}/two-step/clear", {}, page="/")
    assert response.status_code == 403
    assert "administrator of the platform" in response.get_data(as_text=True)
    db.session.refresh(learner)
    assert learner.totp_enabled_at is not None


def test_a_reset_code_does_not_remove_two_step(client, auth, world):
    """A reset code changes the password only: whoever uses it still needs the phone."""
    learner = world.users["learner"]
    enrol(learner)
    auth.sign_in("staff")
    membership = world.membership("learner")
    page = post_form(client, f"/staff/members/{membership.id}/reset-code", {}, page="/")
    code = re.search(r'class="code-display">([^<]+)<', page.get_data(as_text=True)).group(1)
    auth.sign_out()
    new = "lantern harbour evening"
    post_form(
        client, "/reset", {"username": "learner", "code": code, "password": new, "confirm": new}
    )
    response = post_form(client, "/sign-in", {"username": "learner", "password": new})
    assert response.location.endswith("/sign-in/code")
