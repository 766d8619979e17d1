"""Staff-only pages in a real browser: settings, support contacts, roles, requests and the
audit log, with their error states, each scanned by axe-core."""

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in


def test_admin_settings_support_contacts_and_audit_log(site, desktop):
    sign_in(desktop, site.url, "admin")
    desktop.goto(site.url + "/staff/settings")
    expect(desktop.get_by_role("heading", name="Organisation settings")).to_be_visible()
    assert_accessible(desktop, "organisation settings")
    hours = desktop.get_by_label("Pass unanswered support requests to staff after how many hours")
    hours.fill("500")
    desktop.get_by_label("Issuer name printed on certificates (optional)").fill("Harbour Learning")
    desktop.get_by_role("button", name="Save the settings").click()
    # A kind error beside the field; the other change is kept.
    expect(desktop.locator(".error-summary")).to_be_visible()
    expect(desktop.get_by_text("Please choose between 1 and 168 hours.").first).to_be_visible()
    expect(desktop.get_by_label("Issuer name printed on certificates (optional)")).to_have_value(
        "Harbour Learning"
    )
    assert_accessible(desktop, "organisation settings with an error")
    hours.fill("24")
    desktop.get_by_role("button", name="Save the settings").click()
    expect(desktop.locator(".error-summary")).to_have_count(0)

    desktop.goto(site.url + "/staff/support")
    expect(desktop.get_by_role("heading", name="Support page contacts")).to_be_visible()
    assert_accessible(desktop, "support contacts")
    desktop.get_by_label("How to reach them").fill("Chat: harbour-legal")
    desktop.get_by_role("button", name="Add this contact").click()
    expect(desktop.get_by_text("Please fill this in.").first).to_be_visible()
    expect(desktop.get_by_label("How to reach them")).to_have_value("Chat: harbour-legal")
    assert_accessible(desktop, "support contacts with an error")
    desktop.get_by_label("Name of the service or person").fill("Harbour legal clinic")
    desktop.get_by_role("button", name="Add this contact").click()
    expect(desktop.get_by_text("Harbour legal clinic").first).to_be_visible()

    desktop.goto(site.url + "/support")
    expect(desktop.get_by_text("Harbour legal clinic").first).to_be_visible()
    assert_accessible(desktop, "support page with the new contact")

    desktop.goto(site.url + "/staff/audit")
    expect(desktop.get_by_role("heading", name="Audit log")).to_be_visible()
    assert_accessible(desktop, "audit log")
    screenshot(desktop, "audit-log-desktop")


def test_staff_role_settings_and_mentor_requests(site, phone, new_page):
    learner = new_page()
    sign_in(learner, site.url, "learner")
    learner.goto(site.url + "/mentors")
    learner.get_by_role("button", name="Send my request to staff").click()
    expect(learner.get_by_text("Your request was sent to staff.").first).to_be_visible()

    sign_in(phone, site.url, "staff")
    phone.goto(site.url + "/staff/roles")
    expect(phone.get_by_role("heading", name="Roles in your organisation")).to_be_visible()
    assert_accessible(phone, "role settings")
    phone.goto(site.url + "/staff/mentor-requests")
    expect(phone.get_by_role("heading", name="Requests for a different mentor")).to_be_visible()
    expect(phone.get_by_text("Min").first).to_be_visible()
    assert_accessible(phone, "mentor requests")
    screenshot(phone, "mentor-requests-phone")
    phone.get_by_role("button", name="Mark as done and tell the member").first.click()
    assert_accessible(phone, "mentor requests after resolving")
