"""Journeys of the foundation issue, in a real browser, each page scanned by axe-core."""

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in

NEW_PASSWORD = "lantern harbour evening"


def test_staff_invites_and_a_new_member_signs_up(site, desktop, new_page):
    sign_in(desktop, site.url, "staff")
    assert_accessible(desktop, "home (staff)")
    desktop.get_by_role("link", name="Staff area").click()
    assert_accessible(desktop, "members")
    desktop.get_by_role("link", name="Invitations").first.click()
    assert_accessible(desktop, "invitations")
    desktop.get_by_label("They will join as").select_option("learner")
    desktop.get_by_label("A note for staff (optional)").fill("Tuesday group")
    desktop.get_by_role("button", name="Make an invitation").click()
    expect(desktop.get_by_role("heading", name="Invitation ready")).to_be_visible()
    assert_accessible(desktop, "invitation ready")
    code = desktop.locator(".code-display").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    newcomer = new_page()
    newcomer.goto(site.url + "/")
    assert_accessible(newcomer, "welcome")
    newcomer.get_by_role("link", name="I have an invitation code").first.click()
    assert_accessible(newcomer, "join code")
    newcomer.get_by_label("Invitation code").fill(code.lower().replace("-", " "))
    newcomer.get_by_role("button", name="Continue").click()
    expect(newcomer.get_by_role("heading", name="Create your account")).to_be_visible()
    newcomer.get_by_label("Username").fill("lin")
    newcomer.get_by_label("Name to show").fill("Lin")
    newcomer.get_by_label("Password", exact=True).fill("short")
    newcomer.get_by_label("Type the password again").fill("short")
    newcomer.get_by_role("button", name="Create my account").click()
    # A kind error beside the field, with an error summary, and nothing typed is lost.
    expect(newcomer.locator(".error-summary")).to_be_visible()
    expect(newcomer.get_by_label("Username")).to_have_value("lin")
    assert_accessible(newcomer, "join with errors")
    screenshot(newcomer, "join-errors-phone")
    newcomer.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("Type the password again").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Create my account").click()
    expect(newcomer.get_by_role("heading", name="Hello, Lin")).to_be_visible()
    assert_accessible(newcomer, "home (new learner)")

    # The code cannot be used twice.
    third = new_page()
    third.goto(site.url + "/join?code=" + code)
    expect(third.get_by_text("This invitation was already used.").first).to_be_visible()


def test_sign_in_wrong_password_rate_limit_and_sign_out(site, phone):
    sign_in(phone, site.url, "learner", "not my password")
    expect(phone.get_by_text("The username or password is not right").first).to_be_visible()
    assert_accessible(phone, "sign in error")
    for _ in range(5):
        sign_in(phone, site.url, "learner", "not my password")
    expect(phone.get_by_text("Please wait a minute, then try again").first).to_be_visible()
    expect(phone.get_by_label("Username")).to_have_value("learner")
    assert_accessible(phone, "rate limited")
    screenshot(phone, "sign-in-rate-limited-phone")

    site.seed()  # a minute later, in effect
    sign_in(phone, site.url, "learner")
    expect(phone.get_by_role("heading", name="Hello, Min")).to_be_visible()
    phone.get_by_role("button", name="Sign out").click()
    expect(phone.get_by_text("You are signed out.")).to_be_visible()
    phone.goto(site.url + "/account")
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()


def test_language_switch_on_every_page(site, phone):
    phone.goto(site.url + "/sign-in")
    phone.get_by_role("button", name="中文").click()
    expect(phone.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert_accessible(phone, "sign in (zh)")
    phone.get_by_role("button", name="বাংলা").click()
    expect(phone.locator("html")).to_have_attribute("lang", "bn")
    assert_accessible(phone, "sign in (bn)")
    screenshot(phone, "sign-in-bn-phone")
    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()


def test_quick_exit_with_javascript_link_and_shift_three_times(site, desktop):
    sign_in(desktop, site.url, "learner")
    desktop.goto(site.url + "/account")
    desktop.keyboard.press("Tab")
    expect(desktop.locator("#quick-exit")).to_be_focused()  # first in the tab order
    desktop.locator("#quick-exit").click()
    expect(desktop).to_have_title("Weather")
    desktop.go_back()
    # The account page was replaced in history and the session ended: nothing to see.
    assert (
        "/account" not in desktop.url or desktop.get_by_role("heading", name="Sign in").is_visible()
    )

    sign_in(desktop, site.url, "learner")
    desktop.goto(site.url + "/support")
    for _ in range(3):
        desktop.keyboard.press("Shift")
    expect(desktop).to_have_title("Weather")
    desktop.goto(site.url + "/account")
    expect(desktop.get_by_role("heading", name="Sign in")).to_be_visible()


def test_quick_exit_without_javascript(site, phone_no_js):
    sign_in(phone_no_js, site.url, "learner")
    expect(phone_no_js.get_by_role("heading", name="Hello, Min")).to_be_visible()
    assert_accessible(phone_no_js, "home without JavaScript")
    phone_no_js.get_by_role("link", name="Exit this page").click()
    expect(phone_no_js).to_have_title("Weather")
    phone_no_js.goto(site.url + "/account")
    expect(phone_no_js.get_by_role("heading", name="Sign in")).to_be_visible()
    phone_no_js.goto(site.url + "/safety")
    assert_accessible(phone_no_js, "safety help")


def test_staff_assigns_a_mentor_and_the_learner_sees_it(site, desktop, new_page):
    sign_in(desktop, site.url, "staff")
    desktop.goto(site.url + "/staff/members")
    desktop.get_by_role("link", name="Rahim").click()
    assert_accessible(desktop, "member page")
    desktop.get_by_label("Add a mentor").select_option(label="Mentor Mai (mentor)")
    desktop.get_by_role("button", name="Add this mentor").click()
    expect(desktop.get_by_text("The mentor was added.")).to_be_visible()

    learner = new_page()
    sign_in(learner, site.url, "learner2")
    expect(learner.locator(".count")).to_have_text("1")
    learner.get_by_role("link", name=re.compile("Messages")).click()
    assert_accessible(learner, "messages")
    learner.get_by_role("link", name="New message").click()
    expect(learner.get_by_text("A mentor was added for you")).to_be_visible()
    learner.get_by_role("link", name="Mentors").first.click()
    expect(learner.get_by_role("listitem").filter(has_text="Mentor Mai")).to_be_visible()
    assert_accessible(learner, "my mentors")


def test_reset_code_journey(site, desktop, new_page):
    sign_in(desktop, site.url, "staff")
    desktop.goto(site.url + "/staff/members")
    desktop.get_by_role("link", name="Min", exact=True).click()
    desktop.get_by_role("button", name="Make a reset code").click()
    expect(desktop.get_by_role("heading", name="Reset code for Min")).to_be_visible()
    assert_accessible(desktop, "reset code")
    code = desktop.locator(".code-display").inner_text().strip()

    learner = new_page()
    learner.goto(site.url + "/sign-in")
    learner.get_by_role("link", name="I have a reset code from staff").click()
    assert_accessible(learner, "reset form")
    learner.get_by_label("Username").fill("learner")
    learner.get_by_label("Reset code").fill(code)
    learner.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    learner.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    learner.get_by_role("button", name="Save my new password").click()
    expect(learner.get_by_text("Your new password is ready")).to_be_visible()
    sign_in(learner, site.url, "learner", NEW_PASSWORD)
    expect(learner.get_by_text("Your password was reset with a code from staff on")).to_be_visible()


def test_data_export_and_account_deletion(site, phone):
    sign_in(phone, site.url, "learner")
    phone.get_by_role("link", name="Your account").click()
    assert_accessible(phone, "account")
    screenshot(phone, "account-phone")
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Download my data").first.click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["username"] == "learner"
    assert data["organisations"][0]["mentors"] == ["Mentor Mai"]

    phone.get_by_role("link", name="Delete my account").click()
    assert_accessible(phone, "delete account")
    phone.get_by_label("Your password").fill("correct horse battery")
    phone.get_by_role("button", name="Delete my account").click()
    expect(phone.locator(".error-summary")).to_be_visible()  # the box was not ticked
    phone.get_by_label("Your password").fill("correct horse battery")
    phone.get_by_label("I understand that my account").check()
    phone.get_by_role("button", name="Delete my account").click()
    expect(phone.get_by_role("heading", name="Your account was deleted")).to_be_visible()
    assert_accessible(phone, "deleted")
    sign_in(phone, site.url, "learner")
    expect(phone.get_by_text("The username or password is not right").first).to_be_visible()
