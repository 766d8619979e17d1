"""Check-ins, sharing, support when things are hard, and roles with their checklists."""

import json
from datetime import timedelta

from lms.access.models import AccessRecord
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.needs.models import Need
from lms.needs.services import escalate_overdue
from lms.notifications.models import Notification
from lms.orgs.models import Membership
from lms.progress.models import CourseCompletion
from lms.readiness.models import CheckIn
from lms.readiness.services import apply_retention
from lms.roles.models import RoleApplication, Vetting
from lms.timeutil import utcnow

from .conftest import post_form

READY = {
    f"item.{i}": "4"
    for i in (
        "safe-place",
        "basic-needs",
        "no-contact",
        "someone-to-call",
        "mentor-contact",
        "want-this",
        "can-stop",
        "hear-others",
        "ask-for-help",
    )
}


def start(client, slug="readiness"):
    response = post_form(client, "/checkins/start", {"slug": slug}, page="/checkins")
    return int(response.location.rsplit("/", 1)[1])


def answer_and_submit(client, checkin_id, answers, keep="y"):
    post_form(client, f"/checkins/{checkin_id}", {**answers, "action": "review"})
    return post_form(
        client,
        f"/checkins/{checkin_id}/submit",
        {"keep_summary": keep},
        page=f"/checkins/{checkin_id}/review",
    )


def kinds(user):
    return [
        n.kind
        for n in db.session.scalars(db.select(Notification).where(Notification.user_id == user.id))
    ]


def test_checkin_draft_is_kept_and_resumed(client, auth, world, synced):
    auth.sign_in("learner")
    checkin_id = start(client)
    saved = post_form(client, f"/checkins/{checkin_id}", {"item.safe-place": "3", "action": "save"})
    assert saved.location == "/checkins"
    auth.sign_out()
    auth.sign_in("learner")  # a sign-out loses nothing: drafts live on the server
    page = client.get(f"/checkins/{checkin_id}").get_data(as_text=True)
    assert (
        'checked id="item.safe-place-3"' in page
        or 'id="item.safe-place-3" name="item.safe-place" type="radio" value="3" checked' in page
    )
    assert db.session.get(CheckIn, checkin_id).answers == {"safe-place": 3}


def test_review_then_result_is_explained_area_by_area(client, auth, world, synced):
    auth.sign_in("learner")
    checkin_id = start(client)
    post_form(
        client,
        f"/checkins/{checkin_id}",
        {
            "item.safe-place": "4",
            "item.someone-to-call": "1",
            "item.want-this": "prefer_not",
            "action": "review",
        },
    )
    review = client.get(f"/checkins/{checkin_id}/review").get_data(as_text=True)
    assert (
        "Check your answers" in review and "I prefer not to say" in review and "Skipped" in review
    )
    assert "Who will see this?" in review and "Mentor" in review
    response = post_form(
        client,
        f"/checkins/{checkin_id}/submit",
        {"keep_summary": "y"},
        page=f"/checkins/{checkin_id}/review",
    )
    result = client.get(response.location).get_data(as_text=True)
    assert (
        "You feel ready" in result
        and "Talk with your mentor first" in result
        and "No answer" in result
    )
    assert "score" not in result.lower().split("<main")[1]  # never one score on the person


def test_out_of_range_and_forged_items_are_refused(client, auth, world, synced):
    auth.sign_in("learner")
    checkin_id = start(client)
    bad = post_form(
        client,
        f"/checkins/{checkin_id}",
        {"item.safe-place": "9", "item.ghost": "3", "action": "save"},
    )
    assert bad.status_code == 400 and "Please choose one of the answers shown." in bad.get_data(
        as_text=True
    )
    assert db.session.get(CheckIn, checkin_id).answers == {}
    auth.sign_out()
    auth.sign_in("learner2")
    assert client.get(f"/checkins/{checkin_id}").status_code == 404


def test_checkin_file_edited_mid_way_keeps_what_fits(client, auth, world, synced):
    auth.sign_in("learner")
    checkin_id = start(client)
    checkin = db.session.get(CheckIn, checkin_id)
    checkin.answers = {"safe-place": 4, "removed-item": 2}
    db.session.commit()
    page = client.get(f"/checkins/{checkin_id}").get_data(as_text=True)
    assert "Answers to questions that changed were set aside" in page
    post_form(client, f"/checkins/{checkin_id}/submit", {}, page=f"/checkins/{checkin_id}/review")
    assert db.session.get(CheckIn, checkin_id).answers == {"safe-place": 4}


def test_who5_full_partial_and_low(client, auth, world, synced):
    auth.sign_in("learner")
    full = start(client, "who5")
    answer_and_submit(
        client,
        full,
        {f"item.{i}": "4" for i in ("cheerful", "calm", "active", "rested", "interest")},
    )
    page = client.get(f"/checkins/{full}/result").get_data(as_text=True)
    # Explained in words, never as a single score on the person (content guide).
    assert "felt well much of the time" in page
    main = page.split("<main", 1)[1].split("</main>")[0]
    assert "25" not in main and "score" not in main.lower()
    partial = start(client, "who5")
    answer_and_submit(client, partial, {"item.cheerful": "1", "item.calm": "prefer_not"})
    assert "No score was made" in client.get(f"/checkins/{partial}/result").get_data(as_text=True)
    low = start(client, "who5")
    response = answer_and_submit(
        client,
        low,
        {f"item.{i}": "1" for i in ("cheerful", "calm", "active", "rested", "interest")},
    )
    assert response.location == f"/checkins/{low}/support"
    page = client.get(f"/checkins/{low}/result").get_data(as_text=True)
    assert "the last two weeks have been heavy" in page and "of 25" not in page
    # Learning stays open: nothing is locked after a hard check-in.
    assert client.get("/learn/sample-rights/first-steps").status_code == 200
    assert client.get("/learn/sample-rights/quizzes/check").status_code == 200


def test_distress_path_with_opt_in_mentor_alert_and_escalation(client, auth, world, synced):
    auth.sign_in("learner")
    checkin_id = start(client)
    response = answer_and_submit(client, checkin_id, {"item.safe-place": "0"})
    page = client.get(response.location).get_data(as_text=True)
    assert "Thank you for telling us" in page and "Yes, let my mentor know" in page
    assert db.session.scalar(db.select(Need)) is None  # nothing automatic
    post_form(client, f"/checkins/{checkin_id}/tell-my-mentor", {}, page=response.location)
    request = db.session.scalar(db.select(Need))
    assert request.user_id == world.users["learner"].id
    assert "support_requested" in kinds(world.users["mentor"])
    assert "support_escalated" not in kinds(world.users["staff"])
    request.created_at = utcnow() - timedelta(hours=49)
    db.session.commit()
    assert escalate_overdue() == 1
    db.session.commit()
    assert "support_escalated" in kinds(world.users["staff"])
    assert escalate_overdue() == 0  # once only


def test_sharing_is_deny_by_default_and_switching_off_hides_at_once(
    app, client, auth, world, synced
):
    auth.sign_in("learner")
    answer_and_submit(client, start(client), READY)
    mentor = app.test_client()
    post_form(mentor, "/sign-in", {"username": "mentor", "password": "correct horse battery"})
    learner_id = world.users["learner"].id
    page = mentor.get(f"/mentoring/{learner_id}").get_data(as_text=True)
    assert (
        "Check-ins" in page
        and page.split("Check-ins", 1)[1].split("Roles")[0].count("Not shared") == 1
    )
    mentor_id = world.users["mentor"].id
    post_form(client, "/sharing", {f"progress_{mentor_id}": "y", f"summaries_{mentor_id}": "y"})
    page = mentor.get(f"/mentoring/{learner_id}").get_data(as_text=True)
    assert "feels ready" in page and "Answers" not in page
    records = db.session.scalars(
        db.select(AccessRecord).where(AccessRecord.subject_user_id == learner_id)
    ).all()
    # Two looks: learning progress each time (shared by default), the check-in summary only
    # once it was shared; one record per kind and look.
    assert sorted(r.what for r in records) == ["checkin_summary", "progress", "progress"]
    sharing = client.get("/sharing").get_data(as_text=True)
    assert "a check-in summary" in sharing and "Mentor" in sharing
    post_form(client, "/sharing", {f"progress_{mentor_id}": "y"})  # summaries switched off
    page = mentor.get(f"/mentoring/{learner_id}").get_data(as_text=True)
    assert "feels ready" not in page


def test_only_the_assigned_mentor_sees_a_learner(app, client, auth, world, synced):
    auth.sign_in("staff")
    assert client.get(f"/mentoring/{world.users['learner'].id}").status_code == 404
    auth.sign_out()
    auth.sign_in("mentor")
    assert client.get(f"/mentoring/{world.users['learner2'].id}").status_code == 404


def complete_sample_course(client):
    for lesson in ("first-steps", "hard-topic", "last-lesson"):
        post_form(
            client,
            f"/learn/sample-rights/{lesson}/progress",
            {"event": "finished"},
            page=f"/learn/sample-rights/{lesson}?read=1",
        )


def test_peer_supporter_journey_to_active(app, client, auth, world, synced):
    auth.sign_in("learner")
    page = client.get("/roles/peer-supporter").get_data(as_text=True)
    assert "Finish the course" in page and "A check-in in the last 90 days" in page
    post_form(client, "/roles/peer-supporter/interest", {}, page="/roles/peer-supporter")
    complete_sample_course(client)
    answer_and_submit(
        client,
        start(client),
        {"item.safe-place": "4", "item.someone-to-call": "4", "item.want-this": "2"},
    )
    page = client.get("/roles/peer-supporter").get_data(as_text=True)
    assert "some areas to talk about first: your choice" in page
    post_form(client, "/roles/peer-supporter/ask-mentor", {}, page="/roles/peer-supporter")
    post_form(client, "/roles/adult", {}, page="/roles")
    assert "role_conversation_requested" in kinds(world.users["mentor"])

    mentor = app.test_client()
    post_form(mentor, "/sign-in", {"username": "mentor", "password": "correct horse battery"})
    learner_id = world.users["learner"].id
    bad = post_form(
        mentor,
        f"/mentoring/{learner_id}/roles/peer-supporter/conversation",
        {"outcome": "maybe"},
        page=f"/mentoring/{learner_id}",
    )
    assert bad.status_code == 400 and "Please choose what you agreed." in bad.get_data(as_text=True)
    post_form(
        mentor,
        f"/mentoring/{learner_id}/roles/peer-supporter/conversation",
        {"outcome": "endorse", "agreed_domains": ["choice"], "conditions": "Monthly talk"},
        page=f"/mentoring/{learner_id}",
    )
    page = client.get("/roles/peer-supporter").get_data(as_text=True)
    assert "Every step is done" in page and "Monthly talk" in page

    staff = app.test_client()
    post_form(staff, "/sign-in", {"username": "staff", "password": "correct horse battery"})
    application = db.session.scalar(db.select(RoleApplication))
    post_form(
        staff,
        f"/staff/roles/applications/{application.id}/confirm",
        {},
        page=f"/staff/roles/applications/{application.id}",
    )
    application = db.session.get(RoleApplication, application.id)
    assert application.status == "active"
    assert application.review_at.date() == (utcnow() + timedelta(days=180)).date()
    assert application.confirmed_by_id == world.users["staff"].id
    # One writer: the confirmation is audited and the member is told.
    [event] = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "role_confirmed")
    ).all()
    assert event.object_id == application.id and event.subject_user_id == application.user_id
    assert "role_confirmed" in kinds(world.users["learner"])
    [talk] = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "role_conversation_recorded")
    ).all()
    assert talk.actor_id == world.users["mentor"].id


def test_not_yet_and_second_mentor(app, client, auth, world, synced):
    auth.sign_in("learner")
    post_form(client, "/roles/peer-supporter/interest", {}, page="/roles/peer-supporter")
    mentor = app.test_client()
    post_form(mentor, "/sign-in", {"username": "mentor", "password": "correct horse battery"})
    learner_id = world.users["learner"].id
    post_form(
        mentor,
        f"/mentoring/{learner_id}/roles/peer-supporter/conversation",
        {"outcome": "not_yet", "what_would_help": "Finish the course first"},
        page=f"/mentoring/{learner_id}",
    )
    page = client.get("/roles/peer-supporter").get_data(as_text=True)
    assert "Finish the course first" in page and "Ask for a second mentor" in page
    post_form(client, "/roles/peer-supporter/second-mentor", {}, page="/roles/peer-supporter")
    assert "second_mentor_requested" in kinds(world.users["staff"])
    assert db.session.scalar(db.select(RoleApplication)).second_opinion_requested_at is not None


def test_operational_role_needs_vetting_and_cannot_be_confirmed_early(
    app, client, auth, world, synced
):
    auth.sign_in("learner")
    post_form(client, "/roles/rescue-volunteer/interest", {}, page="/roles/rescue-volunteer")
    application = db.session.scalar(db.select(RoleApplication))
    staff = app.test_client()
    post_form(staff, "/sign-in", {"username": "staff", "password": "correct horse battery"})
    early = post_form(
        staff,
        f"/staff/roles/applications/{application.id}/confirm",
        {},
        page=f"/staff/roles/applications/{application.id}",
    )
    assert (
        early.status_code == 302
        and db.session.get(RoleApplication, application.id).status == "interested"
    )
    page = staff.get(f"/staff/roles/applications/{application.id}").get_data(as_text=True)
    assert "Check-in answers are never shown to staff" in page
    post_form(
        staff,
        f"/staff/roles/applications/{application.id}",
        {
            "identity_checked": "y",
            "references_checked": "y",
            "interview_done": "y",
            "adult_confirmed": "y",
        },
    )
    assert db.session.scalar(db.select(Vetting)).complete


def test_pause_and_resume_without_a_reason(app, client, auth, world, synced):
    auth.sign_in("learner")
    post_form(client, "/roles/peer-supporter/interest", {}, page="/roles/peer-supporter")
    post_form(client, "/engagement/pause", {}, page="/roles")
    membership = db.session.scalar(
        db.select(Membership).where(Membership.user_id == world.users["learner"].id)
    )
    assert membership.engagement_paused_at is not None
    staff = app.test_client()
    post_form(staff, "/sign-in", {"username": "staff", "password": "correct horse battery"})
    assert "Paused" in staff.get("/staff/roles/applications").get_data(as_text=True)
    post_form(client, "/engagement/resume", {}, page="/roles")
    assert db.session.get(Membership, membership.id).engagement_paused_at is None
    assert "Paused" not in staff.get("/staff/roles/applications").get_data(as_text=True)


def test_disabled_roles_disappear_for_members(client, auth, world, synced):
    auth.sign_in("admin")
    post_form(client, "/staff/roles", {"slug": "rescue-volunteer", "review_months": "6"})
    auth.sign_out()
    auth.sign_in("learner")
    assert "Frontline rescue volunteer" not in client.get("/roles").get_data(as_text=True)
    assert client.get("/roles/rescue-volunteer").status_code == 404


def test_retention_removes_old_answers_keeps_chosen_summaries(client, auth, world, synced):
    auth.sign_in("learner")
    kept = start(client)
    answer_and_submit(client, kept, READY, keep="y")
    gone = start(client)
    answer_and_submit(client, gone, READY, keep="n")
    for checkin_id in (kept, gone):
        db.session.get(CheckIn, checkin_id).submitted_at = utcnow() - timedelta(days=400)
    db.session.commit()
    assert apply_retention() == 2
    db.session.commit()
    assert (
        db.session.get(CheckIn, kept).answers is None
        and db.session.get(CheckIn, kept).domain_results
    )
    assert db.session.get(CheckIn, gone) is None


def test_checkins_never_gate_learning(client, auth, world, synced):
    auth.sign_in("learner")
    answer_and_submit(client, start(client), {"item.safe-place": "0"})
    complete_sample_course(client)
    assert db.session.scalar(db.select(CourseCompletion)) is not None


def test_staff_add_a_course_requirement_and_set_retention(client, auth, world, synced):
    auth.sign_in("staff")
    page = client.get("/staff/roles").get_data(as_text=True)
    assert "Also require this course" in page
    post_form(
        client,
        "/staff/roles/peer-supporter/requirements",
        {"course": "sample-english"},
        page="/staff/roles",
    )
    auth.sign_out()
    auth.sign_in("learner")
    assert "Sample English course" in client.get("/roles/peer-supporter").get_data(as_text=True)
    auth.sign_out()
    auth.sign_in("admin")
    bad = post_form(
        client,
        "/staff/settings",
        {
            "name": "Harbour Group",
            "checkin_retention_months": "0",
            "support_escalation_hours": "48",
        },
    )
    assert "Please choose between 1 and 60 months." in bad.get_data(as_text=True)
    post_form(
        client,
        "/staff/settings",
        {
            "name": "Harbour Group",
            "checkin_retention_months": "6",
            "support_escalation_hours": "24",
        },
    )
    db.session.refresh(world.org)
    assert (world.org.checkin_retention_months, world.org.support_escalation_hours) == (6, 24)


def test_mentor_sees_wellbeing_and_answers_in_words(app, client, auth, world, synced):
    auth.sign_in("learner")
    answer_and_submit(
        client,
        start(client, "who5"),
        {f"item.{i}": "0" for i in ("cheerful", "calm", "active", "rested", "interest")},
    )
    answer_and_submit(client, start(client), {"item.safe-place": "4", "item.rest": "1"})
    mentor_id = world.users["mentor"].id
    post_form(client, "/sharing", {f"summaries_{mentor_id}": "y", f"answers_{mentor_id}": "y"})
    mentor = app.test_client()
    post_form(mentor, "/sign-in", {"username": "mentor", "password": "correct horse battery"})
    page = mentor.get(f"/mentoring/{world.users['learner'].id}").get_data(as_text=True)
    assert "of 25" not in page and "Wellbeing score" not in page
    assert "the last two weeks have been heavy" in page
    # The question and the answer's words, never raw ids.
    assert "safe-place" not in page and "I have a safe place to stay now." in page
    assert "Completely" in page and "A little" in page
    # In the mentor's language.
    world.users["mentor"].locale = "zh_Hans"
    db.session.commit()
    page = mentor.get(f"/mentoring/{world.users['learner'].id}").get_data(as_text=True)
    assert "我现在有一个安全的住处。" in page and "完全是" in page


def test_export_names_viewers_and_says_what_i_share(app, client, auth, world, synced):
    auth.sign_in("learner")
    mentor_id = world.users["mentor"].id
    post_form(client, "/sharing", {f"progress_{mentor_id}": "y", f"summaries_{mentor_id}": "y"})
    answer_and_submit(client, start(client), READY)
    mentor = app.test_client()
    post_form(mentor, "/sign-in", {"username": "mentor", "password": "correct horse battery"})
    assert mentor.get(f"/mentoring/{world.users['learner'].id}").status_code == 200
    text = client.get("/account/export").get_data(as_text=True)
    data = json.loads(text)
    seen = data["who_has_seen_my_information"]
    # Each viewer by name and role, each kind in words; no bare numbers to decode.
    assert {r["who"] for r in seen} == {"Mentor (mentor)"}
    assert {r["what"] for r in seen} == {"your learning progress", "a check-in summary"}
    assert all("viewer_id" not in r for r in seen)
    assert data["what_i_share_with_my_mentors"] == [
        {
            "mentor": "Mentor (mentor)",
            "organisation": "Harbour Group",
            "shared": ["your learning progress", "summaries of your check-ins"],
            "not_shared": ["your check-in answers"],
        }
    ]
