"""Needs in a real browser: a learner asks for English tutoring, their mentor answers and asks
to close, the learner agrees; every page scanned by axe-core."""

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in


def test_learner_states_a_need_mentor_answers_and_learner_agrees_to_close(site, phone, new_page):
    learner = phone
    sign_in(learner, site.url, "learner")
    learner.get_by_role("link", name="Needs").first.click()
    expect(learner.get_by_role("heading", name="Tell us what you need")).to_be_visible()
    assert_accessible(learner, "needs")
    screenshot(learner, "needs-phone")

    # The box ticked without a summary: a kind error beside the field, the words kept.
    learner.get_by_label("English tutoring").check()
    learner.get_by_label("In the next few days").check()
    learner.get_by_label("Anything you want to add (optional)").fill(
        "I want to practise speaking for job interviews."
    )
    learner.get_by_label("my mentor may share a short summary with them").check()
    learner.get_by_role("button", name="Send my request").click()
    expect(learner.locator(".error-summary")).to_be_visible()
    expect(learner.get_by_text("Please write a short summary to share").first).to_be_visible()
    expect(learner.get_by_label("Anything you want to add (optional)")).to_have_value(
        "I want to practise speaking for job interviews."
    )
    expect(learner.get_by_label("English tutoring")).to_be_checked()
    assert_accessible(learner, "needs with an error")
    screenshot(learner, "needs-error-phone")
    learner.get_by_label("my mentor may share a short summary with them").uncheck()
    learner.get_by_role("button", name="Send my request").click()
    expect(learner.get_by_text("Thank you. We have your request")).to_be_visible()
    expect(learner.get_by_role("heading", name="English tutoring")).to_be_visible()
    assert_accessible(learner, "a need")

    mentor = new_page()
    sign_in(mentor, site.url, "mentor")
    mentor.goto(site.url + "/mentoring")
    expect(mentor.get_by_text("Asked you to get in touch")).to_be_visible()
    assert_accessible(mentor, "mentor dashboard with a need")
    mentor.get_by_role("link", name="Min").click()
    needs = mentor.locator("#needs")
    expect(needs.get_by_role("link", name="English tutoring")).to_be_visible()
    assert_accessible(mentor, "mentoring page with a need")
    needs.get_by_role("link", name="English tutoring").click()
    expect(mentor.get_by_text("I want to practise speaking for job interviews.")).to_be_visible()
    expect(
        mentor.get_by_text("Nothing they wrote: they did not agree to share a summary.")
    ).to_be_visible()
    assert_accessible(mentor, "need page for the mentor")
    mentor.get_by_role("button", name="Send my answer").click()
    expect(mentor.get_by_text("Please write a message.").first).to_be_visible()
    assert_accessible(mentor, "need page with an empty answer")
    mentor.get_by_label("Your message").fill("A volunteer tutor is free on Tuesdays. Shall I ask?")
    mentor.get_by_role("button", name="Send my answer").click()
    expect(mentor.get_by_text("Your answer was sent.")).to_be_visible()
    mentor.get_by_role("button", name="Ask the learner if we can close this").click()
    expect(mentor.get_by_text("It closes only if they agree.").first).to_be_visible()
    assert_accessible(mentor, "need page after asking to close")

    learner.reload()
    expect(learner.get_by_text("A volunteer tutor is free on Tuesdays.")).to_be_visible()
    expect(learner.get_by_role("button", name="Not yet, keep it open")).to_be_visible()
    assert_accessible(learner, "a need with a close proposal")
    screenshot(learner, "need-phone")
    learner.get_by_role("button", name="Yes, this is sorted – close it").click()
    expect(learner.get_by_text("Closed. You can tell us about a new need")).to_be_visible()
    expect(learner.locator(".tag", has_text="Closed")).to_be_visible()
    assert_accessible(learner, "a closed need")
    learner.get_by_role("link", name="All your needs").click()
    expect(learner.get_by_role("heading", name="Closed")).to_be_visible()
    assert_accessible(learner, "needs with a closed one")

    mentor.reload()
    expect(mentor.locator(".tag", has_text="Closed")).to_be_visible()
    expect(mentor.get_by_role("button", name="Send my answer")).to_have_count(0)
    assert_accessible(mentor, "closed need for the mentor")
    mentor.get_by_role("link", name="Min").first.click()
    expect(mentor.locator("#needs").get_by_text("No open needs.")).to_be_visible()

    staff = new_page()
    sign_in(staff, site.url, "staff")
    staff.goto(site.url + "/staff/support-requests")
    expect(staff.get_by_role("heading", name="Recently closed")).to_be_visible()
    expect(staff.get_by_role("link", name="English tutoring")).to_be_visible()
    assert_accessible(staff, "staff support requests")


def test_stating_a_need_and_changing_what_is_shared_without_javascript(site, phone_no_js):
    page = phone_no_js
    sign_in(page, site.url, "learner")
    page.goto(site.url + "/needs")
    assert_accessible(page, "needs without JavaScript")
    # Nothing chosen: the error is beside the question and the words stay.
    page.get_by_label("Anything you want to add (optional)").fill("My landlord wants me out.")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text("Please choose what you need.").first).to_be_visible()
    expect(page.get_by_label("Anything you want to add (optional)")).to_have_value(
        "My landlord wants me out."
    )
    assert_accessible(page, "needs with an error without JavaScript")
    page.get_by_label("Housing").check()
    page.get_by_label("Today").check()
    page.get_by_label("my mentor may share a short summary with them").check()
    page.get_by_label("The summary they may share").fill("Needs advice about a tenancy")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", name="Housing")).to_be_visible()
    expect(page.get_by_text("Needs advice about a tenancy").first).to_be_visible()
    assert_accessible(page, "a need without JavaScript")
    # The learner changes their mind: nothing may be shared.
    page.get_by_label("my mentor may share a short summary with them").uncheck()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Your choice about sharing was saved.")).to_be_visible()
    expect(page.get_by_text("Nothing you wrote is shared outside Pathways.")).to_be_visible()
    assert_accessible(page, "a need after changing sharing without JavaScript")
    screenshot(page, "need-no-js-phone")
