"""Staff pages speak about the member, not to them; the funder report PDF never ends on a page
holding only its footer (issue 14, item 13)."""

import re
import subprocess
from datetime import date

import pikepdf
import pytest

from lms.extensions import db
from lms.roles.models import RoleApplication

from .conftest import post_form
from .test_activities import TODAY, _report_data


def text(response) -> str:
    return response.get_data(as_text=True)


def test_applications_show_the_role_title_and_staff_read_about_the_member(
    client, auth, world, synced
):
    application = RoleApplication(
        user_id=world.users["learner"].id, organisation_id=world.org.id, role_slug="peer-supporter"
    )
    db.session.add(application)
    db.session.commit()
    auth.sign_in("staff")
    listing = text(client.get("/staff/roles/applications"))
    assert "<td>peer-supporter</td>" not in listing
    assert "Peer supporter" in listing
    page = text(client.get(f"/staff/roles/applications/{application.id}"))
    for learner_words in ("You completed", "You passed", "Your mentor", "Go to the course"):
        assert learner_words not in page
    assert "A conversation with their mentor, who can then endorse them" in page


@pytest.mark.parametrize("locale", ["en", "zh_Hans", "bn"])
def test_every_page_of_the_report_pdf_holds_report_content(
    client, auth, world, synced, tmp_path, locale
):
    _report_data(world, synced)
    auth.sign_in("staff")
    post_form(client, "/language", {"locale": locale, "next": "/"}, page="/")
    response = client.get(f"/staff/report.pdf?start={TODAY.year}-01-01&end={TODAY.isoformat()}")
    assert response.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(response.data)
    pages = len(pikepdf.open(path).pages)
    for number in range(1, pages + 1):
        page = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line for line in page.splitlines() if line.strip()]
        made_on = {"en": "Made on", "zh_Hans": "制作于", "bn": "তৈরি"}[locale]
        content = [line for line in lines if made_on not in line and "/" not in line]
        assert content, f"page {number} of {pages} holds only {lines}"


def test_the_made_on_line_never_stands_alone_on_a_page(app, world, synced, tmp_path):
    """However long the content before it, the footer line keeps company with the note."""
    from lms.programme import report_queries
    from lms.programme.pdf import report_pdf
    from lms.programme.views_activities import KIND_LABELS

    _report_data(world, synced)
    data = report_queries.gather(world.org.id, date(TODAY.year, 1, 1), TODAY, "en")
    alone = []
    with app.test_request_context("/"):
        # A longer organisation name pushes everything down, line by line, across the page end.
        for lines in range(0, 60, 2):
            path = tmp_path / f"report-{lines}.pdf"
            path.write_bytes(
                report_pdf(data, " ".join(["Harbour Group Long Name"] * 4 * lines), KIND_LABELS)
            )
            pages = len(pikepdf.open(path).pages)
            last = subprocess.run(
                ["pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            content = [
                line
                for line in last.splitlines()
                if line.strip()
                and "Made on" not in line
                and not re.fullmatch(r"\s*\d+/\d+\s*", line)
            ]
            if not content:
                alone.append(lines)
    assert alone == []


def test_quick_exit_and_skip_link_sit_in_a_landmark(client, world):
    page = text(client.get("/sign-in"))
    nav_start = page.index('<nav class="page-tools"')
    assert (
        nav_start
        < page.index('id="quick-exit"')
        < page.index('href="#main"')
        < page.index("</nav>", nav_start)
    )


def test_staff_tables_are_focusable_labelled_regions(client, auth, world):
    auth.sign_in("staff")
    page = text(client.get("/staff/members"))
    assert '<div class="table-wrap" tabindex="0" role="region" aria-label=' in page
