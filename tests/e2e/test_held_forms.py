"""The idle sign-out in a real browser: the quiz answers typed are kept and sent on."""

import time
from datetime import timedelta

from playwright.sync_api import expect

from .conftest import PASSWORD, assert_accessible, screenshot, sign_in


def test_quiz_answers_survive_the_idle_sign_out(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/learn/sample-english/quizzes/final")
    phone.get_by_label("Your answer").fill("hello")
    normal = site.app.config["IDLE_TIMEOUT"]
    site.app.config["IDLE_TIMEOUT"] = timedelta(seconds=1)  # a very short quiet time
    try:
        time.sleep(2.5)
        phone.get_by_role("button", name="Check my answers").click()
        expect(phone.get_by_text("you were signed out after a quiet time")).to_be_visible()
    finally:
        site.app.config["IDLE_TIMEOUT"] = normal
    phone.get_by_label("Username").fill("learner")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("heading", name="What you typed was kept")).to_be_visible()
    assert_accessible(phone, "held form after signing in again")
    screenshot(phone, "held-form-phone")
    phone.get_by_role("button", name="Send what I typed").click()
    expect(phone.get_by_text("Passed")).to_be_visible()
    assert_accessible(phone, "quiz result after the held form")
