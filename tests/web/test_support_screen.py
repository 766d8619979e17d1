"""The supportive screen after a hard check-in says exactly who will be told, and when
(issue 14, item 8)."""

from lms.extensions import db
from lms.needs.models import Need

from .conftest import post_form
from .test_readiness_and_roles import answer_and_submit, start

HARD = {"item.safe-place": "0"}


def test_a_learner_with_a_mentor_is_told_who_and_when(client, auth, world, synced):
    auth.sign_in("learner")
    checkin_id = start(client)
    support = answer_and_submit(client, checkin_id, HARD).location
    page = client.get(support).get_data(as_text=True)
    assert "Would you like your mentor to get in touch?" in page
    assert "Mentor will get a message asking them to contact you" in page  # by name
    assert "If they have not answered after 48 hours, staff at Harbour Group are told" in page
    done = post_form(client, f"/checkins/{checkin_id}/tell-my-mentor", {}, page=support)
    notice = client.get(done.location).get_data(as_text=True)
    assert "If they have not answered after 48 hours, staff at your organisation" in notice


def test_a_learner_with_no_mentor_hears_of_their_organisation_not_a_mentor(
    client, auth, world, synced
):
    auth.sign_in("learner2")
    checkin_id = start(client)
    support = answer_and_submit(client, checkin_id, HARD).location
    page = client.get(support).get_data(as_text=True)
    assert "your mentor" not in page.lower()
    assert "Would you like someone from your organisation to get in touch?" in page
    assert "Staff at Harbour Group will get a message straight away" in page
    assert "Yes, let my organisation know" in page
    done = post_form(client, f"/checkins/{checkin_id}/tell-my-mentor", {}, page=support)
    assert db.session.scalar(db.select(Need)).escalated_at is not None
    notice = client.get(done.location).get_data(as_text=True)
    assert "Staff at your organisation were asked to get in touch" in notice
    assert "Your mentor was asked" not in notice
