"""While engagement is paused nothing new starts (issue 14, item 7): no role interest, no
mentor conversation requests, no goals suggested by a mentor; the pages say so kindly."""

from lms.extensions import db
from lms.mentoring.models import Goal
from lms.notifications.models import Notification
from lms.roles.models import RoleApplication

from .conftest import post_form
from .test_needs import signed_in, text

ROLE = "/roles/peer-supporter"


def pause(app, username="learner"):
    browser = signed_in(app, username)
    assert post_form(browser, "/engagement/pause", {}, page="/roles").status_code == 302
    return browser


def test_a_paused_member_sees_no_new_step_and_the_server_refuses_one(app, world, synced):
    learner = pause(app)
    page = text(learner.get(ROLE))
    assert "I am interested in this role" not in page
    assert "Ask my mentor for a conversation" not in page
    assert "nothing new starts for now" in page
    for step in ("/interest", "/ask-mentor", "/second-mentor"):
        response = post_form(learner, ROLE + step, {}, page="/roles")
        assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(RoleApplication.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0
    assert "nothing new starts for now" in text(learner.get(ROLE))  # the kind notice

    post_form(learner, "/engagement/resume", {}, page="/roles")
    assert "I am interested in this role" in text(learner.get(ROLE))
    post_form(learner, ROLE + "/interest", {}, page=ROLE)
    assert db.session.scalar(db.select(db.func.count(RoleApplication.id))) == 1


def test_a_mentor_cannot_suggest_a_goal_while_the_learner_is_paused(app, world, synced):
    pause(app)
    learner_id = world.users["learner"].id
    mentor = signed_in(app, "mentor")
    page = text(mentor.get(f"/mentoring/{learner_id}"))
    assert "Suggest this goal" not in page
    assert "has paused their engagement" in page
    response = post_form(
        mentor, f"/mentoring/{learner_id}/goals", {"goal-title": "Learn to swim"}, page="/"
    )
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Goal.id))) == 0
