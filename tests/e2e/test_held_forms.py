"""The idle sign-out in a real browser: nothing typed is lost (a quiz, a need, a goal)."""

import re
import time
from contextlib import contextmanager
from datetime import timedelta

from playwright.sync_api import expect

from .conftest import PASSWORD, assert_accessible, screenshot, sign_in


@contextmanager
def short_quiet_time(site):
    normal = site.app.config["IDLE_TIMEOUT"]
    site.app.config["IDLE_TIMEOUT"] = timedelta(seconds=1)
    try:
        time.sleep(2.5)
        yield
    finally:
        site.app.config["IDLE_TIMEOUT"] = normal


def sign_in_again(page):
    expect(page.get_by_text("you were signed out after a quiet time")).to_be_visible()
    page.get_by_label("Username").fill("learner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_quiz_answers_survive_the_idle_sign_out(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/learn/sample-english/quizzes/final")
    phone.get_by_label("Your answer").fill("hello")
    with short_quiet_time(site):
        phone.get_by_role("button", name="Check my answers").click()
        expect(phone.get_by_label("Username")).to_be_visible()
    sign_in_again(phone)
    # Back on the same quiz, with what was typed.
    expect(phone.get_by_label("Your answer")).to_have_value("hello")
    expect(phone.get_by_text("What you typed is filled in again.")).to_be_visible()
    assert_accessible(phone, "quiz filled in again after signing in")
    screenshot(phone, "quiz-held-phone")
    phone.get_by_role("button", name="Check my answers").click()
    expect(phone.get_by_text("Passed")).to_be_visible()


def test_a_quiz_saved_for_later(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/learn/sample-english/quizzes/final")
    phone.get_by_label("Your answer").fill("hel")
    phone.get_by_role("button", name="Save my answers for later").click()
    expect(phone.get_by_text("Your answers are saved.")).to_be_visible()
    phone.get_by_role("link", name="Sample English quiz").click()
    expect(phone.get_by_label("Your answer")).to_have_value("hel")
    assert_accessible(phone, "quiz draft filled in")


def test_a_long_need_survives_the_idle_sign_out(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/needs")
    phone.get_by_label("English tutoring").check()
    phone.get_by_label("In the next few days").check()
    words = "I want to practise speaking for job interviews, twice a week if possible."
    phone.get_by_label("Anything you want to add (optional)").fill(words)
    with short_quiet_time(site):
        phone.get_by_role("button", name="Send my request").click()
        expect(phone.get_by_label("Username")).to_be_visible()
    sign_in_again(phone)
    # The same form, filled in as it was sent: nothing goes until the person sends it.
    expect(phone.get_by_label("Anything you want to add (optional)")).to_have_value(words)
    expect(phone.get_by_label("English tutoring")).to_be_checked()
    expect(phone.get_by_text("is filled in again")).to_be_visible()
    assert_accessible(phone, "need form filled in again after signing in")
    screenshot(phone, "held-form-phone")
    phone.get_by_role("button", name="Send my request").click()
    expect(phone.get_by_text(words)).to_be_visible()
    assert_accessible(phone, "the need, sent after signing in again")


def test_a_goal_survives_the_idle_sign_out(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/goals")
    goal = "Speak for five minutes at the Friday meeting"
    phone.get_by_label("Your goal, in your own words").fill(goal)
    with short_quiet_time(site):
        phone.get_by_role("button", name="Save my goal").click()
        expect(phone.get_by_label("Username")).to_be_visible()
    sign_in_again(phone)
    expect(phone).to_have_url(re.compile(r"/goals(#add)?$"))
    expect(phone.get_by_label("Your goal, in your own words")).to_have_value(goal)
    expect(phone.get_by_text("is filled in again")).to_be_visible()
    assert_accessible(phone, "goal form filled in again after signing in")
    phone.get_by_role("button", name="Save my goal").click()
    expect(phone.get_by_role("listitem").filter(has_text=goal)).to_be_visible()
    assert_accessible(phone, "the goal, saved after signing in again")
