"""The mentor dashboard shows only what each learner shares; requests come first."""

from lms.access.models import SharingConsent
from lms.extensions import db
from lms.needs.models import Need

from .conftest import post_form


def test_dashboard_respects_sharing_and_puts_requests_first(app, client, auth, world, synced):
    learner = app.test_client()
    post_form(learner, "/sign-in", {"username": "learner", "password": "correct horse battery"})
    post_form(
        learner,
        "/learn/sample-rights/first-steps/progress",
        {"event": "finished"},
        page="/learn/sample-rights/first-steps",
    )
    auth.sign_in("mentor")
    page = client.get("/mentoring").get_data(as_text=True)
    assert "Learner" in page and "1 lesson done" in page
    db.session.add(
        SharingConsent(
            user_id=world.users["learner"].id,
            organisation_id=world.org.id,
            mentor_id=world.users["mentor"].id,
            share_progress=False,
        )
    )
    db.session.add(Need(organisation_id=world.org.id, user_id=world.users["learner"].id))
    db.session.commit()
    page = client.get("/mentoring").get_data(as_text=True)
    assert "1 lesson done" not in page and "Learning progress is not shared with you." in page
    assert "Asked you to get in touch" in page
    assert "Learner2" not in page  # not assigned to this mentor


def test_quiet_learners_get_a_gentle_cue(client, auth, world, synced):
    auth.sign_in("mentor")
    page = client.get("/mentoring").get_data(as_text=True)
    assert "A friendly check-in?" in page


def test_mentor_counts_finished_lessons_not_skipped_ones(app, client, auth, world, synced):
    learner = app.test_client()
    post_form(learner, "/sign-in", {"username": "learner", "password": "correct horse battery"})
    for slug, event in (("first-steps", "finished"), ("hard-topic", "skipped")):
        post_form(
            learner,
            f"/learn/sample-rights/{slug}/progress",
            {"event": event},
            page=f"/learn/sample-rights/{slug}?read=1",
        )
    auth.sign_in("mentor")
    page = client.get("/mentoring").get_data(as_text=True)
    assert "1 lesson done" in page and "2 lessons done" not in page
