"""The learning journey in a real browser: pick a track, read, meet a content warning and
skip it (the course waits for it), come back to it, finish the course, see it on the
dashboard. Once more without JavaScript."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in


def walk_the_course(page, base_url, label):
    sign_in(page, base_url, "learner")
    assert_accessible(page, f"home before learning ({label})")
    page.get_by_role("link", name="Courses").first.click()
    expect(page.get_by_role("heading", name="Rights (test track)")).to_be_visible()
    assert_accessible(page, f"catalogue ({label})")
    page.get_by_role("link", name="Sample rights course").click()
    expect(page.get_by_role("heading", name="Sample rights course")).to_be_visible()
    assert_accessible(page, f"course page ({label})")
    screenshot(page, f"course-{label}")
    page.get_by_role("link", name="Start the course").click()

    expect(page.get_by_role("heading", name="First steps")).to_be_visible()
    expect(page.get_by_text("KB to download")).to_be_visible()
    assert_accessible(page, f"lesson ({label})")
    screenshot(page, f"lesson-{label}")
    page.get_by_role("button", name="I’ve finished this lesson").click()

    expect(page.get_by_role("heading", name="Before you read")).to_be_visible()
    expect(page.get_by_text("threats and detention")).to_be_visible()
    assert_accessible(page, f"content warning ({label})")
    screenshot(page, f"content-warning-{label}")
    page.get_by_role("button", name="Skip this lesson for now").click()

    expect(page.get_by_text("Skipped for now.")).to_be_visible()
    expect(page.get_by_role("heading", name="The last lesson")).to_be_visible()
    page.get_by_role("button", name="I’ve finished this lesson").click()
    # Skipping is "not now", not finishing: the course waits for the skipped lesson.
    expect(page.get_by_text("2 of 3 lessons done")).to_be_visible()
    expect(page.get_by_text("Skipped for now", exact=True)).to_be_visible()
    expect(page.get_by_text("You completed this course")).to_have_count(0)
    assert_accessible(page, f"course with a skipped lesson ({label})")
    screenshot(page, f"course-skipped-{label}")

    # A skipped lesson can be reopened any time; "Continue" brings it back.
    page.get_by_role("link", name="Continue", exact=True).click()
    page.get_by_role("link", name="Continue to the lesson").click()
    expect(page.get_by_text("Some people are held")).to_be_visible()
    page.get_by_role("button", name="I’ve finished this lesson").click()
    expect(page.get_by_text("You completed this course. Well done.")).to_be_visible()
    assert_accessible(page, f"course completed ({label})")

    page.get_by_role("link", name="Home").first.click()
    completed = page.locator("h2", has_text="Courses you completed").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(completed).to_contain_text("Sample rights course")
    assert_accessible(page, f"dashboard after completing ({label})")
    screenshot(page, f"dashboard-{label}")


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_learning_journey(site, request, device):
    walk_the_course(request.getfixturevalue(device), site.url, device)


def test_learning_journey_without_javascript(site, phone_no_js):
    walk_the_course(phone_no_js, site.url, "no-js")


def test_lesson_in_bengali_with_fallback_note(site, phone):
    sign_in(phone, site.url, "learner")
    phone.get_by_role("button", name="বাংলা").click()
    phone.goto(site.url + "/learn/sample-rights/first-steps")
    expect(phone.get_by_role("heading", name="প্রথম ধাপ")).to_be_visible()
    assert_accessible(phone, "lesson in Bengali")
    phone.goto(site.url + "/learn/sample-rights/last-lesson")
    expect(phone.locator(".panel")).to_be_visible()  # shown in English, with a note
    screenshot(phone, "lesson-fallback-bn")
