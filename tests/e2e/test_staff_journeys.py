"""Issue 14 items 7, 8, 13 and 15 in a real browser at 360 px, each page scanned by axe-core."""

from playwright.sync_api import expect

from lms.extensions import db
from lms.orgs.models import Organisation
from lms.programme.models import Cohort

from .conftest import _run_axe, assert_accessible, screenshot, sign_in
from .test_readiness import do_checkin


def no_violation(page, rule: str):
    results = _run_axe(page)
    assert [v["id"] for v in results.response["violations"] if v["id"] == rule] == []


def test_a_pause_stops_new_steps_and_says_so(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/roles")
    phone.get_by_role("button", name="Pause all my engagement").click()
    phone.goto(site.url + "/roles/peer-supporter")
    expect(phone.get_by_text("nothing new starts for now").first).to_be_visible()
    expect(phone.get_by_role("button", name="I am interested in this role")).to_have_count(0)
    expect(phone.get_by_role("button", name="Ask my mentor for a conversation")).to_have_count(0)
    assert_accessible(phone, "paused role page")
    screenshot(phone, "role-paused-phone")
    phone.get_by_role("link", name="Go to the Roles page").click()
    phone.get_by_role("button", name="Resume my engagement").click()
    phone.goto(site.url + "/roles/peer-supporter")
    phone.get_by_role("button", name="I am interested in this role").click()
    expect(phone.get_by_text("Your interest is noted.")).to_be_visible()


def test_supportive_screen_without_a_mentor_names_the_organisation(site, phone):
    sign_in(phone, site.url, "learner2")  # Rahim has no mentor
    do_checkin(phone, site.url, {"I have a safe place to stay now.": "Not at all"})
    expect(
        phone.get_by_role("heading", name="Would you like someone from your organisation")
    ).to_be_visible()
    expect(
        phone.get_by_text("Staff at Harbour Group will get a message straight away")
    ).to_be_visible()
    assert_accessible(phone, "supportive page without a mentor")
    phone.get_by_role("button", name="Yes, let my organisation know").click()
    expect(
        phone.get_by_text("Staff at your organisation were asked to get in touch.")
    ).to_be_visible()


def test_staff_pages_at_phone_size(site, phone):
    with site.app.app_context():
        org = db.session.scalar(db.select(Organisation))
        db.session.add(Cohort(organisation_id=org.id, name="Spring group"))
        db.session.commit()
        cohort_id = db.session.scalar(db.select(Cohort.id))
    learner = phone.context.new_page()
    sign_in(learner, site.url, "learner")
    learner.goto(site.url + "/roles/peer-supporter")
    learner.get_by_role("button", name="I am interested in this role").click()
    learner.close()
    phone.context.clear_cookies()

    sign_in(phone, site.url, "staff")
    phone.goto(site.url + "/staff/roles/applications")
    expect(phone.get_by_role("cell", name="Peer supporter")).to_be_visible()
    assert_accessible(phone, "applications")
    no_violation(phone, "region")  # quick exit and skip link sit in a landmark
    phone.get_by_role("link", name="Min").click()
    expect(phone.get_by_text("You completed")).to_have_count(0)
    assert_accessible(phone, "application")

    phone.goto(f"{site.url}/staff/cohorts/{cohort_id}")
    table = phone.get_by_role("region", name="Courses").or_(phone.locator(".table-wrap")).first
    table.focus()
    expect(table).to_be_focused()
    assert_accessible(phone, "cohort")
    no_violation(phone, "scrollable-region-focusable")
    screenshot(phone, "cohort-phone")


def test_discreet_mode_stays_on_the_device_until_switched_off(site, phone):
    with site.app.app_context():
        db.session.scalar(db.select(Organisation)).is_discreet = True
        db.session.commit()
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/learn/sample-rights")
    expect(phone).to_have_title("Study notes")
    phone.get_by_role("button", name="Sign out").click()
    expect(phone).to_have_title("Study notes")
    assert_accessible(phone, "discreet sign-in")
    phone.get_by_role("button", name="Switch off discreet mode on this device").click()
    expect(phone).to_have_title("Sign in – Pathways")
