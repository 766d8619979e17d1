"""Goals agreed between a learner and their mentors, mentor notes, and ending mentoring."""

import json
from datetime import date, timedelta

import pytest

from lms.access.models import SharingConsent
from lms.accounts.services import delete_account
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.mentoring.models import Goal, GoalNote, MentorNote
from lms.notifications.models import Notification
from lms.orgs.models import MentorAssignment, MentorChangeRequest
from lms.timeutil import utcnow

from .conftest import PASSWORD, make_user, post_form

TODAY = utcnow().date()


def signed_in(app, username):
    """A separate browser, signed in as `username`."""
    browser = app.test_client()
    response = post_form(browser, "/sign-in", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def text(response) -> str:
    return response.get_data(as_text=True)


def notifications(user, kind):
    return db.session.scalars(
        db.select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


def audit(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def make_goal(world, learner="learner", by=None, **values):
    learner_user = world.users[learner]
    author = world.users[by] if by else learner_user
    goal = Goal(
        organisation_id=world.org.id,
        learner_id=learner_user.id,
        proposed_by_id=author.id,
        title=values.pop("title", "Speak at one meeting"),
        status=values.pop("status", "active" if by is None else "proposed"),
        **values,
    )
    db.session.add(goal)
    db.session.commit()
    return goal


def held_back_note(world, body="Worried about a message she showed me"):
    note = MentorNote(
        organisation_id=world.org.id,
        learner_id=world.users["learner"].id,
        author_id=world.users["mentor"].id,
        body=body,
        held_back=True,
        held_back_category="harm_to_learner",
        held_back_reason="STAFF-ONLY REASON",
    )
    db.session.add(note)
    db.session.commit()
    return note


@pytest.fixture
def mentor2(world):
    """A second mentor in the same organisation, mentoring learner2 only."""
    user = make_user("mentor2", world.org, "mentor", "Noor")
    db.session.add(
        MentorAssignment(
            organisation_id=world.org.id, mentor_id=user.id, learner_id=world.users["learner2"].id
        )
    )
    db.session.commit()
    return user


# The learner's goals


def test_learner_adds_a_goal_with_a_date_courses_and_roles(client, auth, world, synced):
    auth.sign_in("learner")
    page = client.get("/goals")
    assert page.status_code == 200 and "Add a goal" in text(page)
    assert "Sample rights course" in text(page) and "Peer supporter" in text(page)
    target = TODAY + timedelta(days=30)
    response = post_form(
        client,
        "/goals",
        {
            "title": "  Finish   the rights course ",
            "target_date": target.isoformat(),
            "courses": ["sample-rights"],
            "roles": ["peer-supporter"],
            "shared_with_mentors": "y",
        },
    )
    assert response.status_code == 302
    goal = db.session.scalar(db.select(Goal))
    assert goal.title == "Finish the rights course"
    assert (goal.status, goal.target_date, goal.shared_with_mentors) == ("active", target, True)
    assert goal.course_slugs == ["sample-rights"] and goal.role_slugs == ["peer-supporter"]
    assert goal.proposed_by_id == world.users["learner"].id
    listing = text(client.get("/goals"))
    assert "Your goal was saved." in listing
    assert listing.index("Active") < listing.index("Finish the rights course")
    detail = text(client.get(f"/goals/{goal.id}"))
    assert "Peer supporter" in detail and "You and your mentors" in detail


def test_goals_are_grouped_by_status(client, auth, world):
    make_goal(world, by="mentor", title="Suggested one")
    make_goal(world, title="Working on it")
    make_goal(world, title="Finished it", status="done")
    make_goal(world, title="Put away", status="archived")
    make_goal(world, by="mentor", title="Not for me", status="declined")
    auth.sign_in("learner")
    page = text(client.get("/goals"))
    order = [
        "Waiting for your answer",
        "Suggested one",
        "Suggested by Mentor",
        "Active",
        "Working on it",
        "Done",
        "Finished it",
        "Archived or declined",
    ]
    assert [page.index(words) for words in order] == sorted(page.index(w) for w in order)
    assert page.index("Put away") > page.index("Archived or declined")
    assert page.index("Not for me") > page.index("Archived or declined")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "Please write your goal."),
        ({"title": "x" * 201}, "Please use 200 characters or fewer."),
        ({"target_date": (TODAY - timedelta(days=1)).isoformat()}, "today or a date in the future"),
        ({"target_date": (TODAY + timedelta(days=6 * 366)).isoformat()}, "within the next 5 years"),
        ({"target_date": "next spring"}, "Not a valid date value"),
        ({"courses": ["no-such-course"]}, "Please choose from the list."),
        ({"roles": ["astronaut"]}, "Please choose from the list."),
    ],
)
def test_bad_goal_input_is_explained_and_kept(client, auth, world, synced, values, message):
    auth.sign_in("learner")
    body = {"title": "Learn to say no", "target_date": "", "shared_with_mentors": "y", **values}
    response = post_form(client, "/goals", body)
    assert response.status_code == 400
    page = text(response)
    assert message in page and "Please check this" in page
    if body["title"] and len(body["title"]) < 200:
        assert 'value="Learn to say no"' in page
    assert db.session.scalar(db.select(db.func.count(Goal.id))) == 0


def test_goals_belong_to_their_learner_only(app, client, auth, world):
    goal = make_goal(world, title="Mine alone")
    for username in ("learner2", "mentor", "staff", "other_learner", "other_staff"):
        other = signed_in(app, username)
        assert other.get(f"/goals/{goal.id}").status_code == 404, username
        assert "Mine alone" not in text(other.get("/goals"))
        response = post_form(other, f"/goals/{goal.id}/archive", {}, page="/goals")
        assert response.status_code == 404
        response = post_form(other, f"/goals/{goal.id}/edit", {"title": "Taken"}, page="/goals")
        assert response.status_code == 404
    auth.sign_in("learner")
    assert client.get("/goals/99999").status_code == 404
    assert post_form(client, "/goals/99999/accept", {}, page="/goals").status_code == 404
    db.session.refresh(goal)
    assert (goal.title, goal.status) == ("Mine alone", "active")


def test_goals_of_another_organisation_are_not_found(app, world):
    other = Goal(
        organisation_id=world.other_org.id,
        learner_id=world.users["other_learner"].id,
        proposed_by_id=world.users["other_learner"].id,
        title="Elsewhere",
        status="active",
    )
    db.session.add(other)
    db.session.commit()
    learner = signed_in(app, "learner")
    assert learner.get(f"/goals/{other.id}").status_code == 404
    mentor = signed_in(app, "mentor")
    url = f"/mentoring/{world.users['learner'].id}/goals/{other.id}/notes"
    page = f"/mentoring/{world.users['learner'].id}"
    assert post_form(mentor, url, {"goalnote-body": "Hi"}, page=page).status_code == 404


def test_learner_accepts_a_suggested_goal_after_changing_its_date(app, client, auth, world):
    goal = make_goal(world, by="mentor", title="Practise an introduction")
    auth.sign_in("learner")
    page = text(client.get(f"/goals/{goal.id}"))
    assert "Mentor suggested this goal" in page and "Accept this goal" in page
    new_date = TODAY + timedelta(days=10)
    response = post_form(
        client,
        f"/goals/{goal.id}/edit",
        {"title": "Practise an introduction in English", "target_date": new_date.isoformat()},
        page=f"/goals/{goal.id}",
    )
    assert response.status_code == 302
    db.session.refresh(goal)
    assert (goal.status, goal.target_date) == ("proposed", new_date)
    # A goal a mentor suggested stays shared: the sharing box is not offered for it.
    assert goal.shared_with_mentors is True
    assert "Let my mentors see this goal" not in text(client.get(f"/goals/{goal.id}"))
    post_form(client, f"/goals/{goal.id}/accept", {}, page=f"/goals/{goal.id}")
    db.session.refresh(goal)
    assert goal.status == "active" and goal.decided_at is not None
    assert len(notifications(world.users["mentor"], "goal_accepted")) == 1


def test_learner_declines_without_a_reason_and_the_mentor_sees_only_a_count(
    app, client, auth, world
):
    goal = make_goal(world, by="mentor", title="Join the speaking panel")
    auth.sign_in("learner")
    response = post_form(client, f"/goals/{goal.id}/decline", {}, page=f"/goals/{goal.id}")
    assert response.status_code == 302
    assert "You do not need to give a reason." in text(client.get(response.location))
    db.session.refresh(goal)
    assert goal.status == "declined"
    assert len(notifications(world.users["mentor"], "goal_declined")) == 1
    mentor = signed_in(app, "mentor")
    page = text(mentor.get(f"/mentoring/{world.users['learner'].id}"))
    assert "Join the speaking panel" not in page
    assert "1 other goal is archived or declined." in page
    url = f"/mentoring/{world.users['learner'].id}/goals/{goal.id}/notes"
    post_form(mentor, url, {"goalnote-body": "Still?"}, page=f"/mentoring/{goal.learner_id}")
    assert db.session.scalar(db.select(db.func.count(GoalNote.id))) == 0


def test_done_archive_and_restore(client, auth, world):
    goal = make_goal(world, title="Read one lesson a week")
    auth.sign_in("learner")
    url = f"/goals/{goal.id}"
    for action, status in (("done", "done"), ("archive", "archived"), ("restore", "active")):
        assert post_form(client, f"{url}/{action}", {}, page=url).status_code == 302
        db.session.refresh(goal)
        assert goal.status == status
    # Accepting an active goal is not possible: nothing changes, a kind word instead.
    response = post_form(client, f"{url}/accept", {}, page=url)
    assert "This goal has changed since the page was opened." in text(client.get(response.location))
    db.session.refresh(goal)
    assert goal.status == "active"


def test_an_archived_goal_cannot_be_changed_until_restored(client, auth, world):
    goal = make_goal(world, title="Old goal", status="archived")
    auth.sign_in("learner")
    page = text(client.get(f"/goals/{goal.id}"))
    assert "Make this goal active again" in page and "Save my changes" not in page
    post_form(client, f"/goals/{goal.id}/edit", {"title": "New words"}, page=f"/goals/{goal.id}")
    post_form(client, f"/goals/{goal.id}/notes", {"body": "A note"}, page=f"/goals/{goal.id}")
    db.session.refresh(goal)
    assert goal.title == "Old goal"
    assert db.session.scalar(db.select(db.func.count(GoalNote.id))) == 0


def test_a_passed_target_date_may_stay_when_the_words_change(client, auth, world):
    old = TODAY - timedelta(days=40)
    goal = make_goal(world, title="Old words", target_date=old)
    auth.sign_in("learner")
    url = f"/goals/{goal.id}"
    body = {"title": "New words", "target_date": old.isoformat(), "shared_with_mentors": "y"}
    assert post_form(client, f"{url}/edit", body, page=url).status_code == 302
    db.session.refresh(goal)
    assert (goal.title, goal.target_date) == ("New words", old)
    body = {"title": "New words", "target_date": (old + timedelta(days=1)).isoformat()}
    response = post_form(client, f"{url}/edit", body, page=url)
    assert response.status_code == 400
    assert "Please choose today or a date in the future." in text(response)
    assert "<details open>" in text(response)


def test_learner_keeps_a_goal_private_and_mentors_never_see_it(app, client, auth, world):
    auth.sign_in("learner")
    post_form(client, "/goals", {"title": "Call my sister"})
    goal = db.session.scalar(db.select(Goal))
    assert goal.shared_with_mentors is False
    assert "Only you see this goal" in text(client.get("/goals"))
    post_form(client, f"/goals/{goal.id}/notes", {"body": "Called her"}, page=f"/goals/{goal.id}")
    assert notifications(world.users["mentor"], "goal_note_by_learner") == []
    mentor = signed_in(app, "mentor")
    learner_id = world.users["learner"].id
    page = text(mentor.get(f"/mentoring/{learner_id}"))
    assert "Call my sister" not in page and "archived or declined" not in page
    assert "active goal" not in text(mentor.get("/mentoring"))
    url = f"/mentoring/{learner_id}/goals/{goal.id}/notes"
    response = post_form(mentor, url, {"goalnote-body": "Hi"}, page=f"/mentoring/{learner_id}")
    assert response.status_code == 404


def test_progress_notes_from_both_sides(app, client, auth, world):
    goal = make_goal(world, title="Finish the rights course")
    auth.sign_in("learner")
    url = f"/goals/{goal.id}"
    empty = post_form(client, f"{url}/notes", {"body": "   "}, page=url)
    assert empty.status_code == 400 and "Please write the note." in text(empty)
    post_form(client, f"{url}/notes", {"body": "Two lessons done"}, page=url)
    assert len(notifications(world.users["mentor"], "goal_note_by_learner")) == 1
    mentor = signed_in(app, "mentor")
    learner_id = world.users["learner"].id
    mentor_page = f"/mentoring/{learner_id}"
    assert "Two lessons done" in text(mentor.get(mentor_page))
    note_url = f"/mentoring/{learner_id}/goals/{goal.id}/notes"
    empty = post_form(mentor, note_url, {"goalnote-body": ""}, page=mentor_page)
    assert empty.status_code == 400 and "Please write the note." in text(empty)
    assert f'id="goal{goal.id}-note"' in text(empty)
    post_form(mentor, note_url, {"goalnote-body": "Great progress"}, page=mentor_page)
    assert len(notifications(world.users["learner"], "goal_note_added")) == 1
    page = text(client.get(url))
    assert page.index("Two lessons done") < page.index("Great progress")
    assert "You –" in page and "Mentor –" in page


# The mentor's side


def test_mentor_suggests_a_goal_and_the_learner_is_told(app, client, auth, world, synced):
    auth.sign_in("mentor")
    learner = world.users["learner"]
    page = f"/mentoring/{learner.id}"
    assert "Suggest a goal" in text(client.get(page))
    response = post_form(
        client,
        f"{page}/goals",
        {"goal-title": "Try a mock interview", "goal-courses": ["sample-rights"]},
        page=page,
    )
    assert response.status_code == 302 and response.location.endswith("#goals")
    goal = db.session.scalar(db.select(Goal))
    assert (goal.status, goal.shared_with_mentors, goal.course_slugs) == (
        "proposed",
        True,
        ["sample-rights"],
    )
    assert goal.proposed_by_id == world.users["mentor"].id
    assert len(audit("goal_proposed")) == 1
    told = notifications(learner, "goal_proposed")
    assert len(told) == 1 and told[0].link == f"/goals/{goal.id}"
    dashboard = text(client.get("/mentoring"))
    assert "1 suggested goal waiting for their answer" in dashboard
    assert "Waiting for an answer" in text(client.get(page))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"goal-title": ""}, "Please write the goal."),
        ({"goal-target_date": (TODAY - timedelta(days=3)).isoformat()}, "date in the future"),
        ({"goal-roles": ["astronaut"]}, "Please choose from the list."),
    ],
)
def test_mentor_bad_goal_input_is_kept(client, auth, world, synced, values, message):
    auth.sign_in("mentor")
    page = f"/mentoring/{world.users['learner'].id}"
    body = {"goal-title": "Join a class", "goal-target_date": "", **values}
    response = post_form(client, f"{page}/goals", body, page=page)
    assert response.status_code == 400
    assert message in text(response)
    if body["goal-title"]:
        assert 'value="Join a class"' in text(response)
    assert db.session.scalar(db.select(db.func.count(Goal.id))) == 0


def test_only_the_learners_own_mentors_act_on_their_goals(app, world, mentor2):
    goal = make_goal(world, title="Shared goal")
    learner_id = world.users["learner"].id
    for username in ("mentor2", "other_mentor"):
        other = signed_in(app, username)
        assert other.get(f"/mentoring/{learner_id}").status_code == 404
        for url, body in (
            (f"/mentoring/{learner_id}/goals", {"goal-title": "Mine now"}),
            (f"/mentoring/{learner_id}/goals/{goal.id}/notes", {"goalnote-body": "Hi"}),
            (f"/mentoring/{learner_id}/notes", {"note-body": "Hi"}),
        ):
            assert post_form(other, url, body, page="/").status_code == 404
    # A mentor cannot reach another learner's goal through their own learner's page.
    goal2 = make_goal(world, learner="learner2", title="Learner2 goal")
    mentor = signed_in(app, "mentor")
    url = f"/mentoring/{learner_id}/goals/{goal2.id}/notes"
    assert post_form(mentor, url, {"goalnote-body": "Hi"}, page="/").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Goal.id))) == 2
    assert db.session.scalar(db.select(db.func.count(GoalNote.id))) == 0
    assert db.session.scalar(db.select(db.func.count(MentorNote.id))) == 0


def test_mentors_cannot_accept_archive_or_edit(app, world):
    goal = make_goal(world, by="mentor", title="Suggested")
    mentor = signed_in(app, "mentor")
    for action in ("accept", "decline", "archive", "edit"):
        response = post_form(mentor, f"/goals/{goal.id}/{action}", {"title": "X"}, page="/")
        assert response.status_code == 404
    db.session.refresh(goal)
    assert (goal.status, goal.title) == ("proposed", "Suggested")


def test_dashboard_counts_only_shared_goals(client, auth, world):
    make_goal(world, title="One")
    make_goal(world, title="Two")
    make_goal(world, title="Private", shared_with_mentors=False)
    make_goal(world, by="mentor", title="Suggested")
    auth.sign_in("mentor")
    page = text(client.get("/mentoring"))
    assert "2 active goals" in page and "1 suggested goal waiting for their answer" in page


# Mentor notes


def test_a_visible_note_reaches_the_learner(app, client, auth, world):
    auth.sign_in("mentor")
    page = f"/mentoring/{world.users['learner'].id}"
    response = post_form(
        client, f"{page}/notes", {"note-body": "Good to see you today."}, page=page
    )
    assert response.status_code == 302
    note = db.session.scalar(db.select(MentorNote))
    assert note.held_back is False and note.held_back_reason is None
    assert len(notifications(world.users["learner"], "mentor_note_added")) == 1
    assert audit("mentor_note_held_back") == []
    learner = signed_in(app, "learner")
    mentors = text(learner.get("/mentors"))
    assert "Notes from your mentors" in mentors and "Good to see you today." in mentors
    assert "kept back" not in mentors


@pytest.mark.parametrize(
    ("values", "field_error"),
    [
        ({"note-category": "harm_to_learner"}, "Please say why, for staff."),
        ({"note-reason": "A threat was made"}, "Please choose why this note is kept"),
        ({"note-category": "made-up", "note-reason": "x"}, "Please choose why this note is kept"),
    ],
)
def test_a_held_back_note_needs_a_category_and_a_reason(client, auth, world, values, field_error):
    auth.sign_in("mentor")
    page = f"/mentoring/{world.users['learner'].id}"
    body = {"note-body": "She showed me a threatening message.", "note-held_back": "y", **values}
    response = post_form(client, f"{page}/notes", body, page=page)
    assert response.status_code == 400
    html = text(response)
    assert field_error in html and "Please check this" in html
    assert "She showed me a threatening message." in html
    assert 'aria-invalid="true"' in html
    assert db.session.scalar(db.select(db.func.count(MentorNote.id))) == 0
    assert notifications(world.users["learner"], "mentor_note_added") == []


def test_held_back_note_is_hidden_from_the_learner_everywhere(app, client, auth, world):
    auth.sign_in("mentor")
    page = f"/mentoring/{world.users['learner'].id}"
    body = {
        "note-body": "SECRET BODY about a threat",
        "note-held_back": "y",
        "note-category": "harm_to_learner",
        "note-reason": "STAFF-ONLY REASON",
    }
    response = post_form(client, f"{page}/notes", body, page=page)
    assert response.status_code == 302
    note = db.session.scalar(db.select(MentorNote))
    assert (note.held_back, note.held_back_category) == (True, "harm_to_learner")
    events = audit("mentor_note_held_back")
    assert len(events) == 1 and events[0].subject_user_id == world.users["learner"].id
    assert "STAFF-ONLY" not in json.dumps(events[0].detail)
    assert notifications(world.users["learner"], "mentor_note_added") == []
    # The mentor who wrote it sees it, marked.
    mine = text(client.get(page))
    assert "SECRET BODY" in mine and "Kept from the learner" in mine

    learner = signed_in(app, "learner")
    for url in ("/mentors", "/goals", "/notifications", "/"):
        html = text(learner.get(url))
        assert "SECRET BODY" not in html and "STAFF-ONLY" not in html, url
    assert "Some notes are kept back for safety reasons." in text(learner.get("/mentors"))
    export = text(learner.get("/account/export"))
    assert "SECRET BODY" not in export and "STAFF-ONLY" not in export
    entry = json.loads(export)["mentor_notes"][0]
    assert entry["why"] == "To keep you safe from harm."
    assert "ask staff" in entry["how_to_ask"] and entry["held_back"]


def test_other_mentors_read_shared_notes_but_not_held_back_ones(app, world, mentor2):
    db.session.add(
        MentorAssignment(
            organisation_id=world.org.id,
            mentor_id=mentor2.id,
            learner_id=world.users["learner"].id,
        )
    )
    db.session.add(
        MentorNote(
            organisation_id=world.org.id,
            learner_id=world.users["learner"].id,
            author_id=world.users["mentor"].id,
            body="Shared words",
        )
    )
    db.session.commit()
    held_back_note(world, body="SECRET BODY")
    other = signed_in(app, "mentor2")
    page = text(other.get(f"/mentoring/{world.users['learner'].id}"))
    assert "Shared words" in page and "SECRET BODY" not in page


def test_staff_read_held_back_notes_and_each_look_is_recorded(app, client, auth, world):
    membership = world.membership("learner")
    auth.sign_in("staff")
    url = f"/staff/members/{membership.id}"
    assert "held back for safeguarding" not in text(client.get(url))
    assert audit("held_back_notes_viewed") == []
    held_back_note(world, body="SECRET BODY")
    page = text(client.get(url))
    assert "Notes held back for safeguarding" in page
    assert "SECRET BODY" in page and "STAFF-ONLY REASON" in page
    assert "Risk of harm to the learner" in page and "Mentor" in page
    events = audit("held_back_notes_viewed")
    assert len(events) == 1 and events[0].subject_user_id == world.users["learner"].id
    other = signed_in(app, "other_staff")
    assert other.get(url).status_code == 404
    assert len(audit("held_back_notes_viewed")) == 1
    admin = signed_in(app, "admin")
    assert "Kept-back notes read by staff" in text(admin.get("/staff/audit"))


# Ending a mentoring link


def test_learner_ends_mentoring_and_staff_offer_someone_else(app, client, auth, world, mentor2):
    learner, mentor = world.users["learner"], world.users["mentor"]
    db.session.add(
        SharingConsent(
            user_id=learner.id,
            organisation_id=world.org.id,
            mentor_id=mentor.id,
            share_progress=True,
            share_checkin_summaries=True,
            share_checkin_answers=True,
        )
    )
    db.session.commit()
    auth.sign_in("learner")
    assert "Stop mentoring with Mentor" in text(client.get("/mentors"))
    confirm = client.get(f"/mentors/{mentor.id}/end")
    assert confirm.status_code == 200
    assert "You do not need to give a reason" in text(confirm)
    assert "Staff are told" in text(confirm)
    response = post_form(client, f"/mentors/{mentor.id}/end", {})
    assert response.status_code == 302
    after = text(client.get("/mentors"))
    assert "Mentoring with Mentor has ended." in after
    assert "Stop mentoring with Mentor" not in after
    # The ordinary request for a different mentor is still open to them.
    assert "Send my request to staff" in after

    assert (
        db.session.scalar(
            db.select(MentorAssignment).where(MentorAssignment.learner_id == learner.id)
        )
        is None
    )
    consent = db.session.scalar(
        db.select(SharingConsent).where(SharingConsent.user_id == learner.id)
    )
    assert not (
        consent.share_progress or consent.share_checkin_summaries or consent.share_checkin_answers
    )
    change = db.session.scalar(db.select(MentorChangeRequest))
    assert change.ended_link and change.mentor_id == mentor.id and change.resolved_at is None
    assert len(audit("mentoring_ended")) == 1
    assert len(notifications(world.users["staff"], "mentoring_ended")) == 1
    assert len(notifications(world.users["admin"], "mentoring_ended")) == 1
    assert notifications(mentor, "mentoring_ended") == []

    former = signed_in(app, "mentor")
    assert former.get(f"/mentoring/{learner.id}").status_code == 404
    assert "Learner" not in text(former.get("/mentoring")).split("People you mentor", 2)[-1]

    staff = signed_in(app, "staff")
    requests = text(staff.get("/staff/mentor-requests"))
    assert "Ended mentoring with Mentor" in requests
    membership = world.membership("learner")
    assert f"/staff/members/{membership.id}" in requests
    assert "Offer Learner another mentor" in requests
    url = f"/staff/members/{membership.id}"
    assert post_form(staff, url, {"mentor_id": mentor2.id}).status_code == 302
    assert db.session.scalar(
        db.select(MentorAssignment).where(
            MentorAssignment.learner_id == learner.id, MentorAssignment.mentor_id == mentor2.id
        )
    )


def test_only_ones_own_mentor_can_be_ended(app, client, auth, world, mentor2):
    auth.sign_in("learner")
    assert client.get(f"/mentors/{mentor2.id}/end").status_code == 404
    assert post_form(client, f"/mentors/{mentor2.id}/end", {}, page="/mentors").status_code == 404
    assert client.get("/mentors/99999/end").status_code == 404
    other = signed_in(app, "learner2")
    mentor_id = world.users["mentor"].id
    assert post_form(other, f"/mentors/{mentor_id}/end", {}, page="/mentors").status_code == 404
    assert db.session.scalar(db.select(db.func.count(MentorAssignment.id))) == 3
    assert db.session.scalar(db.select(db.func.count(MentorChangeRequest.id))) == 0


# Data export and account deletion


def test_export_has_goals_notes_and_visible_mentor_notes(client, auth, world):
    goal = make_goal(world, title="Finish the course", target_date=date(2030, 1, 1))
    db.session.add(GoalNote(goal_id=goal.id, author_id=world.users["learner"].id, body="Halfway"))
    db.session.add(
        MentorNote(
            organisation_id=world.org.id,
            learner_id=world.users["learner"].id,
            author_id=world.users["mentor"].id,
            body="Well done",
        )
    )
    db.session.commit()
    auth.sign_in("learner")
    data = json.loads(text(client.get("/account/export")))
    assert data["goals"][0]["goal"] == "Finish the course"
    assert data["goals"][0]["target_date"] == "2030-01-01"
    assert data["goals"][0]["progress_notes"][0]["note"] == "Halfway"
    assert data["mentor_notes"] == [
        {"at": data["mentor_notes"][0]["at"], "from": "Mentor", "note": "Well done"}
    ]


def test_deleting_a_learner_removes_their_goals_and_notes(app, world):
    goal = make_goal(world, by="mentor")
    db.session.add(GoalNote(goal_id=goal.id, author_id=world.users["mentor"].id, body="Hi"))
    held_back_note(world)
    delete_account(world.users["learner"])
    db.session.commit()
    for model in (Goal, GoalNote, MentorNote):
        assert db.session.scalar(db.select(db.func.count(model.id))) == 0


def test_deleting_a_mentor_keeps_their_notes_without_their_name(app, client, auth, world):
    goal = make_goal(world, by="mentor", status="active", title="Shared")
    db.session.add(GoalNote(goal_id=goal.id, author_id=world.users["mentor"].id, body="From M"))
    db.session.add(
        MentorNote(
            organisation_id=world.org.id,
            learner_id=world.users["learner"].id,
            author_id=world.users["mentor"].id,
            body="Kind words",
        )
    )
    db.session.commit()
    delete_account(world.users["mentor"])
    db.session.commit()
    assert db.session.scalar(db.select(GoalNote)).author_id is None
    assert db.session.scalar(db.select(MentorNote)).author_id is None
    assert db.session.get(Goal, goal.id).proposed_by_id is None
    auth.sign_in("learner")
    assert "Someone who has left" in text(client.get(f"/goals/{goal.id}"))
    assert "Kind words" in text(client.get("/mentors"))
