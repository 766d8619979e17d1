"""A refused certificate name change in a real browser: the message beside the field, the
typed name kept, the form still open; then the corrected name goes through (phone, axe)."""

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in

HIDDEN = "This has hidden characters. Please type it again by hand."


def test_certificate_name_change_refuses_a_direction_override(site, phone):
    sign_in(phone, site.url, "learner")
    for lesson in ("first-steps", "hard-topic", "last-lesson"):
        phone.goto(f"{site.url}/learn/sample-rights/{lesson}?read=1")
        phone.get_by_role("button", name="I’ve finished this lesson").click()
    phone.goto(site.url + "/certificates")
    phone.get_by_role("radio").first.check()  # the name to show
    phone.get_by_role("button", name="Get my certificate").click()
    expect(phone.get_by_text("Your certificate is ready.")).to_be_visible()

    phone.locator("summary", has_text="Print a different name").click()
    name = phone.get_by_label("The name you would like printed instead")
    name.fill("Lan\u202eoH")
    phone.get_by_role("button", name="Ask staff to print it again").click()
    expect(phone.get_by_text(HIDDEN)).to_be_visible()
    expect(name).to_have_value("Lan\u202eoH")
    expect(name).to_have_attribute("aria-invalid", "true")
    assert_accessible(phone, "certificates, name change refused")
    screenshot(phone, "certificate-name-refused-phone")

    name.fill("Lan Ho")
    phone.get_by_role("button", name="Ask staff to print it again").click()
    expect(
        phone.get_by_text("Staff were asked to print the certificate again with the new name.")
    ).to_be_visible()
