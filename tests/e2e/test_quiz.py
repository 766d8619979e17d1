"""Taking a quiz in a real browser: get something wrong, read the feedback, retry and pass."""

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in


def test_quiz_wrong_feedback_retry_and_pass(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/learn/sample-english/hello")
    phone.get_by_role("button", name="I’ve finished this lesson").click()
    phone.goto(site.url + "/learn/sample-english")
    phone.get_by_role("link", name="Sample English quiz").click()
    expect(phone.get_by_role("heading", name="Sample English quiz")).to_be_visible()
    assert_accessible(phone, "quiz")

    phone.get_by_role("button", name="Check my answers").click()  # nothing answered yet
    expect(phone.locator(".error-summary")).to_contain_text("Please answer this question.")
    assert_accessible(phone, "quiz with errors")

    phone.get_by_label("Your answer").fill("goodbye")
    phone.get_by_role("button", name="Check my answers").click()
    expect(phone.get_by_text("Not yet").first).to_be_visible()
    expect(phone.get_by_text('Not yet. The word is "Hello".')).to_be_visible()
    assert_accessible(phone, "quiz result, not yet")
    screenshot(phone, "quiz-not-yet-phone")

    phone.get_by_role("link", name="Try the quiz again").click()
    phone.get_by_label("Your answer").fill("Ｈｅｌｌｏ")  # full-width letters still count
    phone.get_by_role("button", name="Check my answers").click()
    expect(phone.get_by_text("Passed")).to_be_visible()
    expect(phone.get_by_text("You completed this course.")).to_be_visible()
    assert_accessible(phone, "quiz result, passed")
    screenshot(phone, "quiz-passed-phone")


def test_true_false_without_javascript(site, phone_no_js):
    sign_in(phone_no_js, site.url, "learner")
    phone_no_js.goto(site.url + "/learn/sample-rights/quizzes/check")
    phone_no_js.get_by_label("True", exact=True).check()
    phone_no_js.get_by_role("button", name="Check my answers").click()
    expect(phone_no_js.get_by_text("Passed")).to_be_visible()
    assert_accessible(phone_no_js, "quiz result without JavaScript")


def test_all_question_kinds_without_javascript(site, phone_no_js):
    page = phone_no_js
    sign_in(page, site.url, "learner")
    page.goto(site.url + "/learn/sample-rights/quizzes/all-kinds")
    assert_accessible(page, "all kinds of question, without JavaScript")
    page.get_by_label("The Support page").check()
    page.get_by_label("Skip it for now").check()
    page.get_by_label("Save it for later").check()
    page.get_by_label("Your answer").fill("help")
    page.get_by_label("consent").select_option(label="saying yes freely")
    page.get_by_label("referral").select_option(label="connecting someone to help")
    page.get_by_label("Ask what the person wants").select_option("1")
    page.get_by_label("Explain who will see the information").select_option("2")
    page.get_by_label("Share only what they agreed to").select_option("3")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("Passed")).to_be_visible()
    expect(page.get_by_text("Yes. Skipping never blocks the course.")).to_be_visible()
    screenshot(page, "quiz-all-kinds-passed-no-js")


def test_short_text_answered_in_chinese_and_bengali_is_right(site, phone):
    """The quiz is read and answered in the learner's language, at 360 px."""
    sign_in(phone, site.url, "learner")
    for language, answer, passed, check in (
        ("中文", "你好", "已通过", "核对我的答案"),
        ("বাংলা", "নমস্কার", "পাস করেছেন", "আমার উত্তরগুলো মিলিয়ে দেখুন"),
    ):
        phone.goto(site.url + "/learn/sample-english/quizzes/final")
        phone.get_by_role("button", name=language).click()
        field = phone.locator("input[name='q.hello']")
        field.fill(answer)
        assert_accessible(phone, f"quiz in {language}")
        phone.get_by_role("button", name=check).click()
        expect(phone.get_by_text(passed, exact=True)).to_be_visible()
        assert_accessible(phone, f"quiz result in {language}")
        screenshot(phone, f"quiz-{answer}-passed-phone")
