"""Needs and requests: a learner states a need; mentors and staff answer, refer (sharing only
what the learner agreed) and ask to close; the learner closes; unanswered needs reach staff."""

import json
from datetime import timedelta

import pytest

from lms.accounts.services import delete_account
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.needs.models import Need, NeedReply
from lms.needs.services import escalate_overdue
from lms.notifications.models import Notification
from lms.orgs.models import MentorAssignment
from lms.timeutil import utcnow

from .conftest import PASSWORD, make_user, post_form


def signed_in(app, username):
    """A separate browser, signed in as `username`."""
    browser = app.test_client()
    response = post_form(browser, "/sign-in", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def text(response) -> str:
    return response.get_data(as_text=True)


def kinds(user) -> list[str]:
    return db.session.scalars(
        db.select(Notification.kind).where(Notification.user_id == user.id)
    ).all()


def audit(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def make_need(world, learner="learner", **values):
    need = Need(
        organisation_id=values.pop("organisation_id", world.org.id),
        user_id=world.users[learner].id,
        kind=values.pop("kind", "legal_advice"),
        urgency=values.pop("urgency", "soon"),
        details=values.pop("details", "PRIVATE DETAILS about my case"),
        **values,
    )
    db.session.add(need)
    db.session.commit()
    return need


# Stating a need


def test_learner_states_a_need_and_their_mentor_hears(app, client, auth, world):
    auth.sign_in("learner")
    page = text(client.get("/needs"))
    assert "Tell us what you need" in page
    assert "Write only what you are comfortable sharing" in page
    assert "English tutoring" in page and "In the next few days" in page
    response = post_form(
        client,
        "/needs",
        {
            "kind": "english_tutoring",
            "urgency": "soon",
            "details": "I want to practise speaking\nfor interviews",
        },
    )
    need = db.session.scalar(db.select(Need))
    assert response.status_code == 302 and response.location == f"/needs/{need.id}"
    assert (need.kind, need.urgency, need.status) == ("english_tutoring", "soon", "open")
    assert need.details == "I want to practise speaking\nfor interviews"
    assert not need.share_with_services and need.shareable_summary is None
    assert need.escalated_at is None  # a mentor is there, so staff are not told yet
    assert "need_added" in kinds(world.users["mentor"])
    assert "need_for_staff" not in kinds(world.users["staff"])
    page = text(client.get(response.location))
    assert "English tutoring" in page and "I want to practise speaking" in page
    assert "Nothing you wrote is shared outside Pathways." in page
    assert "Close this need" in page
    listing = text(client.get("/needs"))
    assert f'href="/needs/{need.id}"' in listing and "Waiting for an answer" in listing


def test_a_need_without_a_mentor_goes_to_staff_at_once(client, auth, world):
    auth.sign_in("learner2")
    post_form(client, "/needs", {"kind": "housing", "urgency": "today"})
    need = db.session.scalar(db.select(Need))
    assert need.escalated_at is not None
    assert "need_for_staff" in kinds(world.users["staff"])
    assert "need_for_staff" in kinds(world.users["admin"])
    assert "need_for_staff" not in kinds(world.users["other_staff"])


def test_the_summary_is_kept_only_when_the_learner_agrees_to_share(client, auth, world):
    auth.sign_in("learner")
    post_form(
        client,
        "/needs",
        {"kind": "legal_advice", "urgency": "no_rush", "shareable_summary": "Not ticked"},
    )
    post_form(
        client,
        "/needs",
        {
            "kind": "legal_advice",
            "urgency": "no_rush",
            "share_with_services": "y",
            "shareable_summary": "A question about a work visa",
        },
    )
    first, second = db.session.scalars(db.select(Need).order_by(Need.id))
    assert (first.share_with_services, first.shareable_summary) == (False, None)
    assert (second.share_with_services, second.shareable_summary) == (
        True,
        "A question about a work visa",
    )
    page = text(client.get(f"/needs/{second.id}"))
    assert "Your mentor may share only this summary:" in page
    assert "A question about a work visa" in page


@pytest.mark.parametrize(
    ("body", "field_id", "message"),
    [
        ({"urgency": "soon"}, "kind", "Please choose what you need."),
        ({"kind": "made_up", "urgency": "soon"}, "kind", "Please choose one of the answers"),
        ({"kind": "housing", "urgency": "yesterday"}, "urgency", "Please choose one of the"),
        (
            {"kind": "housing", "urgency": "soon", "details": "x" * 1001},
            "details",
            "Please use 1000 characters or fewer.",
        ),
        (
            {"kind": "housing", "urgency": "soon", "share_with_services": "y"},
            "shareable_summary",
            "Please write a short summary to share",
        ),
    ],
)
def test_bad_need_forms_keep_what_was_typed(client, auth, world, body, field_id, message):
    auth.sign_in("learner")
    typed = {"details": "MY OWN WORDS stay here", **body}
    response = post_form(client, "/needs", typed)
    page = text(response)
    assert response.status_code == 400
    assert f'id="{field_id}-error"' in page and message in page
    assert f'href="#{field_id}"' in page  # the summary at the top leads to the field
    assert typed["details"][:20] in page
    assert db.session.scalar(db.select(db.func.count(Need.id))) == 0


# Who sees a need


def test_a_need_is_only_its_learners_and_their_helpers(app, world):
    need = make_need(world)
    mentor2 = make_user("mentor2", world.org, "mentor")
    db.session.commit()
    for username in ("learner2", "mentor", "staff", "admin", "other_learner", "other_staff"):
        assert signed_in(app, username).get(f"/needs/{need.id}").status_code == 404, username
    assert signed_in(app, "learner").get(f"/needs/{need.id}").status_code == 200
    helper_page = f"/mentoring/needs/{need.id}"
    for username in ("other_mentor", "other_staff", "other_admin"):
        assert signed_in(app, username).get(helper_page).status_code == 404, username
    assert signed_in(app, mentor2.username).get(helper_page).status_code == 404
    assert signed_in(app, "learner").get(helper_page).status_code == 403
    assert signed_in(app, "learner2").get(helper_page).status_code == 403
    for username in ("mentor", "staff", "admin"):
        page = text(signed_in(app, username).get(helper_page))
        assert "PRIVATE DETAILS about my case" in page, username


def test_forged_ids_are_not_found(app, world):
    other = make_need(world, learner="other_learner", organisation_id=world.other_org.id)
    learner, mentor, staff = (signed_in(app, u) for u in ("learner", "mentor", "staff"))
    for url in ("/needs/99999", f"/needs/{other.id}"):
        assert learner.get(url).status_code == 404
        assert post_form(learner, f"{url}/reply", {"body": "Hi"}, page="/needs").status_code == 404
        assert post_form(learner, f"{url}/close", {}, page="/needs").status_code == 404
    for url in ("/mentoring/needs/99999", f"/mentoring/needs/{other.id}"):
        for browser in (mentor, staff):
            assert browser.get(url).status_code == 404
            assert post_form(browser, f"{url}/refer", {"service": "X"}, page="/").status_code == 404
    assert db.session.get(Need, other.id).referred_to is None


# Answering, referring and closing


def test_mentor_answers_and_the_learner_reads_it(app, world):
    need = make_need(world)
    mentor = signed_in(app, "mentor")
    url = f"/mentoring/needs/{need.id}"
    response = post_form(mentor, f"{url}/reply", {"body": "   "}, page=url)
    assert response.status_code == 400 and "Please write a message." in text(response)
    assert db.session.get(Need, need.id).status == "open"
    response = post_form(mentor, f"{url}/reply", {"body": "I know a tutor. Shall I ask?"}, page=url)
    assert response.status_code == 302
    need = db.session.get(Need, need.id)
    assert need.status == "answered" and need.answered_by_id == world.users["mentor"].id
    assert need.answered_at is not None
    [event] = audit("need_answered")
    assert event.subject_user_id == world.users["learner"].id
    assert "need_replied" in kinds(world.users["learner"])
    learner = signed_in(app, "learner")
    page = text(learner.get(f"/needs/{need.id}"))
    assert "I know a tutor. Shall I ask?" in page and "Answered" in page
    # The learner's answer goes back to the mentor; it does not change the status.
    response = post_form(learner, f"/needs/{need.id}/reply", {"body": "Yes please"})
    assert response.status_code == 302
    assert "need_learner_replied" in kinds(world.users["mentor"])
    assert db.session.get(Need, need.id).status == "answered"
    assert "Yes please" in text(mentor.get(url))
    # A second answer is not a second "answered" event.
    post_form(mentor, f"{url}/reply", {"body": "Done"}, page=url)
    assert len(audit("need_answered")) == 1


def test_empty_learner_reply_keeps_the_page(app, world):
    need = make_need(world)
    learner = signed_in(app, "learner")
    response = post_form(learner, f"/needs/{need.id}/reply", {"body": ""})
    assert response.status_code == 400
    assert 'id="body-error"' in text(response)
    assert db.session.scalar(db.select(db.func.count(NeedReply.id))) == 0


def test_a_referral_never_includes_details_without_consent(app, world):
    need = make_need(world, shareable_summary="STORED BUT NOT AGREED", share_with_services=False)
    staff = signed_in(app, "staff")
    url = f"/mentoring/needs/{need.id}"
    page = text(staff.get(url))
    assert "Nothing they wrote: they did not agree to share a summary." in page
    response = post_form(staff, f"{url}/refer", {"service": ""}, page=url)
    assert response.status_code == 400 and "Please write the name of the service." in text(response)
    response = post_form(staff, f"{url}/refer", {"service": "City legal clinic"}, page=url)
    assert response.status_code == 302
    need = db.session.get(Need, need.id)
    assert need.referred_to == "City legal clinic" and need.referred_at is not None
    assert need.referral_shared is None
    [event] = audit("need_referred")
    assert event.subject_user_id == world.users["learner"].id
    assert event.detail == {"service": "City legal clinic", "summary_shared": False}
    assert "PRIVATE DETAILS" not in json.dumps(event.detail)
    page = text(signed_in(app, "learner").get(f"/needs/{need.id}"))
    assert "City legal clinic" in page
    assert "Only the kind of need was shared. Nothing you wrote was shared." in page


def test_a_referral_shares_exactly_the_consented_summary(app, world):
    need = make_need(world, share_with_services=True, shareable_summary="Visa question")
    mentor = signed_in(app, "mentor")
    url = f"/mentoring/needs/{need.id}"
    page = text(mentor.get(url))
    assert "The summary Learner wrote and agreed to share:" in page and "Visa question" in page
    post_form(mentor, f"{url}/refer", {"service": "Legal clinic"}, page=url)
    need = db.session.get(Need, need.id)
    assert need.referral_shared == "Visa question"
    assert "PRIVATE DETAILS" not in need.referral_shared
    assert "need_referred" in kinds(world.users["learner"])
    page = text(signed_in(app, "learner").get(f"/needs/{need.id}"))
    assert "Exactly what was shared, besides the kind of need:" in page
    assert "Visa question" in page


def test_the_learner_changes_what_may_be_shared(app, world):
    need = make_need(world, share_with_services=True, shareable_summary="Visa question")
    learner = signed_in(app, "learner")
    url = f"/needs/{need.id}"
    page = text(learner.get(url))
    assert "Change what may be shared" in page and "Visa question" in page
    # Ticked with no summary: the error sits beside the field, the box stays ticked.
    response = post_form(
        learner, f"{url}/sharing", {"share_with_services": "y", "shareable_summary": " "}, page=url
    )
    assert response.status_code == 400
    assert 'id="shareable_summary-error"' in text(response)
    [box] = [tag for tag in text(response).split("<input") if 'id="share_with_services"' in tag]
    assert "checked" in box.split(">")[0]
    assert db.session.get(Need, need.id).shareable_summary == "Visa question"
    # Unticked: the summary is forgotten and a referral then carries only the kind.
    response = post_form(
        learner, f"{url}/sharing", {"shareable_summary": "Visa question"}, page=url
    )
    assert response.status_code == 302
    need = db.session.get(Need, need.id)
    assert need.share_with_services is False and need.shareable_summary is None
    staff = signed_in(app, "staff")
    helper_url = f"/mentoring/needs/{need.id}"
    post_form(staff, f"{helper_url}/refer", {"service": "Clinic"}, page=helper_url)
    assert db.session.get(Need, need.id).referral_shared is None
    # Ticked again with new words: a later referral carries exactly those.
    post_form(
        learner,
        f"{url}/sharing",
        {"share_with_services": "y", "shareable_summary": "Work visa advice"},
        page=url,
    )
    post_form(staff, f"{helper_url}/refer", {"service": "Clinic 2"}, page=helper_url)
    assert db.session.get(Need, need.id).referral_shared == "Work visa advice"


def test_sharing_cannot_change_on_a_closed_need_or_someone_elses(app, world):
    closed = make_need(world, status="closed", closed_at=utcnow())
    other = make_need(world, learner="learner2")
    learner = signed_in(app, "learner")
    response = post_form(
        learner,
        f"/needs/{closed.id}/sharing",
        {"share_with_services": "y", "shareable_summary": "Now"},
        page=f"/needs/{closed.id}",
    )
    assert response.status_code == 302
    assert db.session.get(Need, closed.id).share_with_services is False
    assert "Change what may be shared" not in text(learner.get(f"/needs/{closed.id}"))
    response = post_form(
        learner,
        f"/needs/{other.id}/sharing",
        {"share_with_services": "y", "shareable_summary": "Now"},
        page="/needs",
    )
    assert response.status_code == 404


def test_closing_needs_the_learners_agreement(app, world):
    need = make_need(world)
    mentor, learner = signed_in(app, "mentor"), signed_in(app, "learner")
    url, mine = f"/mentoring/needs/{need.id}", f"/needs/{need.id}"
    assert "Yes, this is sorted" not in text(learner.get(mine))
    post_form(mentor, f"{url}/propose-close", {}, page=url)
    need = db.session.get(Need, need.id)
    assert need.close_proposed_at is not None and need.status == "open"
    assert need.close_proposed_by_id == world.users["mentor"].id
    [event] = audit("need_close_proposed")
    assert event.subject_user_id == world.users["learner"].id
    assert "need_close_proposed" in kinds(world.users["learner"])
    assert "Ask the learner if we can close this" not in text(mentor.get(url))
    page = text(learner.get(mine))
    assert "Yes, this is sorted – close it" in page and "Not yet, keep it open" in page
    # "Not yet": the proposal goes, the need stays open, the mentor hears.
    post_form(learner, f"{mine}/keep-open", {}, page=mine)
    need = db.session.get(Need, need.id)
    assert need.close_proposed_at is None and need.status == "open"
    assert "need_kept_open" in kinds(world.users["mentor"])
    assert "Yes, this is sorted" not in text(learner.get(mine))
    # Asked again; this time the learner agrees.
    post_form(mentor, f"{url}/propose-close", {}, page=url)
    post_form(learner, f"{mine}/close", {}, page=mine)
    need = db.session.get(Need, need.id)
    assert need.status == "closed" and need.closed_at is not None
    assert "Closed" in text(learner.get("/needs"))
    # A closed need takes no more messages, referrals or proposals.
    post_form(mentor, f"{url}/reply", {"body": "Late"}, page=url)
    post_form(mentor, f"{url}/refer", {"service": "Late"}, page=url)
    post_form(mentor, f"{url}/propose-close", {}, page=url)
    post_form(learner, f"{mine}/reply", {"body": "Late"}, page=mine)
    need = db.session.get(Need, need.id)
    assert need.referred_to is None and need.close_proposed_at is None
    assert db.session.scalar(db.select(db.func.count(NeedReply.id))) == 0


def test_mentors_never_close_and_the_learner_closes_any_time(app, world):
    need = make_need(world)
    mentor = signed_in(app, "mentor")
    # keep-open and close are the learner's: a mentor gets "not found" for their pages.
    assert post_form(mentor, f"/needs/{need.id}/close", {}, page="/").status_code == 404
    assert db.session.get(Need, need.id).status == "open"
    learner = signed_in(app, "learner")
    post_form(learner, f"/needs/{need.id}/close", {}, page=f"/needs/{need.id}")
    assert db.session.get(Need, need.id).status == "closed"


# The mentor's and the staff's lists


def test_the_mentor_sees_open_needs_on_the_learner_page(app, world):
    open_need = make_need(world, kind="housing")
    make_need(world, kind="phone_data", status="closed")
    mentor = signed_in(app, "mentor")
    page = text(mentor.get(f"/mentoring/{world.users['learner'].id}"))
    assert 'id="needs-heading"' in page
    assert f'href="/mentoring/needs/{open_need.id}"' in page and "Housing" in page
    assert "A phone or mobile data" not in page
    assert "Asked you to get in touch" in text(mentor.get("/mentoring"))


def test_staff_list_every_need_with_urgency_age_and_escalation(app, world):
    today = make_need(world, kind="someone_to_talk_to", urgency="today")
    today.created_at = utcnow() - timedelta(days=3)
    old_support = make_need(world, learner="learner2", kind="support", details=None)
    closed = make_need(world, kind="housing", status="closed")
    other = make_need(world, learner="other_learner", organisation_id=world.other_org.id)
    db.session.commit()
    escalate_overdue()  # the daily job
    db.session.commit()
    staff = signed_in(app, "staff")
    page = text(staff.get("/staff/support-requests"))
    for need in (today, old_support, closed):
        assert f'href="/mentoring/needs/{need.id}"' in page
    assert f'href="/mentoring/needs/{other.id}"' not in page
    assert "Someone to talk to" in page and "Today" in page and "3 days ago" in page
    assert "Support after a check-in" in page and "Recently closed" in page
    assert "Passed to staff" in page  # the "today" need is three days old
    assert db.session.get(Need, today.id).escalated_at is not None
    # The quick action for check-in support still works.
    response = post_form(
        staff,
        f"/mentoring/support/{old_support.id}/answered",
        {},
        page="/staff/support-requests",
    )
    assert response.status_code == 302
    assert db.session.get(Need, old_support.id).status == "answered"


def test_getting_in_touch_answers_the_need_through_its_rules_with_an_audit_record(app, world):
    need = make_need(world, kind="support", details=None)
    mentor = signed_in(app, "mentor")
    page = text(mentor.get(f"/mentoring/{world.users['learner'].id}"))
    # Who asked to be contacted comes first on the mentor's page, above the learning.
    assert page.index("Asked you to get in touch") < page.index("Learning")
    response = post_form(
        mentor,
        f"/mentoring/support/{need.id}/answered",
        {},
        page=f"/mentoring/{world.users['learner'].id}",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/mentoring/{world.users['learner'].id}")
    need = db.session.get(Need, need.id)
    assert need.status == "answered" and need.answered_by_id == world.users["mentor"].id
    [event] = audit("need_answered")
    assert event.actor_id == world.users["mentor"].id and event.object_id == need.id
    # A second press changes nothing and records nothing more.
    post_form(
        mentor,
        f"/mentoring/support/{need.id}/answered",
        {},
        page=f"/mentoring/needs/{need.id}",
    )
    assert len(audit("need_answered")) == 1


def test_the_mentor_page_is_mentorings_with_each_features_section_in_its_place(app, world):
    make_need(world, kind="housing")
    mentor = signed_in(app, "mentor")
    page = text(mentor.get(f"/mentoring/{world.users['learner'].id}"))
    headings = [
        "<h2>Learning</h2>",  # the page's own parts
        "<h2>Check-ins</h2>",
        "<h2>Roles</h2>",  # the roles feature's section
        'id="goals-heading"',  # mentoring's goals and notes
        'id="notes-heading"',
        'id="needs-heading"',  # the needs feature's section
    ]
    found = [page.index(h) for h in headings]
    assert found == sorted(found)


def test_only_their_helpers_mark_a_request_answered(app, world):
    need = make_need(world, kind="support", details=None)
    theirs = make_need(world, learner="other_learner", organisation_id=world.other_org.id)
    for username, target in (("learner2", need), ("other_mentor", need), ("mentor", theirs)):
        browser = signed_in(app, username)
        response = post_form(browser, f"/mentoring/support/{target.id}/answered", {}, page="/")
        assert response.status_code in (403, 404), username
    assert db.session.get(Need, need.id).status == "open"
    assert audit("need_answered") == []


# Escalation per urgency


@pytest.mark.parametrize(
    ("urgency", "hours_old", "escalated"),
    [
        ("today", 3, False),
        ("today", 5, True),  # at most four hours
        ("soon", 47, False),
        ("soon", 49, True),  # the organisation's 48 hours
        ("no_rush", 95, False),
        ("no_rush", 97, True),  # twice the organisation's hours
    ],
)
def test_unanswered_needs_reach_staff_by_urgency(world, urgency, hours_old, escalated):
    need = make_need(world, urgency=urgency)
    need.created_at = utcnow() - timedelta(hours=hours_old)
    db.session.commit()
    assert escalate_overdue() == int(escalated)
    db.session.commit()
    assert ("support_escalated" in kinds(world.users["staff"])) is escalated
    assert escalate_overdue() == 0  # once only


def test_answered_needs_do_not_escalate(world):
    need = make_need(world, urgency="today", status="answered")
    need.created_at = utcnow() - timedelta(hours=100)
    db.session.commit()
    assert escalate_overdue() == 0


# Export and deletion


def test_export_has_needs_replies_and_referrals(app, client, auth, world):
    need = make_need(world, share_with_services=True, shareable_summary="Visa question")
    mentor = signed_in(app, "mentor")
    url = f"/mentoring/needs/{need.id}"
    post_form(mentor, f"{url}/reply", {"body": "Here to help"}, page=url)
    post_form(mentor, f"{url}/refer", {"service": "Legal clinic"}, page=url)
    auth.sign_in("learner")
    [entry] = json.loads(text(client.get("/account/export")))["needs"]
    assert entry["kind"] == "legal_advice" and entry["details"] == "PRIVATE DETAILS about my case"
    assert entry["status"] == "answered" and entry["urgency"] == "soon"
    assert entry["replies"][0]["body"] == "Here to help" and not entry["replies"][0]["by_me"]
    assert entry["referral"]["service"] == "Legal clinic"
    assert entry["referral"]["shared"] == "Visa question"


def test_deleting_an_account_removes_needs_and_replies(app, world):
    need = make_need(world)
    other_need = make_need(world, learner="learner2")
    db.session.add_all(
        [
            NeedReply(request_id=need.id, author_id=world.users["mentor"].id, body="A"),
            NeedReply(request_id=need.id, author_id=world.users["learner"].id, body="B"),
            NeedReply(request_id=other_need.id, author_id=world.users["mentor"].id, body="C"),
        ]
    )
    other_need.answered_by_id = world.users["mentor"].id
    other_need.close_proposed_by_id = world.users["mentor"].id
    db.session.commit()
    need_id, other_id = need.id, other_need.id
    delete_account(world.users["learner"])
    db.session.commit()
    assert db.session.get(Need, need_id) is None
    assert db.session.scalars(db.select(NeedReply.body)).all() == ["C"]
    # A mentor who leaves: their messages stay for the learner, without their name.
    delete_account(world.users["mentor"])
    db.session.commit()
    reply = db.session.scalar(db.select(NeedReply))
    assert reply.author_id is None
    other_need = db.session.get(Need, other_id)
    assert other_need.answered_by_id is None and other_need.close_proposed_by_id is None
    assert db.session.scalar(db.select(db.func.count(MentorAssignment.id))) == 1
