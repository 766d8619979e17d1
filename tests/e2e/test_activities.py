"""Activity records and the funder report in a real browser, each page scanned by axe-core."""

import io
import subprocess
from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, assert_accessible, screenshot, sign_in


def gps_photo(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 79)).save(out, format="JPEG", exif=exif)
    path.write_bytes(out.getvalue())
    return path


def test_staff_record_activities_and_download_the_funder_report(site, phone, tmp_path):
    folder = tmp_path / "evidence"
    site.app.config["LMS_EVIDENCE_DIR"] = str(folder)
    sign_in(phone, site.url, "staff")
    phone.goto(site.url + "/staff/members")
    phone.get_by_role("link", name="Activities", exact=True).click()
    expect(phone.get_by_role("heading", name="Activities", exact=True)).to_be_visible()
    assert_accessible(phone, "activities, none yet")

    # The first record: a bad attendance first, then fixed, with an evidence photo.
    phone.get_by_role("link", name="Record an activity").click()
    phone.get_by_label("Kind of activity").select_option(label="Training")
    phone.get_by_label("Title (optional)").fill("Know your rights workshop")
    phone.get_by_label("How many people took part").fill("-1")
    phone.get_by_label("Facilitator (optional)").fill("Rosa")
    phone.get_by_role("button", name="Save the activity").click()
    expect(phone.get_by_text("Please enter a number from 0 to 10,000.").first).to_be_visible()
    expect(phone.get_by_label("Title (optional)")).to_have_value("Know your rights workshop")
    assert_accessible(phone, "activity form with an error")
    phone.get_by_label("How many people took part").fill("30")
    phone.get_by_label("Evidence file (optional)").set_input_files(
        str(gps_photo(tmp_path / "group.jpg"))
    )
    phone.get_by_role("button", name="Save the activity").click()
    expect(phone.get_by_text("The activity was recorded.")).to_be_visible()
    stored = list(folder.rglob("*.jpg"))
    assert len(stored) == 1
    with Image.open(stored[0]) as image:
        assert not image.getexif()

    # The second: a small outreach session, so the report must hide it.
    phone.get_by_role("link", name="Record an activity").click()
    phone.get_by_label("Kind of activity").select_option(label="Outreach")
    phone.get_by_label("How many people took part").fill("3")
    phone.get_by_role("button", name="Save the activity").click()
    expect(phone.get_by_role("link", name="Know your rights workshop")).to_be_visible()
    assert_accessible(phone, "activities with two records")
    screenshot(phone, "activities-phone")

    phone.get_by_role("link", name="Know your rights workshop").click()
    expect(phone.get_by_role("heading", name="Change the activity")).to_be_visible()
    assert_accessible(phone, "change an activity")

    phone.get_by_role("link", name="Funder report").click()
    expect(phone.get_by_role("heading", name="Funder report")).to_be_visible()
    # Outreach (3) is hidden; so is training (30), else 33 - 30 would give the 3 away.
    # Training is "not shown", never "fewer than 5": that would be untrue of 30.
    expect(phone.get_by_role("row", name="Outreach")).to_contain_text("fewer than 5")
    expect(phone.get_by_role("row", name="Training")).to_contain_text("not shown")
    expect(phone.get_by_role("row", name="Training")).not_to_contain_text("fewer than 5")
    expect(phone.get_by_role("row", name="Total")).to_contain_text("33")
    expect(phone.get_by_role("heading", name="How small numbers are hidden")).to_be_visible()
    assert_accessible(phone, "funder report")
    screenshot(phone, "report-phone")

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download as PDF").click()
    pdf = Path(download.value.path())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Harbour Group" in text and "Funder report" in text
    assert "fewer than 5" in text and "not shown" in text and "33" in text
    # Looked at once as an image for its layout.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(SCREENSHOTS / "report-pdf")],
        check=True,
    )
    assert (SCREENSHOTS / "report-pdf.png").is_file()
