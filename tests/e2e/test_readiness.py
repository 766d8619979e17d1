"""Readiness and roles in a real browser, each page scanned by axe-core."""

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in

READY_ITEMS = [
    "I have a safe place to stay now.",
    "I have someone I can call if I feel upset.",
    "I want to do this for myself.",
    "I know I can stop or pause at any time.",
]


def answer(page, item_text, label):
    page.get_by_role("group", name=item_text).get_by_label(label, exact=True).check()


def do_checkin(page, base_url, answers):
    page.goto(base_url + "/checkins")
    assert_accessible(page, "check-ins")
    page.get_by_role("button", name="How things are for you now").click()
    expect(page.get_by_role("heading", name="How things are for you now")).to_be_visible()
    assert_accessible(page, "check-in form")
    for item, label in answers.items():
        answer(page, item, label)
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page, "check your answers")
    page.get_by_role("button", name="Save this check-in").click()


def test_checkin_checklist_mentor_endorses_staff_confirms_pause_resume(site, phone, new_page):
    sign_in(phone, site.url, "learner")
    do_checkin(phone, site.url, {item: "Completely" for item in READY_ITEMS})
    expect(phone.get_by_role("heading", name="What your check-in means")).to_be_visible()
    expect(phone.get_by_text("You feel ready").first).to_be_visible()
    assert_accessible(phone, "check-in result")
    screenshot(phone, "checkin-result-phone")

    phone.get_by_role("link", name="See the roles and what opens them").click()
    assert_accessible(phone, "roles")
    phone.get_by_role("link", name="Peer supporter").click()
    expect(phone.get_by_role("heading", name="What opens this role")).to_be_visible()
    assert_accessible(phone, "role checklist")
    phone.get_by_role("button", name="I am interested in this role").click()
    phone.get_by_role("button", name="I am 18 or older").click()
    phone.goto(site.url + "/roles/peer-supporter")
    phone.get_by_role("button", name="Ask my mentor for a conversation").click()
    expect(phone.get_by_text("Your mentor was asked for a conversation.")).to_be_visible()
    screenshot(phone, "role-checklist-phone")

    mentor = new_page(viewport={"width": 1280, "height": 800})
    sign_in(mentor, site.url, "mentor")
    mentor.get_by_role("link", name="Mentors").first.click()
    mentor.get_by_role("link", name="Min").click()
    expect(mentor.get_by_role("heading", name="Min")).to_be_visible()
    # Check-ins are not shared with this mentor: the checklist says only "met", no areas.
    expect(mentor.get_by_text("A check-in this role asks for.")).to_be_visible()
    expect(mentor.get_by_text("You feel ready")).to_have_count(0)
    assert_accessible(mentor, "mentoring page")
    mentor.get_by_label("Endorse: ready for this role").check()
    mentor.get_by_role("button", name="Record this conversation").click()
    expect(mentor.get_by_text("The conversation was recorded.")).to_be_visible()

    # The course is still to do, so staff cannot confirm yet: finish it, then staff confirm.
    for lesson in ("first-steps", "hard-topic", "last-lesson"):
        phone.goto(f"{site.url}/learn/sample-rights/{lesson}?read=1")
        phone.get_by_role("button", name="I’ve finished this lesson").click()
    phone.goto(site.url + "/roles/peer-supporter")
    expect(phone.get_by_text("Every step is done.")).to_be_visible()

    staff = new_page(viewport={"width": 1280, "height": 800})
    sign_in(staff, site.url, "staff")
    staff.goto(site.url + "/staff/roles/applications")
    assert_accessible(staff, "role applications")
    staff.get_by_role("link", name="Min").click()
    assert_accessible(staff, "role application")
    staff.get_by_role("button", name="Confirm the role").click()
    expect(staff.get_by_text("The role is active.")).to_be_visible()

    phone.goto(site.url + "/roles")
    phone.get_by_role("button", name="Pause all my engagement").click()
    expect(phone.get_by_text("All your engagement is paused.")).to_be_visible()
    staff.goto(site.url + "/staff/roles/applications")
    expect(staff.get_by_text("Paused")).to_be_visible()
    phone.get_by_role("button", name="Resume my engagement").click()
    expect(phone.get_by_text("Welcome back.")).to_be_visible()


def test_distress_path_and_opt_in_mentor_alert_without_javascript(site, phone_no_js, new_page):
    page = phone_no_js
    sign_in(page, site.url, "learner")
    do_checkin(page, site.url, {"I have a safe place to stay now.": "Not at all"})
    expect(page.get_by_role("heading", name="Thank you for telling us")).to_be_visible()
    expect(page.get_by_text("Harbour helpline")).to_be_visible()
    assert_accessible(page, "supportive page")
    screenshot(page, "checkin-support-no-js")
    page.get_by_role("button", name="Yes, let my mentor know").click()
    expect(page.get_by_text("Your mentor was asked to get in touch.")).to_be_visible()

    mentor = new_page()
    sign_in(mentor, site.url, "mentor")
    expect(mentor.locator(".count")).to_have_text("1")
    mentor.get_by_role("link", name="People you mentor").click()
    expect(mentor.get_by_text("Asked you to get in touch")).to_be_visible()
    assert_accessible(mentor, "mentor dashboard")
    screenshot(mentor, "mentor-dashboard-phone")
    mentor.get_by_role("link", name="Min").click()
    expect(mentor.get_by_text("Asked you to get in touch")).to_be_visible()
    mentor.get_by_role("button", name="I have been in touch").click()
    expect(mentor.get_by_text("Marked as answered.")).to_be_visible()


def test_consent_switched_off_hides_data_from_the_mentor_at_once(site, desktop, new_page):
    sign_in(desktop, site.url, "learner")
    do_checkin(desktop, site.url, {item: "Completely" for item in READY_ITEMS})
    desktop.goto(site.url + "/sharing")
    assert_accessible(desktop, "sharing")
    desktop.get_by_label("Summaries of my check-ins").check()
    desktop.get_by_role("button", name="Save my choices").click()

    mentor = new_page()
    sign_in(mentor, site.url, "mentor")
    mentor.goto(site.url + "/mentors")
    mentor.get_by_role("link", name="Min").click()
    expect(mentor.get_by_text("feels ready").first).to_be_visible()

    desktop.goto(site.url + "/sharing")
    expect(desktop.get_by_text("a check-in summary").first).to_be_visible()  # who has seen it
    desktop.get_by_label("Summaries of my check-ins").uncheck()
    desktop.get_by_role("button", name="Save my choices").click()
    mentor.reload()
    expect(mentor.get_by_text("feels ready")).to_have_count(0)


def test_second_mentor_and_staff_vetting(site, phone, new_page):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/roles/rescue-volunteer")
    phone.get_by_role("button", name="I am interested in this role").click()
    mentor = new_page(viewport={"width": 1280, "height": 800})
    sign_in(mentor, site.url, "mentor")
    mentor.goto(site.url + "/mentors")
    mentor.get_by_role("link", name="Min").click()
    mentor.get_by_label("Not yet: with what would help").check()
    mentor.get_by_label("What would help next (optional)").fill("A few more weeks of rest first.")
    mentor.get_by_role("button", name="Record this conversation").click()
    phone.goto(site.url + "/roles/rescue-volunteer")
    expect(phone.get_by_text("A few more weeks of rest first.")).to_be_visible()
    phone.get_by_role("button", name="Ask for a second mentor's view").click()
    expect(phone.get_by_text("You do not need to give a reason.")).to_be_visible()

    staff = new_page(viewport={"width": 1280, "height": 800})
    sign_in(staff, site.url, "staff")
    staff.goto(site.url + "/staff/roles/applications")
    expect(staff.get_by_text("Second mentor asked for")).to_be_visible()
    staff.get_by_role("link", name="Min").click()
    for label in (
        "Identity checked",
        "References checked",
        "Interview done",
        "Confirmed 18 or older",
    ):
        staff.get_by_label(label).check()
    staff.get_by_role("button", name="Save the vetting record").click()
    expect(staff.get_by_text("The vetting record was saved.")).to_be_visible()
    assert_accessible(staff, "vetting saved")


def test_mentor_reads_shared_answers_as_questions_and_words(site, phone, new_page):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/sharing")
    phone.get_by_label("Summaries of my check-ins").check()
    phone.get_by_label("My check-in answers").check()
    phone.get_by_role("button", name="Save my choices").click()
    do_checkin(phone, site.url, {"I have a safe place to stay now.": "Completely"})

    mentor = new_page()
    sign_in(mentor, site.url, "mentor")
    mentor.goto(site.url + "/mentors")
    mentor.get_by_role("link", name="Min").click()
    mentor.get_by_text("Answers", exact=True).click()
    expect(mentor.get_by_text("I have a safe place to stay now.")).to_be_visible()
    expect(mentor.get_by_text("Completely", exact=True)).to_be_visible()
    expect(mentor.get_by_text("safe-place")).to_have_count(0)
    assert_accessible(mentor, "mentoring page with answers")
