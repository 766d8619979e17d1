"""Staff work: invitations by role, mentors, reset codes, mentor requests, support, settings, audit."""

import re

from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.notifications.models import Notification
from lms.orgs import services
from lms.orgs.models import (
    Invitation,
    Membership,
    MentorChangeRequest,
    Organisation,
    SupportContact,
)

from .conftest import post_form
from .twostep_helpers import enrol, sign_in_with_code


def actions(world):
    return [
        e.action
        for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.organisation_id == world.org.id)
        )
    ]


def test_staff_invite_learners_and_mentors_only(client, auth, world):
    auth.sign_in("staff")
    page = client.get("/staff/invitations").get_data(as_text=True)
    assert 'value="learner"' in page and 'value="mentor"' in page
    assert 'value="admin"' not in page and 'value="staff"' not in page
    forged = post_form(client, "/staff/invitations", {"role": "admin", "days": "7"})
    assert forged.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def test_admin_invites_staff_and_the_code_is_shown_once(client, auth, world):
    auth.sign_in("admin")
    response = post_form(
        client, "/staff/invitations", {"role": "staff", "days": "3", "label": "new hire"}
    )
    page = response.get_data(as_text=True)
    code = re.search(r'code-display">([A-Z0-9-]+)<', page).group(1)
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.role == "staff" and invitation.label == "new hire"
    assert code not in client.get("/staff/invitations").get_data(as_text=True)
    assert invitation.code_hash != code  # only a hash is stored
    assert "invitation_created" in actions(world)


def test_invitation_days_are_checked(client, auth, world):
    auth.sign_in("staff")
    for days in ("0", "61", "-3", "lots"):
        response = post_form(client, "/staff/invitations", {"role": "learner", "days": days})
        assert response.status_code == 400
        assert "Please" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def test_revoke_invitation(client, auth, world):
    invitation, code = services.create_invitation(
        world.org.id, "learner", world.users["staff"].id, 7
    )
    db.session.commit()
    auth.sign_in("staff")
    post_form(client, f"/staff/invitations/{invitation.id}/revoke", {}, page="/staff/invitations")
    assert db.session.get(Invitation, invitation.id).revoked_at is not None
    assert "invitation_revoked" in actions(world)


def test_assign_and_unassign_mentor_notifies_and_audits(client, auth, world):
    auth.sign_in("staff")
    learner2 = world.membership("learner2")
    page = client.get(f"/staff/members/{learner2.id}").get_data(as_text=True)
    assert "No mentor yet." in page
    response = post_form(
        client, f"/staff/members/{learner2.id}", {"mentor_id": world.users["mentor"].id}
    )
    assert response.status_code == 302
    assert services.mentors_of(world.org.id, world.users["learner2"].id)[0].username == "mentor"
    kinds = {n.kind for n in db.session.scalars(db.select(Notification))}
    assert {"mentor_assigned", "learner_assigned"} <= kinds
    post_form(
        client,
        f"/staff/members/{learner2.id}/mentors/{world.users['mentor'].id}/remove",
        {},
        page=f"/staff/members/{learner2.id}",
    )
    assert services.mentors_of(world.org.id, world.users["learner2"].id) == []
    assert {"mentor_assigned", "mentor_unassigned"} <= set(actions(world))


def test_learner_may_have_two_mentors(client, auth, world):
    from .conftest import make_user

    second = make_user("mentor2", world.org, "mentor")
    db.session.commit()
    auth.sign_in("staff")
    learner = world.membership("learner")
    post_form(client, f"/staff/members/{learner.id}", {"mentor_id": second.id})
    names = [u.username for u in services.mentors_of(world.org.id, world.users["learner"].id)]
    assert sorted(names) == ["mentor", "mentor2"]


def test_reset_code_is_issued_and_audited(client, auth, world):
    auth.sign_in("staff")
    learner = world.membership("learner")
    response = post_form(
        client, f"/staff/members/{learner.id}/reset-code", {}, page=f"/staff/members/{learner.id}"
    )
    assert re.search(r'code-display">[A-Z0-9]{4}-', response.get_data(as_text=True))
    assert "reset_code_issued" in actions(world)


def test_learner_asks_for_another_mentor_without_a_reason(client, auth, world):
    auth.sign_in("learner")
    page = client.get("/mentors").get_data(as_text=True)
    assert "Mentor" in page and "do not need to give a reason" in page
    response = post_form(client, "/mentors", {"mentor_id": world.users["mentor"].id})
    assert response.status_code == 302
    request = db.session.scalar(db.select(MentorChangeRequest))
    assert request.mentor_id == world.users["mentor"].id
    staff_notes = db.session.scalars(
        db.select(Notification).where(Notification.kind == "mentor_change_requested")
    ).all()
    assert {n.user_id for n in staff_notes} == {world.users["staff"].id, world.users["admin"].id}
    # A second press does not make a second request.
    post_form(client, "/mentors", {"mentor_id": 0})
    assert db.session.scalar(db.select(db.func.count(MentorChangeRequest.id))) == 1
    auth.sign_out()
    auth.sign_in("staff")
    page = client.get("/staff/mentor-requests").get_data(as_text=True)
    assert "Learner" in page
    post_form(
        client, f"/staff/mentor-requests/{request.id}/resolve", {}, page="/staff/mentor-requests"
    )
    assert db.session.get(MentorChangeRequest, request.id).resolved_at is not None
    assert (
        db.session.scalar(
            db.select(Notification).where(Notification.kind == "mentor_change_resolved")
        ).user_id
        == world.users["learner"].id
    )


def test_forged_mentor_choice_is_refused(client, auth, world):
    auth.sign_in("learner")
    response = post_form(client, "/mentors", {"mentor_id": world.users["other_mentor"].id})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(MentorChangeRequest.id))) == 0


def test_support_contacts_are_edited_by_staff_and_shown_to_members(app, client, auth, world):
    auth.sign_in("staff")
    bad = post_form(client, "/staff/support", {"name": "", "how_to_reach": "x" * 301})
    assert bad.status_code == 400
    assert "Please fill this in." in bad.get_data(as_text=True)
    post_form(
        client,
        "/staff/support",
        {"name": "Night line", "how_to_reach": "Call 555", "hours": "20:00-08:00", "position": "1"},
    )
    contact = db.session.scalar(db.select(SupportContact))
    post_form(
        client,
        f"/staff/support/{contact.id}",
        {
            "name": "Night line",
            "how_to_reach": "Call 556",
            "hours": "",
            "notes": "",
            "position": "1",
        },
    )
    auth.sign_out()
    auth.sign_in("learner")
    page = client.get("/support").get_data(as_text=True)
    assert "Night line" in page and "Call 556" in page
    other = app.test_client()
    post_form(other, "/sign-in", {"username": "other_learner", "password": "correct horse battery"})
    assert "Night line" not in other.get("/support").get_data(as_text=True)


def test_admin_settings_discreet_mode_and_name_clash(client, auth, world):
    auth.sign_in("admin")
    numbers = {"checkin_retention_months": "12", "support_escalation_hours": "48"}
    clash = post_form(client, "/staff/settings", {"name": "other group", **numbers})
    assert "already exists" in clash.get_data(as_text=True)
    post_form(
        client,
        "/staff/settings",
        {"name": "Harbour Group", "is_discreet": "y", "support_intro": "Hi", **numbers},
    )
    assert db.session.get(Organisation, world.org.id).is_discreet is True
    assert "settings_changed" in actions(world)


def test_admin_changes_roles_and_removes_members(client, auth, world):
    auth.sign_in("admin")
    learner2 = world.membership("learner2")
    post_form(
        client,
        f"/staff/members/{learner2.id}/role",
        {"role": "mentor"},
        page=f"/staff/members/{learner2.id}",
    )
    assert db.session.get(Membership, learner2.id).role == "mentor"
    post_form(
        client, f"/staff/members/{learner2.id}/remove", {}, page=f"/staff/members/{learner2.id}"
    )
    assert db.session.get(Membership, learner2.id) is None
    assert {"role_changed", "member_removed"} <= set(actions(world))
    page = client.get("/staff/audit").get_data(as_text=True)
    assert "Role changed" in page and "Member removed" in page


def test_admin_cannot_demote_themselves(client, auth, world):
    auth.sign_in("admin")
    own = world.membership("admin")
    response = post_form(client, f"/staff/members/{own.id}/role", {"role": "learner"}, page="/")
    assert response.status_code == 403
    assert db.session.get(Membership, own.id).role == "admin"


def test_platform_admin_creates_organisations(client, auth, world):
    # Platform administrators always use two-step sign-in.
    platform = world.users["platform"]
    assert sign_in_with_code(client, platform, enrol(platform)).status_code == 302
    clash = post_form(client, "/platform/organisations", {"name": "harbour group"})
    assert "already exists" in clash.get_data(as_text=True)
    response = post_form(client, "/platform/organisations", {"name": "River Collective"})
    page = response.get_data(as_text=True)
    assert "River Collective was added" in page
    organisation = db.session.scalar(
        db.select(Organisation).where(Organisation.name == "River Collective")
    )
    invitation = db.session.scalar(
        db.select(Invitation).where(Invitation.organisation_id == organisation.id)
    )
    assert invitation.role == "admin"
    # The platform administrator is not a member and cannot open members' records.
    assert client.get("/staff/members").status_code == 403


def test_notifications_are_neutral_until_opened(client, auth, world):
    services.assign_mentor(
        world.org.id, world.users["mentor"].id, world.users["learner2"].id, world.users["staff"].id
    )
    db.session.commit()
    auth.sign_in("learner2")
    home = client.get("/").get_data(as_text=True)
    assert 'class="count">1<' in home
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "New message" in inbox and "mentor" not in inbox.split("<main", 1)[1].lower().split(
        "</main>"
    )[0].replace("mentors", "")
    note = db.session.scalar(
        db.select(Notification).where(Notification.user_id == world.users["learner2"].id)
    )
    opened = client.get(f"/notifications/{note.id}").get_data(as_text=True)
    assert "A mentor was added for you" in opened
    assert 'class="count"' not in client.get("/").get_data(as_text=True)
