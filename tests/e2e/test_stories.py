"""Stories in a real browser at 360 px, in English and in Chinese: a draft with a picture,
the notes on identifying details, a mentor's review, the member offering the version, a staff
request for it with the picture, the member's agreement, the public page with the picture,
withdrawal (page and picture gone: 404), and staff confirming the take-down. Every page is
scanned by axe-core."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect

from lms.timeutil import utcnow

from .conftest import assert_accessible, screenshot, sign_in

STORY = (
    "I worked in [[place: Sihanoukville]] for a year. [[name: Mei]] helped me.\n\n"
    "Call me on +855 12 345 678. Today I help others."
)

WORDS = {
    "en": {
        "button": None,
        "my_stories": "My stories",
        "title": "A title only you will see",
        "text": "Your story",
        "save": "Save my draft",
        "picture": "A picture to go with your story (optional)",
        "offer": "Offer this version to staff",
        "with_picture": "With the picture",
        "phone_note": "This looks like a phone number.",
        "a_place": "[a place]",
        "ask_mentor": "Ask this mentor to read it",
        "stories_to_read": "Stories to read",
        "comment": "Your comment",
        "add_comment": "Add my comment",
        "story_requests": "Story requests",
        "a_talk": "A talk",
        "pseudonym": "A name you choose",
        "public_page": "Ask for a public page on Pathways",
        "send": "Send the request",
        "show": "Show exactly what will be public",
        "agree": "I agree to this use",
        "withdraw_note": "You can withdraw at any time, without a reason.",
        "withdraw": "Withdraw my agreement",
        "withdrawn": "Withdrawn. The public page is gone now",
        "takedown_needed": "Take down needed",
        "taken_down": "I have taken it down everywhere",
        "confirmed": "that they took your story down everywhere",
    },
    "zh_Hans": {
        "button": "中文",
        "my_stories": "我的故事",
        "title": "只有你能看到的标题",
        "text": "你的故事",
        "save": "保存我的草稿",
        "picture": "和你的故事一起的图片（可选）",
        "offer": "把这个版本提供给工作人员",
        "with_picture": "带图片",
        "phone_note": "这看起来像电话号码。",
        "a_place": "[某个地方]",
        "ask_mentor": "请这位导师阅读",
        "stories_to_read": "待阅读的故事",
        "comment": "你的留言",
        "add_comment": "添加我的留言",
        "story_requests": "故事请求",
        "a_talk": "一场讲话",
        "pseudonym": "你自己选的名字",
        "public_page": "请求在 Pathways 上有一个公开页面",
        "send": "发送请求",
        "show": "显示确切会公开的内容",
        "agree": "我同意这次使用",
        "withdraw_note": "你随时可以撤回，不需要理由。",
        "withdraw": "撤回我的同意",
        "withdrawn": "已撤回。公开页面现在已经没有了",
        "takedown_needed": "需要撤下",
        "taken_down": "我已从所有地方撤下",
        "confirmed": "确认已从所有地方撤下你的故事",
    },
}


def photo_with_location() -> bytes:
    """A phone photo that says where it was taken (GPS) and with which camera."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (11.0, 33.0, 0.0), 3: "E", 4: (104.0, 55.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 120, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def in_language(page, site, words):
    if words["button"]:
        page.goto(site.url + "/notifications")
        page.get_by_role("button", name=words["button"]).click()
        page.wait_for_load_state("load")


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_a_story_from_draft_to_withdrawal(site, phone, new_page, language, tmp_path):
    words = WORDS[language]
    site.app.config["LMS_EVIDENCE_DIR"] = str(tmp_path / "uploads")

    # 1. A private draft, and gentle notes on what could identify someone.
    learner = phone
    sign_in(learner, site.url, "learner")
    in_language(learner, site, words)
    learner.get_by_role("link", name=words["my_stories"]).first.click()
    assert_accessible(learner, "my stories")
    learner.get_by_label(words["title"]).fill("Rebuilding")
    learner.get_by_label(words["text"], exact=True).fill(STORY)
    learner.get_by_label(words["picture"]).set_input_files(
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": photo_with_location()}]
    )
    learner.get_by_role("button", name=words["save"]).click()
    own_picture = learner.locator("figure.story-picture img")
    expect(own_picture).to_be_visible()
    assert own_picture.evaluate("img => img.naturalWidth") == 120
    expect(learner.get_by_text(words["phone_note"])).to_be_visible()
    expect(learner.locator("#redacted + p + div")).to_contain_text(words["a_place"])
    assert_accessible(learner, "a draft with notes")
    screenshot(learner, f"story-draft-{language}")
    story_url = learner.url.split("#")[0]

    # 2. Review by choice: the member asks their mentor; the mentor comments, never edits.
    learner.locator("#mentor").select_option(label="Mentor Mai")
    learner.get_by_role("button", name=words["ask_mentor"]).click()
    mentor = new_page()
    sign_in(mentor, site.url, "mentor")
    in_language(mentor, site, words)
    mentor.get_by_role("link", name=words["stories_to_read"]).first.click()
    assert_accessible(mentor, "stories to read")
    mentor.get_by_role("link", name="Rebuilding").click()
    expect(mentor.get_by_text("Sihanoukville")).to_be_visible()
    assert_accessible(mentor, "a story to review")
    mentor.get_by_label(words["comment"]).fill("Maybe leave out the phone number?")
    mentor.get_by_role("button", name=words["add_comment"]).click()
    expect(mentor.get_by_text("Maybe leave out the phone number?")).to_be_visible()
    learner.goto(story_url)
    expect(learner.get_by_text("Maybe leave out the phone number?")).to_be_visible()
    learner.locator("form[action$='/resolved'] button").click()
    assert_accessible(learner, "a draft after a comment")

    # 3. The member offers this version; staff ask for one use of it: a talk, a chosen
    # name, the picture, a public page.
    learner.get_by_role("button", name=words["offer"]).click()
    assert_accessible(learner, "a version offered")
    staff = new_page()
    sign_in(staff, site.url, "staff")
    in_language(staff, site, words)
    staff.get_by_role("link", name=words["story_requests"]).first.click()
    assert_accessible(staff, "story requests")
    offered = staff.locator("#version option", has_text="Min").first.get_attribute("value")
    staff.locator("#version").select_option(value=offered)
    staff.get_by_label(words["a_talk"]).check()
    staff.locator("#audience").fill("Community meeting, city hall")
    staff.locator("#until").fill((utcnow().date() + timedelta(days=30)).isoformat())
    staff.get_by_label(words["pseudonym"]).check()
    staff.get_by_label(words["with_picture"], exact=True).check()
    staff.get_by_label(words["public_page"]).check()
    staff.get_by_role("button", name=words["send"]).click()
    expect(staff.get_by_text("Community meeting, city hall")).to_be_visible()
    assert_accessible(staff, "a story request")
    request_url = staff.url

    # 4. Only the member agrees, on a screen showing exactly what will be public.
    learner.get_by_role("link", name=words["my_stories"]).first.click()
    learner.get_by_role("link", name="Community meeting, city hall").click()
    learner.locator("#shown_name").fill("Rose")
    learner.get_by_role("button", name=words["show"]).click()
    preview = learner.locator("#preview ~ .panel").first
    expect(preview).to_contain_text(words["a_place"])
    expect(preview).not_to_contain_text("Sihanoukville")
    expect(preview).not_to_contain_text("+855")
    expect(learner.locator("figure.story-picture img")).to_be_visible()
    expect(learner.get_by_text(words["withdraw_note"])).to_be_visible()
    assert_accessible(learner, "what will be public")
    screenshot(learner, f"story-preview-{language}")
    learner.get_by_role("button", name=words["agree"]).click()
    public_url = learner.locator("a[href*='/s/']").first.get_attribute("href")
    assert_accessible(learner, "an agreement")

    # 5. The public page: only the agreed text and name, not indexed.
    reader = new_page()
    response = reader.goto(site.url + public_url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(reader.locator("meta[name=robots]")).to_have_attribute("content", "noindex")
    expect(reader.get_by_text("Rose")).to_be_visible()
    expect(reader.locator("main")).not_to_contain_text("Sihanoukville")
    expect(reader.locator("main")).not_to_contain_text("Harbour")
    public_picture = reader.locator("main figure.story-picture img")
    expect(public_picture).to_be_visible()
    assert public_picture.evaluate("img => img.naturalWidth") == 120
    served = reader.request.get(site.url + public_url + "/picture")
    assert served.status == 200
    with Image.open(io.BytesIO(served.body())) as image:
        assert dict(image.getexif()) == {} and "exif" not in image.info
    assert_accessible(reader, "the public page")
    screenshot(reader, f"story-public-{language}")

    # 6. Withdrawal: the page is gone at once, as for a code that never existed.
    learner.get_by_role("button", name=words["withdraw"]).click()
    expect(learner.get_by_text(words["withdrawn"])).to_be_visible()
    assert_accessible(learner, "after withdrawal")
    assert reader.goto(site.url + public_url).status == 404
    assert reader.request.get(site.url + public_url + "/picture").status == 404
    assert reader.goto(site.url + "/s/no-such-code").status == 404

    # 7. Staff are told, take it down elsewhere and confirm; the member sees it.
    staff.goto(request_url)
    staff.get_by_role("link", name=words["story_requests"]).first.click()
    expect(staff.get_by_text(words["takedown_needed"])).to_be_visible()
    staff.goto(request_url)
    staff.get_by_role("button", name=words["taken_down"]).click()
    assert_accessible(staff, "take-down confirmed")
    learner.reload()
    expect(learner.get_by_text(words["confirmed"])).to_be_visible()
    assert_accessible(learner, "the member sees the take-down")
    screenshot(learner, f"story-taken-down-{language}")
