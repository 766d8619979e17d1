"""Eight identical submits at the same moment: no 5xx, and one row, on SQLite and PostgreSQL.

These tests need several connections seeing each other's committed rows, so they do not use
the per-test `app` fixture: they build their own app on a real database (a file for SQLite,
the test PostgreSQL database otherwise) and leave its tables empty afterwards.
"""

import os
import threading
from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import request_started

from lms import create_app
from lms.access.models import SharingConsent
from lms.accounts.models import User
from lms.assessments.models import QuizAttempt
from lms.audit.models import AuditEvent
from lms.catalog.models import ContentVersion, Course, Lesson, Quiz
from lms.certificates.models import Certificate
from lms.content import sync_content
from lms.extensions import db
from lms.mentoring.models import Goal, GoalNote, MentorNote
from lms.needs.models import Need, NeedReply
from lms.orgs.models import (
    Invitation,
    Membership,
    MentorAssignment,
    MentorChangeRequest,
    Organisation,
    SupportContact,
)
from lms.orgs.services import create_invitation
from lms.programme.models import Activity, Cohort, CohortMember
from lms.progress.models import CourseCompletion, LessonProgress
from lms.readiness.models import CheckIn
from lms.roles.models import MentorConversation, RoleApplication, RoleSetting, Vetting
from lms.stories import services as story_services
from lms.stories.models import (
    OrganisationNames,
    PrivateWords,
    Story,
    StoryAgreement,
    StoryComment,
    StoryVersion,
)
from lms.stories.services import create_story

from .conftest import PASSWORD, TEST_CONFIG, _fresh_request_globals, csrf_token, make_user
from .twostep_helpers import enrol, sign_in_with_code

SUBMITS = 8


@pytest.fixture
def shared_app(tmp_path):
    config = {**TEST_CONFIG, "RATELIMIT_ENABLED": False}
    if not os.environ.get("LMS_TEST_DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'race.db'}"
    app = create_app(config)
    request_started.connect(_fresh_request_globals, app)
    with app.app_context():
        db.drop_all()  # PostgreSQL: the schema of this checkout, whatever ran there before
        db.create_all()
        try:
            yield app
        finally:
            db.session.remove()
            with db.engine.begin() as connection:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())
            db.engine.dispose()


@dataclass
class Place:
    org: Organisation
    users: dict
    cohort_id: int
    application_id: int


@pytest.fixture
def place(shared_app):
    sync_content(shared_app.config["LMS_COURSES_DIR"], shared_app.config["LMS_ASSESSMENTS_DIR"])
    org = Organisation(name="Harbour Group")
    db.session.add(org)
    db.session.flush()
    users = {
        name: make_user(name, org, role)
        for name, role in (
            ("learner", "learner"),
            ("learner2", "learner"),
            ("mentor", "mentor"),
            ("staff", "staff"),
        )
    }
    db.session.add(
        MentorAssignment(
            organisation_id=org.id, mentor_id=users["mentor"].id, learner_id=users["learner"].id
        )
    )
    cohort = Cohort(organisation_id=org.id, name="Spring group")
    application = RoleApplication(
        user_id=users["learner2"].id, organisation_id=org.id, role_slug="rescue-volunteer"
    )
    db.session.add_all([cohort, application])
    db.session.commit()
    return Place(org, users, cohort.id, application.id)


def race(app, username: str, page: str, url: str, data: dict) -> list[int]:
    """Sign in eight separate browsers, then let all eight post the same form at once."""
    clients = []
    for _ in range(SUBMITS):
        client = app.test_client()
        signed_in = client.post(
            "/sign-in",
            data={
                "csrf_token": csrf_token(client, "/sign-in"),
                "username": username,
                "password": PASSWORD,
            },
        )
        assert signed_in.status_code == 302
        clients.append((client, csrf_token(client, page)))
    return post_at_once(clients, url, data)


def post_at_once(clients: list, url: str, data: dict) -> list[int]:
    """Each (client, CSRF token) posts `data` to `url` at the same moment; their statuses."""
    start = threading.Barrier(len(clients))
    statuses = []

    def submit(client, token):
        start.wait()
        statuses.append(client.post(url, data={"csrf_token": token, **data}).status_code)

    threads = [threading.Thread(target=submit, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_role_interest(shared_app, place):
    page = "/roles/peer-supporter"
    statuses = race(shared_app, "learner", page, page + "/interest", {})
    assert all(s < 500 for s in statuses), statuses
    assert count(RoleApplication) == 2  # the learner's one, and learner2's from the set-up


def test_ask_mentor_about_a_role(shared_app, place):
    page = "/roles/peer-supporter"
    statuses = race(shared_app, "learner", page, page + "/ask-mentor", {})
    assert all(s < 500 for s in statuses), statuses
    assert count(RoleApplication) == 2


def test_role_settings(shared_app, place):
    data = {"slug": "rescue-volunteer", "review_months": "6"}
    statuses = race(shared_app, "staff", "/staff/roles", "/staff/roles", data)
    assert all(s < 500 for s in statuses), statuses
    assert count(RoleSetting) == 1


def test_role_extra_requirement(shared_app, place):
    url = "/staff/roles/peer-supporter/requirements"
    statuses = race(shared_app, "staff", "/staff/roles", url, {"course": "sample-english"})
    assert all(s < 500 for s in statuses), statuses
    assert count(RoleSetting) == 1


def test_vetting_record(shared_app, place):
    url = f"/staff/roles/applications/{place.application_id}"
    statuses = race(shared_app, "staff", url, url, {"identity_checked": "y"})
    assert all(s < 500 for s in statuses), statuses
    assert count(Vetting) == 1


def test_sharing_choices(shared_app, place):
    mentor_id = place.users["mentor"].id
    statuses = race(shared_app, "learner", "/sharing", "/sharing", {f"progress_{mentor_id}": "y"})
    assert all(s < 500 for s in statuses), statuses
    assert count(SharingConsent) == 1


def test_lesson_progress(shared_app, place):
    lesson = "/learn/sample-rights/first-steps"
    statuses = race(
        shared_app, "learner", lesson + "?read=1", lesson + "/progress", {"event": "done"}
    )
    assert all(s < 500 for s in statuses), statuses
    assert count(LessonProgress) == 1


def test_assign_a_mentor(shared_app, place):
    url = f"/staff/members/{place.users['learner2'].id}"
    statuses = race(shared_app, "staff", url, url, {"mentor_id": place.users["mentor"].id})
    assert all(s < 500 for s in statuses), statuses
    assert count(MentorAssignment) == 2  # learner's from the set-up, and learner2's


def test_make_a_cohort(shared_app, place):
    statuses = race(shared_app, "staff", "/staff/cohorts", "/staff/cohorts", {"name": "Autumn"})
    assert all(s < 500 for s in statuses), statuses
    assert count(Cohort) == 2  # Spring from the set-up, and one Autumn


def test_add_to_a_cohort(shared_app, place):
    url = f"/staff/cohorts/{place.cohort_id}"
    statuses = race(shared_app, "staff", url, url + "/members", {"learner": "learner"})
    assert all(s < 500 for s in statuses), statuses
    assert count(CohortMember) == 1


def race_signed_out(app, page: str, url: str, data: dict) -> list[int]:
    """Eight separate browsers, none signed in, post the same form at once."""
    clients = []
    for _ in range(SUBMITS):
        client = app.test_client()
        clients.append((client, csrf_token(client, page)))
    return post_at_once(clients, url, data)


def test_join_by_invitation(shared_app, place):
    invitation, code = create_invitation(place.org.id, "learner", place.users["staff"].id, 7)
    db.session.commit()
    data = {
        "code": code,
        "username": "newcomer",
        "display_name": "Newcomer",
        "password": "a long new password",
        "confirm": "a long new password",
        "locale": "en",
    }
    statuses = race_signed_out(shared_app, f"/join?code={code}", "/join/account", data)
    assert all(s < 500 for s in statuses), statuses
    db.session.expire_all()
    newcomers = db.session.scalars(db.select(User).where(User.username == "newcomer")).all()
    assert len(newcomers) == 1
    joined = db.session.scalars(
        db.select(Membership).where(Membership.user_id == newcomers[0].id)
    ).all()
    assert len(joined) == 1
    used = db.session.get(Invitation, invitation.id)
    assert used.used_by_id == newcomers[0].id
    assert count(AuditEvent) == 2  # the invitation made, and one joining: the code was used once
    # Every one of the eight browsers is signed in as the one new member (a double tap
    # must not leave the browser showing an error for the press that lost the race).
    assert statuses.count(302) == SUBMITS, statuses


def test_join_by_invitation_signed_in(shared_app, place):
    other = Organisation(name="Second Home")
    db.session.add(other)
    db.session.flush()
    invitation, code = create_invitation(other.id, "learner", place.users["staff"].id, 7)
    db.session.commit()
    statuses = race(shared_app, "learner", f"/join?code={code}", "/join/account", {"code": code})
    assert statuses.count(302) == SUBMITS, statuses  # each press: the dashboard
    db.session.expire_all()
    assert all(s < 500 for s in statuses), statuses
    learner_id = place.users["learner"].id
    memberships = db.session.scalars(
        db.select(Membership).where(
            Membership.user_id == learner_id, Membership.organisation_id == other.id
        )
    ).all()
    assert len(memberships) == 1
    assert db.session.get(Invitation, invitation.id).used_by_id == learner_id


def test_request_a_certificate(shared_app, place):
    course = db.session.scalar(db.select(Course).where(Course.slug == "sample-english"))
    course.awards_certificate = True
    version_id = db.session.scalar(db.select(db.func.max(ContentVersion.id)))
    db.session.add(
        CourseCompletion(
            user_id=place.users["learner"].id, course_id=course.id, version_id=version_id
        )
    )
    db.session.commit()
    data = {"course": "sample-english", "name_choice": "display", "language": "en"}
    statuses = race(shared_app, "learner", "/certificates", "/certificates/request", data)
    assert statuses.count(302) == SUBMITS, statuses  # every press: the certificates page
    assert count(Certificate) == 1


def test_never_public_words(shared_app, place):
    url = "/stories/never-public"
    statuses = race(shared_app, "learner", url, url, {"words": "Sihanoukville"})
    assert all(s < 500 for s in statuses), statuses
    assert count(PrivateWords) == 1


def test_organisation_names_for_stories(shared_app, place):
    url = "/staff/stories/names"
    statuses = race(shared_app, "staff", url, url, {"words": "Harbour Group"})
    assert all(s < 500 for s in statuses), statuses
    assert count(OrganisationNames) == 1


def test_make_an_organisation(shared_app, place):
    """A platform admin signs in with a code once; eight presses share that one browser."""
    admin = make_user("platform", None, "")
    admin.is_platform_admin = True
    db.session.commit()
    secret = enrol(admin)
    first = shared_app.test_client()
    signed_in = sign_in_with_code(first, admin, secret)
    assert signed_in.status_code == 302
    token = csrf_token(first, "/platform/organisations")  # kept in the session cookie
    cookie = first.get_cookie(shared_app.config["SESSION_COOKIE_NAME"]).value
    start = threading.Barrier(SUBMITS)
    statuses = []

    def submit():
        client = shared_app.test_client()
        client.set_cookie(shared_app.config["SESSION_COOKIE_NAME"], cookie)
        start.wait()
        response = client.post(
            "/platform/organisations", data={"csrf_token": token, "name": "River House"}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=submit) for _ in range(SUBMITS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(s < 500 for s in statuses), statuses
    assert statuses.count(200) == 1, statuses  # the one made; the others: "already exists"
    assert count(Organisation) == 2  # Harbour Group from the set-up, and River House


def test_finishing_the_last_lesson_completes_the_course_once(shared_app, place):
    course = db.session.scalar(db.select(Course).where(Course.slug == "sample-rights"))
    learner_id = place.users["learner"].id
    for lesson in db.session.scalars(db.select(Lesson).where(Lesson.course_id == course.id)):
        if lesson.slug != "last-lesson":
            db.session.add(
                LessonProgress(
                    user_id=learner_id, lesson_id=lesson.id, course_id=course.id, status="finished"
                )
            )
    db.session.commit()
    lesson = "/learn/sample-rights/last-lesson"
    statuses = race(shared_app, "learner", lesson, lesson + "/progress", {"event": "finished"})
    assert all(s < 500 for s in statuses), statuses
    assert count(CourseCompletion) == 1


# Forms that make something new each time carry a one-time key (lms/oncekeys.py): eight
# presses sending the same key make one row; two real submissions (two keys) make two.

KEY = "same-key-from-one-page-1234"
KIND = "housing"


def once_and_twice(
    app, username: str, page: str, url: str, data: dict, model, prefix: str = "", each: int = 1
) -> None:
    field = prefix + "once_key"
    before = count(model)
    statuses = race(app, username, page, url, {field: KEY, **data})
    assert all(s < 500 for s in statuses), statuses
    assert count(model) == before + each
    client = app.test_client()
    client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_token(client, "/sign-in"),
            "username": username,
            "password": PASSWORD,
        },
    )
    token = csrf_token(client, page)
    for key in ("another-page-key-000001", "and-yet-another-key-0002"):
        response = client.post(url, data={"csrf_token": token, field: key, **data})
        assert response.status_code in (200, 302), response.status_code
    assert count(model) == before + 3 * each
    # A page opened before keys existed sends none: a fresh submission, as before.
    client.post(url, data={"csrf_token": token, **data})
    assert count(model) == before + 4 * each


def test_a_new_need_once(shared_app, place):
    data = {"kind": KIND, "urgency": "soon", "details": "Rent is due."}
    once_and_twice(shared_app, "learner", "/needs", "/needs", data, Need)


def test_a_reply_to_a_need_once(shared_app, place):
    need = Need(
        user_id=place.users["learner"].id,
        organisation_id=place.org.id,
        kind=KIND,
        urgency="soon",
        details="Rent is due.",
    )
    db.session.add(need)
    db.session.commit()
    page = f"/needs/{need.id}"
    once_and_twice(shared_app, "learner", page, page + "/reply", {"body": "Thank you"}, NeedReply)


def test_a_new_goal_once(shared_app, place):
    data = {"title": "Cook for my family"}
    once_and_twice(shared_app, "learner", "/goals", "/goals", data, Goal)


def a_goal(place) -> Goal:
    goal = Goal(
        organisation_id=place.org.id,
        learner_id=place.users["learner"].id,
        proposed_by_id=place.users["learner"].id,
        title="Cook for my family",
        status="active",
        shared_with_mentors=True,
    )
    db.session.add(goal)
    db.session.commit()
    return goal


def test_a_note_on_my_goal_once(shared_app, place):
    page = f"/goals/{a_goal(place).id}"
    data = {"body": "I made rice today."}
    once_and_twice(shared_app, "learner", page, page + "/notes", data, GoalNote)


def test_a_goal_suggested_by_a_mentor_once(shared_app, place):
    page = f"/mentoring/{place.users['learner'].id}"
    data = {"goal-title": "Practise English"}
    once_and_twice(shared_app, "mentor", page, page + "/goals", data, Goal, "goal-")


def test_a_mentor_note_on_a_goal_once(shared_app, place):
    page = f"/mentoring/{place.users['learner'].id}"
    url = f"{page}/goals/{a_goal(place).id}/notes"
    data = {"goalnote-body": "Well done."}
    once_and_twice(shared_app, "mentor", page, url, data, GoalNote, "goalnote-")


def test_a_mentor_note_once(shared_app, place):
    page = f"/mentoring/{place.users['learner'].id}"
    data = {"note-body": "We met today."}
    once_and_twice(shared_app, "mentor", page, page + "/notes", data, MentorNote, "note-")


def test_starting_a_check_in_once(shared_app, place):
    data = {"slug": "readiness"}
    once_and_twice(shared_app, "learner", "/checkins", "/checkins/start", data, CheckIn)


def test_tell_my_mentor_once(shared_app, place):
    version_id = db.session.scalar(db.select(db.func.max(ContentVersion.id)))
    checkin = CheckIn(
        user_id=place.users["learner"].id,
        organisation_id=place.org.id,
        definition_slug="readiness",
        definition_version_id=version_id,
        status="submitted",
        answers={},
    )
    db.session.add(checkin)
    db.session.commit()
    page = f"/checkins/{checkin.id}/support"
    url = f"/checkins/{checkin.id}/tell-my-mentor"
    once_and_twice(shared_app, "learner", page, url, {}, Need)


STORY_FORM = {"title": "My journey", "language": "en", "text": "I came home in spring."}


def a_story(place, offered: bool = False) -> Story:
    story = create_story(
        place.users["learner"].id, place.org.id, "My journey", "en", "I came home.", None
    )
    if offered:
        story_services.offer(story.versions[-1], place.users["learner"].id, place.org.id)
    db.session.commit()
    return story


def test_a_new_story_once(shared_app, place):
    once_and_twice(shared_app, "learner", "/stories", "/stories", STORY_FORM, Story)


def test_a_new_version_of_a_story_once(shared_app, place):
    page = f"/stories/{a_story(place).id}"
    once_and_twice(shared_app, "learner", page, page, STORY_FORM, StoryVersion)


def test_a_mentor_comment_on_a_story_once(shared_app, place):
    story = a_story(place)
    story_services.share_for_review(story, place.users["mentor"].id)
    db.session.commit()
    page = f"/stories/review/{story.id}"
    data = {"body": "This is strong."}
    once_and_twice(shared_app, "mentor", page, page, data, StoryComment)


def test_a_request_to_use_a_story_once(shared_app, place):
    version_id = a_story(place, offered=True).versions[-1].id
    data = {
        "version": version_id,
        "purpose": "talk",
        "audience": "A community meeting",
        "until": (story_services.today() + timedelta(days=30)).isoformat(),
        "name_choice": "pseudonym",
        "picture": "without",
    }
    page = "/staff/stories"
    once_and_twice(shared_app, "staff", page, page, data, StoryAgreement)


def test_an_activity_record_once(shared_app, place):
    data = {"held_on": "2026-11-01", "kind": "training", "attendance": "12"}
    url = "/staff/activities/new"
    once_and_twice(shared_app, "staff", url, url, data, Activity)


def test_an_invitation_once(shared_app, place):
    data = {"role": "learner", "days": "7", "language": ""}
    url = "/staff/invitations"
    once_and_twice(shared_app, "staff", url, url, data, Invitation)


def test_invitation_cards_once(shared_app, place):
    data = {"role": "learner", "days": "7", "count": "3"}
    url = "/staff/invitations/cards"
    once_and_twice(shared_app, "staff", url, url, data, Invitation, each=3)


def test_a_quiz_answered_once(shared_app, place):
    url = "/learn/sample-english/quizzes/final"
    version = db.session.scalar(db.select(Quiz).where(Quiz.slug == "final")).version_id
    statuses = race(
        shared_app, "learner", url, url, {"once_key": KEY, "version": str(version), "q.hello": "hi"}
    )
    assert all(s < 500 for s in statuses), statuses
    assert count(QuizAttempt) == 1
    # Two real tries (answers typed again, a new page each time) are two attempts.
    client = shared_app.test_client()
    client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_token(client, "/sign-in"),
            "username": "learner",
            "password": PASSWORD,
        },
    )
    for answer in ("helo", "hello"):
        data = {"csrf_token": csrf_token(client, url), "version": str(version), "q.hello": answer}
        response = client.post(url, data={"once_key": f"another-try-{answer}-000000", **data})
        assert response.status_code == 302
    assert count(QuizAttempt) == 3


def test_a_role_conversation_recorded_once(shared_app, place):
    db.session.add(
        RoleApplication(
            user_id=place.users["learner"].id,
            organisation_id=place.org.id,
            role_slug="peer-supporter",
        )
    )
    db.session.commit()
    page = f"/mentoring/{place.users['learner'].id}"
    url = page + "/roles/peer-supporter/conversation"
    once_and_twice(shared_app, "mentor", page, url, {"outcome": "endorse"}, MentorConversation)


def test_a_support_contact_added_once(shared_app, place):
    data = {"name": "Harbour Legal", "how_to_reach": "Call 0123 456 789"}
    once_and_twice(shared_app, "staff", "/staff/support", "/staff/support", data, SupportContact)


def test_asking_for_another_mentor_once(shared_app, place):
    data = {"once_key": KEY, "mentor_id": "0"}
    statuses = race(shared_app, "learner", "/mentors", "/mentors", data)
    assert all(s < 500 for s in statuses), statuses
    assert count(MentorChangeRequest) == 1
