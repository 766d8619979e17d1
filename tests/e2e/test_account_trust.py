"""Two-step sign-in enrolment and the reset question ("was this you?"), in a real browser at
360 px, each page scanned by axe-core; the "not me" answer also without JavaScript."""

import re
import time

import pyotp
from playwright.sync_api import expect

from .conftest import PASSWORD, assert_accessible, screenshot, sign_in

NEW_PASSWORD = "lantern harbour evening"


def test_a_learner_sets_up_two_step_sign_in_on_a_phone(site, phone):
    sign_in(phone, site.url, "learner")
    phone.get_by_role("link", name="Your account").click()
    phone.get_by_role("link", name="Two-step sign-in").click()
    expect(phone.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    assert_accessible(phone, "two-step status")
    phone.get_by_role("link", name="Set up two-step sign-in").click()
    expect(phone.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    phone.get_by_text("I cannot scan the code").click()
    assert_accessible(phone, "two-step setup")
    screenshot(phone, "two-step-setup-phone")
    key = phone.locator("#two-step-key").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", key)

    phone.get_by_label("Code from the app").fill("000000")
    phone.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(phone.locator(".error-summary")).to_be_visible()
    assert_accessible(phone, "two-step setup with an error")
    phone.get_by_label("Code from the app").fill(pyotp.TOTP(key).now())
    phone.get_by_label("Your password").fill(PASSWORD)
    phone.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(phone.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert phone.locator(".recovery-codes li").count() == 10
    assert_accessible(phone, "recovery codes")
    screenshot(phone, "recovery-codes-phone")
    phone.get_by_role("link", name="I have kept my codes").click()

    phone.get_by_role("button", name="Sign out").click()
    sign_in(phone, site.url, "learner")
    expect(phone.get_by_role("heading", name="Code from your app")).to_be_visible()
    assert_accessible(phone, "second step")
    # The code of the next 30 seconds: the one used to enrol works only once.
    phone.get_by_label("Code", exact=True).fill(pyotp.TOTP(key).at(time.time() + 30))
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name="Hello, Min")).to_be_visible()


def _staff_reset_code(site, page) -> str:
    sign_in(page, site.url, "staff")
    page.goto(site.url + "/staff/members")
    page.get_by_role("link", name="Min", exact=True).click()
    page.get_by_role("button", name="Make a reset code").click()
    code = page.locator(".code-display").inner_text().strip()
    page.get_by_role("button", name="Sign out").click()
    return code


def _use_reset_code(site, page, code, password):
    page.goto(site.url + "/reset")
    page.get_by_label("Username").fill("learner")
    page.get_by_label("Reset code").fill(code)
    page.get_by_label("New password", exact=True).fill(password)
    page.get_by_label("Type the new password again").fill(password)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("Your new password is ready")).to_be_visible()


def test_the_reset_question_until_this_was_me(site, desktop, phone):
    _use_reset_code(site, phone, _staff_reset_code(site, desktop), NEW_PASSWORD)
    for attempt in range(2):
        sign_in(phone, site.url, "learner", NEW_PASSWORD)
        expect(phone.get_by_role("heading", name="Was this you?")).to_be_visible()
        expect(
            phone.get_by_text("Your password was reset with a code from staff on")
        ).to_be_visible()
        if attempt == 0:
            assert_accessible(phone, "was it you")
            screenshot(phone, "was-it-you-phone")
            phone.get_by_role("link", name="Decide later").click()
            expect(phone.get_by_role("heading", name="Hello, Min")).to_be_visible()
            phone.get_by_role("button", name="Sign out").click()
    phone.get_by_role("button", name="This was me").click()
    expect(phone.get_by_text("Thank you. Nothing else is needed.")).to_be_visible()
    assert_accessible(phone, "home after this was me")
    phone.get_by_role("button", name="Sign out").click()
    sign_in(phone, site.url, "learner", NEW_PASSWORD)
    expect(phone.get_by_role("heading", name="Hello, Min")).to_be_visible()


def test_this_was_not_me_without_javascript(site, desktop, phone_no_js, new_page):
    _use_reset_code(site, phone_no_js, _staff_reset_code(site, desktop), NEW_PASSWORD)
    other_device = new_page()
    sign_in(other_device, site.url, "learner", NEW_PASSWORD)
    sign_in(phone_no_js, site.url, "learner", NEW_PASSWORD)
    expect(phone_no_js.get_by_role("heading", name="Was this you?")).to_be_visible()
    assert_accessible(phone_no_js, "was it you")
    phone_no_js.get_by_role("button", name="This was not me").click()
    expect(phone_no_js.get_by_role("heading", name="You are signed out everywhere")).to_be_visible()
    assert_accessible(phone_no_js, "signed out everywhere")
    screenshot(phone_no_js, "not-me-phone")
    phone_no_js.goto(site.url + "/account")
    expect(phone_no_js.get_by_role("heading", name="Sign in")).to_be_visible()
    other_device.goto(site.url + "/account")
    expect(other_device.get_by_role("heading", name="Sign in")).to_be_visible()

    # The admin of the organisation was told, and the audit log says so.
    sign_in(desktop, site.url, "admin")
    desktop.get_by_role("link", name="Messages").click()
    desktop.get_by_role("link", name="New message").first.click()
    expect(
        desktop.get_by_text("said a password reset of their account was not them")
    ).to_be_visible()
    desktop.goto(site.url + "/staff/audit")
    expect(desktop.get_by_text("Member said a password reset was not them")).to_be_visible()
    assert_accessible(desktop, "audit log")
