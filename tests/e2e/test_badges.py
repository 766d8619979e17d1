"""An Open Badge in a real browser at 360 px, in English, Chinese and Bengali: the privacy
screen explains who can read what, the badge downloads without the learner's name unless
chosen, and a stranger checks it on /verify/credential."""

import json
from pathlib import Path

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in

LANGUAGES = [
    # (switcher button, badge link, screen heading, "who can read what", download button)
    (
        "English",
        "Get a digital badge you can keep on your phone",
        "Your digital badge",
        "Who can read what",
        "Download the badge",
    ),
    ("中文", "获取可以保存在手机里的数字徽章", "您的数字徽章", "谁能读到什么", "下载徽章"),
    (
        "বাংলা",
        "ফোনে রাখার মতো একটি ডিজিটাল ব্যাজ নিন",
        "আপনার ডিজিটাল ব্যাজ",
        "কে কী পড়তে পারবেন",
        "ব্যাজটি ডাউনলোড করুন",
    ),
]


def test_badge_privacy_screen_and_download_in_three_languages(site, phone, new_page):
    sign_in(phone, site.url, "learner")
    for lesson in ("first-steps", "hard-topic", "last-lesson"):
        phone.goto(f"{site.url}/learn/sample-rights/{lesson}?read=1")
        phone.get_by_role("button", name="I’ve finished this lesson").click()
    phone.goto(site.url + "/certificates")
    phone.get_by_role("radio", name="Min").check()
    phone.get_by_role("button", name="Get my certificate").click()
    expect(phone.get_by_text("Your certificate is ready.")).to_be_visible()

    files = []
    for button, link, heading, who, download in LANGUAGES:
        phone.get_by_role("button", name=button).click()
        phone.goto(site.url + "/certificates")
        phone.get_by_role("link", name=link).click()
        expect(phone.get_by_role("heading", name=heading)).to_be_visible()
        expect(phone.get_by_role("heading", name=who)).to_be_visible()
        assert_accessible(phone, f"badge privacy screen ({button})")
        screenshot(phone, f"badge-privacy-{len(files)}-phone")
        with phone.expect_download() as downloaded:
            phone.get_by_role("button", name=download).click()
        path = Path(downloaded.value.path())
        document = json.loads(path.read_text(encoding="utf-8"))
        assert "OpenBadgeCredential" in document["type"]
        # The neutral title by default, and no name unless the learner chose it.
        assert document["credentialSubject"]["achievement"]["name"] == "Rights at work"
        assert "Min" not in json.dumps(document)
        files.append(path)

    stranger = new_page()
    stranger.goto(site.url + "/verify/credential")
    assert_accessible(stranger, "check a badge")
    stranger.get_by_label("Choose the badge file").set_input_files(str(files[0]))
    stranger.get_by_role("button", name="Check the badge").click()
    expect(stranger.get_by_role("heading", name="This badge is real")).to_be_visible()
    expect(stranger.get_by_text("Rights at work")).to_be_visible()
    assert_accessible(stranger, "badge checked, real")
    screenshot(stranger, "badge-valid-phone")
    stranger.get_by_label("Or paste the badge text here").fill("not a badge at all")
    stranger.get_by_role("button", name="Check the badge").click()
    expect(stranger.get_by_text("This does not look like a badge.").first).to_be_visible()
    assert_accessible(stranger, "badge check, unreadable")
