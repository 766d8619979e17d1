"""Goals agreed between a learner and their mentor, mentor notes, and a learner ending
mentoring, in a real browser; every page scanned by axe-core."""

from datetime import timedelta

from playwright.sync_api import expect

from lms.accounts.models import User
from lms.extensions import db
from lms.mentoring.models import MentorNote
from lms.orgs.models import Organisation
from lms.timeutil import utcnow
from tests.web.conftest import make_user

from .conftest import assert_accessible, screenshot, sign_in


def test_mentor_suggests_a_goal_learner_changes_accepts_and_notes_it(site, phone, new_page):
    mentor = phone
    sign_in(mentor, site.url, "mentor")
    mentor.goto(site.url + "/mentoring")
    expect(mentor.get_by_role("heading", name="People you mentor")).to_be_visible()
    assert_accessible(mentor, "mentor dashboard")
    mentor.get_by_role("link", name="Min").click()
    expect(mentor.get_by_role("heading", name="Min", exact=True)).to_be_visible()
    assert_accessible(mentor, "mentoring page")

    # A goal without words: a kind error beside the field, the chosen course kept.
    mentor.get_by_label("Sample rights course").check()
    mentor.get_by_role("button", name="Suggest this goal").click()
    expect(mentor.locator(".error-summary")).to_be_visible()
    expect(mentor.get_by_text("Please write the goal.").first).to_be_visible()
    expect(mentor.get_by_label("Sample rights course")).to_be_checked()
    assert_accessible(mentor, "mentoring page with a goal error")
    mentor.get_by_label("The goal, in plain words").fill("Practise introducing yourself")
    mentor.get_by_role("button", name="Suggest this goal").click()
    expect(mentor.get_by_text("The goal was sent to Min.")).to_be_visible()
    assert_accessible(mentor, "mentoring page after suggesting a goal")

    # A note kept back needs a reason: the error is beside the field and the words stay.
    mentor.get_by_label("Your note").fill("Min mentioned a worrying message.")
    mentor.get_by_label("Keep this note from the learner (only for safeguarding)").check()
    mentor.get_by_role("button", name="Save this note").click()
    expect(mentor.get_by_text("Please say why, for staff.").first).to_be_visible()
    expect(mentor.get_by_label("Your note")).to_have_value("Min mentioned a worrying message.")
    assert_accessible(mentor, "mentoring page with a note error")
    mentor.get_by_label("Why is it kept back?").select_option("Risk of harm to the learner")
    mentor.get_by_label("The reason, for staff").fill("A threat from a former employer.")
    mentor.get_by_role("button", name="Save this note").click()
    expect(mentor.get_by_text("The note was saved and kept from Min.")).to_be_visible()
    mentor.get_by_label("Your note").fill("Good to meet you today.")
    mentor.get_by_role("button", name="Save this note").click()
    expect(mentor.get_by_text("The note was saved. Min can read it")).to_be_visible()

    learner = new_page()
    sign_in(learner, site.url, "learner")
    learner.get_by_role("link", name="Goals").first.click()
    expect(learner.get_by_role("heading", name="Waiting for your answer")).to_be_visible()
    assert_accessible(learner, "goals")
    learner.get_by_role("link", name="Practise introducing yourself").click()
    expect(learner.get_by_text("Mentor Mai suggested this goal.")).to_be_visible()
    assert_accessible(learner, "a suggested goal")
    learner.get_by_text("Change the words, the date or the links").click()
    target = utcnow().date() + timedelta(days=45)
    learner.get_by_label("Target date (optional)").fill(target.isoformat())
    learner.get_by_role("button", name="Save my changes").click()
    expect(learner.get_by_text("Your changes were saved.")).to_be_visible()
    assert_accessible(learner, "goal after a change")
    learner.get_by_role("button", name="Accept this goal").click()
    expect(learner.get_by_text("You accepted this goal. It is active now.")).to_be_visible()
    learner.get_by_label("Progress note").fill("I practised with a friend.")
    learner.get_by_role("button", name="Add this note").click()
    expect(learner.get_by_text("Your note was saved.")).to_be_visible()
    expect(learner.get_by_text("I practised with a friend.")).to_be_visible()
    assert_accessible(learner, "goal with a progress note")
    screenshot(learner, "goal-phone")

    learner.goto(site.url + "/goals")
    expect(learner.get_by_role("heading", name="Active")).to_be_visible()
    screenshot(learner, "goals-phone")
    learner.goto(site.url + "/mentors")
    expect(learner.get_by_text("Good to meet you today.")).to_be_visible()
    expect(learner.get_by_text("Some notes are kept back for safety reasons.")).to_be_visible()
    expect(learner.get_by_text("worrying message")).to_have_count(0)
    assert_accessible(learner, "mentors page with notes")

    mentor.reload()
    goal = mentor.locator("#goals .panel").filter(has_text="Practise introducing yourself")
    expect(goal.get_by_text("Active", exact=True)).to_be_visible()
    expect(goal.get_by_text("I practised with a friend.")).to_be_visible()
    goal.get_by_label("Progress note").fill("Well done. Next: try it in a group.")
    goal.get_by_role("button", name="Add this note").click()
    expect(mentor.get_by_text("Your note was added to the goal.")).to_be_visible()
    assert_accessible(mentor, "mentoring page with the accepted goal")
    screenshot(mentor, "mentoring-learner-phone")
    mentor.goto(site.url + "/mentoring")
    expect(mentor.get_by_text("1 active goal")).to_be_visible()


def test_learner_ends_mentoring_and_staff_offer_someone_else(site, phone, new_page):
    with site.app.app_context():
        org = db.session.scalar(db.select(Organisation))
        make_user("mentor2", org, "mentor", "Mentor Noor")
        ids = dict(db.session.execute(db.select(User.username, User.id)).all())
        learner_id, mentor_id = ids["learner"], ids["mentor"]
        db.session.add(
            MentorNote(
                organisation_id=org.id,
                learner_id=learner_id,
                author_id=mentor_id,
                body="Kept back for safety.",
                held_back=True,
                held_back_category="harm_to_others",
                held_back_reason="A report was made.",
            )
        )
        db.session.commit()

    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/mentors")
    assert_accessible(phone, "mentors page")
    phone.get_by_role("link", name="Stop mentoring with Mentor Mai").click()
    expect(phone.get_by_role("heading", name="Stop mentoring with Mentor Mai?")).to_be_visible()
    assert_accessible(phone, "stop mentoring confirmation")
    screenshot(phone, "end-mentoring-phone")
    phone.get_by_role("button", name="Stop mentoring with Mentor Mai").click()
    expect(phone.get_by_text("Mentoring with Mentor Mai has ended.")).to_be_visible()
    expect(phone.get_by_text("You do not have a mentor yet.")).to_be_visible()
    assert_accessible(phone, "mentors page after ending")
    phone.get_by_role("button", name="Send my request to staff").click()
    expect(phone.get_by_text("Your request was sent to staff.").first).to_be_visible()

    former = new_page()
    sign_in(former, site.url, "mentor")
    former.goto(site.url + "/mentoring")
    expect(former.get_by_text("Nobody is assigned to you yet.")).to_be_visible()
    assert_accessible(former, "former mentor's dashboard")

    staff = new_page(viewport={"width": 1280, "height": 800})
    sign_in(staff, site.url, "staff")
    staff.goto(site.url + "/staff/mentor-requests")
    expect(staff.get_by_text("Ended mentoring with Mentor Mai")).to_be_visible()
    assert_accessible(staff, "mentor requests with an ended link")
    staff.get_by_role("link", name="Offer Min another mentor").click()
    expect(staff.get_by_role("heading", name="Notes held back for safeguarding")).to_be_visible()
    expect(staff.get_by_text("A report was made.")).to_be_visible()
    assert_accessible(staff, "member page")
    staff.get_by_label("Add a mentor").select_option(label="Mentor Noor (mentor2)")
    staff.get_by_role("button", name="Add this mentor").click()
    expect(staff.get_by_text("The mentor was added.")).to_be_visible()
    assert_accessible(staff, "member page with a new mentor")
    staff.goto(site.url + "/staff/mentor-requests")
    done = staff.get_by_role("button", name="Mark as done and tell the member")
    expect(done).to_have_count(2)  # the ended link and the request for someone else
    done.first.click()
    expect(done).to_have_count(1)
    done.first.click()
    expect(staff.get_by_text("There are no open requests.")).to_be_visible()

    phone.goto(site.url + "/mentors")
    expect(phone.get_by_role("link", name="Stop mentoring with Mentor Noor")).to_be_visible()
