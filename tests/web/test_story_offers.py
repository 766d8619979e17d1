"""Offering a version to staff: staff are told in neutral words, the offer and its end are
recorded, and requests still waiting for the member close when the offer ends (issue 20)."""

from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.notifications.models import Notification
from lms.stories.models import StoryAgreement, StoryVersion

from .conftest import post_form
from .test_stories import STORY, request_use, signed_in, text, write_story


def offer(browser, story_id: int, version_id: int, action: str = "offer"):
    url = f"/stories/{story_id}/versions/{version_id}/{action}"
    response = post_form(browser, url, {}, page=f"/stories/{story_id}")
    assert response.status_code == 302
    return response


def actions(object_type: str, object_id: int) -> list[str]:
    return db.session.scalars(
        db.select(AuditEvent.action)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
        .order_by(AuditEvent.id)
    ).all()


def staff_notes(world, kind: str) -> list[Notification]:
    return db.session.scalars(
        db.select(Notification).where(
            Notification.user_id == world.users["staff"].id, Notification.kind == kind
        )
    ).all()


def test_staff_are_told_of_an_offer_without_its_title_or_text(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner, title="Sihanoukville nights")
    version_id = db.session.scalar(
        db.select(StoryVersion.id).where(StoryVersion.story_id == story_id)
    )
    offer(learner, story_id, version_id)
    offer(learner, story_id, version_id)  # pressed again: told and recorded once
    notes = staff_notes(world, "story_version_offered")
    assert len(notes) == 1 and notes[0].link == "/staff/stories"
    staff = signed_in(app, "staff")
    opened = text(staff.get(f"/notifications/{notes[0].id}", follow_redirects=True))
    assert "offered a story" in opened
    assert "Sihanoukville" not in opened and STORY[:20] not in opened
    assert actions("story_version", version_id) == ["story_version_offered"]
    # Nobody outside the staff is told (not the mentor, not other members).
    assert not db.session.scalars(
        db.select(Notification).where(
            Notification.kind == "story_version_offered",
            Notification.user_id.in_([world.users["mentor"].id, world.users["learner2"].id]),
        )
    ).all()


def test_stopping_an_offer_closes_the_requests_still_waiting_kindly(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = db.session.scalar(
        db.select(StoryVersion.id).where(StoryVersion.story_id == story_id)
    )
    offer(learner, story_id, version_id)
    staff = signed_in(app, "staff")
    waiting = request_use(staff, version_id)
    agreed = request_use(staff, version_id, audience="A second talk")
    post_form(learner, f"/stories/requests/{agreed}/agree", {"shown_name": "Mai"})
    assert db.session.get(StoryAgreement, agreed).status == "agreed"

    stopped = offer(learner, story_id, version_id, "stop-offering")
    page = text(learner.get(stopped.location))
    assert "1 request you had not answered yet was closed" in page
    db.session.expire_all()
    assert db.session.get(StoryAgreement, waiting).status == "withdrawn"
    # An agreement already given stays: only the member withdraws it, on its own page.
    assert db.session.get(StoryAgreement, agreed).status == "agreed"
    assert actions("story_version", version_id) == [
        "story_version_offered",
        "story_version_offer_stopped",
    ]
    assert actions("story_agreement", waiting)[-1] == "story_request_closed_offer_stopped"
    closed = staff_notes(world, "story_request_closed")
    assert [n.link for n in closed] == [f"/staff/stories/{waiting}"]

    request_page = text(staff.get(f"/staff/stories/{waiting}"))
    assert "chose to stop offering this version" in request_page
    assert "nothing more is needed from you" in request_page
    assert "take the story down" not in request_page  # it was never agreed: nothing to take down
    other_page = text(staff.get(f"/staff/stories/{agreed}"))
    assert "chose to stop offering" not in other_page


def test_stopping_an_offer_with_no_requests_says_so_simply(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = db.session.scalar(
        db.select(StoryVersion.id).where(StoryVersion.story_id == story_id)
    )
    offer(learner, story_id, version_id)
    stopped = offer(learner, story_id, version_id, "stop-offering")
    page = text(learner.get(stopped.location))
    assert "Staff can no longer ask for this version." in page and "was closed" not in page
