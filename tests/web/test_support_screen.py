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


def _more_mentors(world, *names):
    from lms.orgs.models import MentorAssignment

    from .conftest import make_user

    for position, name in enumerate(names):
        mentor = make_user(f"mentor_{position}", world.org, "mentor", display_name=name)
        db.session.add(
            MentorAssignment(
                organisation_id=world.org.id,
                mentor_id=mentor.id,
                learner_id=world.users["learner"].id,
            )
        )
    db.session.commit()


def test_every_mentor_is_named_as_the_language_joins_a_list(client, auth, world, synced):
    """Three mentors in English ("A, B, and C", names escaped); the same on a Chinese page
    with its own joining words."""
    _more_mentors(world, "Ana <b>&</b> Bo", "Zia")
    auth.sign_in("learner")
    checkin_id = start(client)
    support = answer_and_submit(client, checkin_id, HARD).location
    page = client.get(support).get_data(as_text=True)
    assert "Ana &lt;b&gt;&amp;&lt;/b&gt; Bo, Mentor, and Zia will get a message" in page
    assert "<b>&</b>" not in page
    world.users["learner"].locale = "zh_Hans"
    db.session.commit()
    page = client.get(support).get_data(as_text=True)
    assert "Ana &lt;b&gt;&amp;&lt;/b&gt; Bo、Mentor和Zia" in page
    assert "48" in page


def test_a_bengali_page_writes_the_hours_in_bengali_digits(client, auth, world, synced):
    """The hours before staff are told were written by Flask-Babel's format_number, in 0-9,
    on a page (and a notice) that is otherwise in Bengali digits."""
    from .test_local_digits import latin_digits

    _more_mentors(world, "Zia")
    world.users["learner"].locale = "bn"
    db.session.commit()
    auth.sign_in("learner")
    checkin_id = start(client)
    support = answer_and_submit(client, checkin_id, HARD).location
    page = client.get(support).get_data(as_text=True)
    assert "Mentor এবং Zia" in page
    assert "৪৮" in page and latin_digits(page) == []
    done = post_form(client, f"/checkins/{checkin_id}/tell-my-mentor", {}, page=support)
    notice = client.get(done.location).get_data(as_text=True)
    assert "৪৮" in notice and latin_digits(notice) == []
