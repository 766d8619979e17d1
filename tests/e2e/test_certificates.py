"""A certificate in a real browser: complete a course, get it, verify it from the PDF's link."""

import re
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import assert_accessible, screenshot, sign_in


def test_certificate_verify_hide_revoke(site, phone, new_page):
    sign_in(phone, site.url, "learner")
    for lesson in ("first-steps", "hard-topic", "last-lesson"):
        phone.goto(f"{site.url}/learn/sample-rights/{lesson}?read=1")
        phone.get_by_role("button", name="I’ve finished this lesson").click()
    phone.get_by_role("link", name="Certificates").first.click()
    expect(phone.get_by_role("heading", name="Ready for you")).to_be_visible()
    assert_accessible(phone, "certificates, ready")
    phone.get_by_role("radio", name="Another name").check()
    phone.get_by_label("Another name (for example your legal name)").fill("Nguyen Thi Lan")
    # The certificate's language is the learner's choice (the page's language at first).
    expect(phone.get_by_role("radio", name="English")).to_be_checked()
    phone.get_by_role("radio", name="中文").check()
    phone.get_by_role("button", name="Get my certificate").click()
    expect(phone.get_by_text("Your certificate is ready.")).to_be_visible()
    phone.get_by_role("button", name="Switch checking on").click()
    expect(
        phone.get_by_text("Anyone with the code can now check this certificate.")
    ).to_be_visible()
    assert_accessible(phone, "certificates, issued")
    screenshot(phone, "certificates-phone")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download the PDF").click()
    text = "".join(page.extract_text() for page in PdfReader(Path(download.value.path())).pages)
    assert "权利示例课程" in text  # the course's own Chinese title, as chosen
    link = re.search(
        r"http://127\.0\.0\.1:\d+/verify/(?:[A-Z0-9]{4}-){4}[A-Z0-9]{4}", text.replace("\n", "")
    ).group(0)

    stranger = new_page()
    stranger.goto(link)
    expect(stranger.get_by_text("Valid")).to_be_visible()
    expect(stranger.get_by_text("Nguyen Thi Lan")).to_be_visible()
    assert_accessible(stranger, "public check, valid")
    screenshot(stranger, "verify-valid-phone")

    phone.get_by_role("button", name="Switch checking off").click()
    stranger.reload()
    expect(stranger.get_by_text("Not found.")).to_be_visible()
    assert_accessible(stranger, "public check, not found")

    phone.get_by_role("button", name="Switch checking on").click()
    staff = new_page(viewport={"width": 1280, "height": 800})
    sign_in(staff, site.url, "staff")
    staff.goto(site.url + "/staff/certificates")
    assert_accessible(staff, "staff certificates")
    staff.locator("summary", has_text="Revoke").click()
    staff.get_by_label("Reason (kept inside your organisation, never shown publicly)").fill(
        "Issued to the wrong course"
    )
    staff.get_by_role("button", name="Revoke this certificate").click()
    expect(staff.get_by_text("The certificate was revoked.")).to_be_visible()
    stranger.reload()
    expect(stranger.get_by_text("Revoked")).to_be_visible()
    expect(stranger.get_by_text("Issued to the wrong course")).to_have_count(0)

    # A revoke holds: the learner cannot get the certificate again by a click.
    phone.goto(site.url + "/certificates")
    expect(phone.get_by_text("only they can issue it again")).to_be_visible()
    expect(phone.get_by_role("button", name="Get my certificate")).to_have_count(0)
    assert_accessible(phone, "certificates, revoked")

    # Only staff issue it again, with a reason, here on a phone.
    staff.set_viewport_size({"width": 360, "height": 740})
    staff.locator("summary", has_text="Issue again").click()
    staff.get_by_role("button", name="Issue this certificate again").click()
    expect(staff.locator(".error-message")).to_contain_text("Please give a short reason.")
    assert_accessible(staff, "staff certificates, issue again with errors")
    staff.get_by_label("Why it is issued again (kept inside your organisation)").fill(
        "Revoked by mistake"
    )
    staff.get_by_label("Language of the certificate").select_option("bn")
    staff.get_by_role("button", name="Issue this certificate again").click()
    expect(staff.get_by_text("The certificate was issued again with a new code")).to_be_visible()
    assert_accessible(staff, "staff certificates, issued again")
    phone.reload()
    expect(phone.get_by_role("link", name="Download the PDF")).to_be_visible()
    expect(phone.locator("#main").get_by_text("বাংলা", exact=True)).to_be_visible()
    screenshot(phone, "certificates-issued-again-phone")
