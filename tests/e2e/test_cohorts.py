"""Cohorts and printable invitation cards in a real browser, each page scanned by axe-core."""

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in


def test_staff_make_a_cohort_see_progress_download_csv_and_print_cards(site, phone, new_page):
    # A learner finishes a lesson, so the charts have something to show.
    learner = new_page()
    sign_in(learner, site.url, "learner")
    learner.goto(f"{site.url}/learn/sample-rights/first-steps?read=1")
    learner.get_by_role("button", name="I’ve finished this lesson").click()

    sign_in(phone, site.url, "staff")
    phone.goto(site.url + "/staff/members")
    phone.get_by_role("link", name="Cohorts").click()
    expect(phone.get_by_role("heading", name="Cohorts", exact=True)).to_be_visible()
    assert_accessible(phone, "cohorts, none yet")

    # An empty name: a kind error beside the field, what was typed is kept.
    phone.get_by_label("About this cohort (optional)").fill("Tuesday and Thursday mornings")
    phone.get_by_role("button", name="Make the cohort").click()
    expect(phone.get_by_text("Please give the cohort a name.").first).to_be_visible()
    expect(phone.get_by_label("About this cohort (optional)")).to_have_value(
        "Tuesday and Thursday mornings"
    )
    assert_accessible(phone, "cohorts, with an error")
    phone.get_by_label("Name of the cohort").fill("Spring English group")
    phone.get_by_role("button", name="Make the cohort").click()
    expect(phone.get_by_role("heading", name="Spring English group")).to_be_visible()
    assert_accessible(phone, "a new cohort")

    phone.get_by_label("Add a learner").select_option(label="Min (learner)")
    phone.get_by_role("button", name="Add this learner").click()
    phone.get_by_label("Add a learner").select_option(label="Rahim (learner2)")
    phone.get_by_role("button", name="Add this learner").click()
    phone.get_by_label("Add a mentor").select_option(label="Mentor Mai (mentor)")
    phone.get_by_role("button", name="Add this mentor").click()
    expect(phone.get_by_role("button", name="Remove Mentor Mai")).to_be_visible()
    expect(phone.get_by_role("button", name="Remove Min")).to_be_visible()
    expect(phone.get_by_role("button", name="Remove Rahim")).to_be_visible()

    chart = phone.get_by_role("img", name="Progress per course")
    expect(chart).to_be_visible()
    expect(phone.get_by_role("img", name="Progress per track")).to_be_visible()
    row = phone.get_by_role("row", name="Sample rights course")
    expect(row).to_contain_text("1 of 2")
    expect(
        phone.get_by_text("Most started: Sample rights course (1 of 2 learners).").first
    ).to_be_visible()
    # The chart fits the 360 px phone.
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert_accessible(phone, "cohort with members and charts")
    screenshot(phone, "cohort-phone")

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download progress as a spreadsheet (CSV)").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert ["Sample rights course", "Rights (test track)", "1", "0"] in rows
    assert {"Min", "Rahim"} <= {r[0] for r in rows if r}

    phone.get_by_role("link", name="Change the name or description").click()
    assert_accessible(phone, "change a cohort")
    phone.get_by_role("link", name="Back to the cohort").click()
    phone.get_by_role("button", name="Archive the cohort").click()
    expect(phone.get_by_text("The cohort was archived.")).to_be_visible()
    phone.get_by_role("link", name="All cohorts").click()
    expect(phone.get_by_text("Archived")).to_be_visible()
    assert_accessible(phone, "cohorts, one archived")

    # One invitation comes with a card; then three cards at once for a group without phones.
    phone.goto(site.url + "/staff/invitations")
    phone.get_by_label("They will join as").select_option("learner")
    phone.get_by_role("button", name="Make an invitation").click()
    expect(phone.get_by_role("heading", name="Invitation to join Harbour Group")).to_be_visible()
    assert_accessible(phone, "invitation ready, with its card")
    phone.get_by_role("link", name="Back to invitations").click()
    phone.get_by_role(
        "link", name="Print several invitation cards for a group without phones"
    ).click()
    assert_accessible(phone, "printable cards form")
    phone.get_by_label("How many cards").fill("31")
    phone.get_by_role("button", name="Make the cards").click()
    expect(phone.get_by_text("Please choose between 1 and 30 cards.").first).to_be_visible()
    assert_accessible(phone, "printable cards form with an error")
    phone.get_by_label("How many cards").fill("3")
    phone.get_by_label("A note for staff (optional)").fill("Tuesday group")
    phone.get_by_role("button", name="Make the cards").click()
    expect(phone.get_by_role("heading", name="Invitation cards ready")).to_be_visible()
    cards = phone.locator(".print-card")
    expect(cards).to_have_count(3)
    codes = phone.locator(".print-card__code").all_inner_texts()
    assert len(set(codes)) == 3
    expect(phone.locator(".print-card svg")).to_have_count(3)
    assert_accessible(phone, "printable cards")
    screenshot(phone, "invitation-cards-phone")

    print_page = new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    sign_in(print_page, site.url, "staff")
    print_page.goto(site.url + "/staff/invitations/cards")
    print_page.get_by_label("How many cards").fill("3")
    print_page.get_by_role("button", name="Make the cards").click()
    print_page.emulate_media(media="print")
    expect(print_page.locator(".print-card")).to_have_count(3)
    expect(print_page.get_by_role("heading", name="Invitation cards ready")).to_be_hidden()
    expect(print_page.locator(".site-header")).to_be_hidden()
    expect(print_page.locator(".print-card").first).to_contain_text(
        "Keep this card private. Anyone with this code can join until"
    )
    assert_accessible(print_page, "printable cards, print media")
    screenshot(print_page, "invitation-cards-print")

    # The QR code's link opens the join page with the code filled in.
    visitor = new_page()
    visitor.goto(f"{site.url}/join?code={codes[0]}")
    expect(visitor.get_by_role("heading", name="Create your account")).to_be_visible()
