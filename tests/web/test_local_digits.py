"""Bengali pages write every number and date in Bengali digits, in Python and templates alike.

Learner, mentor and staff pages with numbers on them (counts, dates, hours, a funder report,
a flash with a date) are rendered in Bengali; no 0-9 may appear in what a person reads.
What must stay Latin is set aside: codes a person types or reads out (certificate,
invitation and reset codes, shown in `<code>` or `.code-display`), addresses, and names of
instruments ("WHO-5").
"""

import re
from datetime import date, timedelta

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.orgs.services import create_invitation
from lms.programme.models import Activity, Cohort, CohortMember
from lms.roles.models import RoleApplication
from lms.timeutil import utcnow

from .conftest import post_form
from .test_no_english import VisibleText

STAY_LATIN = ("code", "samp", "kbd")


class ReadText(VisibleText):
    """Visible text, leaving out codes (they stay in Latin letters and digits on purpose)."""

    def __init__(self, page_lang: str):
        super().__init__(page_lang)
        self.latin = 0

    def handle_starttag(self, tag, attrs):
        if self.latin or tag in STAY_LATIN or "code-display" in (dict(attrs).get("class") or ""):
            if tag not in ("br", "input", "img"):
                self.latin += 1
            return
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.latin:
            self.latin -= 1
            return
        super().handle_endtag(tag)

    def handle_data(self, data):
        if not self.latin:
            super().handle_data(data)


# Names people chose are shown as they were typed ("learner2" is a test member's username).
TYPED = re.compile(r"WHO-5|learner2", re.IGNORECASE)


def latin_digits(html: str) -> list[str]:
    parser = ReadText("bn")
    parser.feed(html)
    return [p for p in parser.pieces if re.search(r"[0-9]", TYPED.sub("", p))]


def in_bengali(client):
    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")


def check(client, urls: list[str]) -> dict:
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if left := latin_digits(response.get_data(as_text=True)):
            found[url] = left
    return found


def test_the_check_sees_latin_digits_and_leaves_codes_alone():
    html = '<p>২৫-এর মধ্যে 0</p><p class="code-display">AB12-CD34</p><code>X9</code>'
    assert latin_digits(html) == ["২৫-এর মধ্যে 0"]


def test_learner_pages_with_dates_and_counts(app, client, auth, world, synced):
    learner = world.users["learner"]
    auth.sign_in("learner")
    in_bengali(client)
    post_form(
        client,
        "/goals",
        {
            "title": "Speak at a meeting",
            "target_date": (date.today() + timedelta(days=60)).isoformat(),
        },
    )
    post_form(client, "/needs", {"kind": "housing", "urgency": "soon", "details": "A room"})
    db.session.add(
        Certificate(
            user_id=learner.id,
            organisation_id=world.org.id,
            kind="course",
            title="Sample",
            outcomes=[],
            hours=12,
            printed_name="Learner",
            language="bn",
            code="PW-7K3M-Q9R2",
            status="issued",
            issued_at=utcnow(),
        )
    )
    db.session.commit()
    from lms.needs.models import Need

    need = db.session.scalar(db.select(Need))
    assert (
        check(client, ["/goals", "/needs", f"/needs/{need.id}", "/certificates", "/notifications"])
        == {}
    )


def test_mentor_pages(app, client, auth, world, synced):
    auth.sign_in("learner")
    post_form(client, "/needs", {"kind": "housing", "urgency": "soon", "details": "A room"})
    auth.sign_out()
    auth.sign_in("mentor")
    in_bengali(client)
    assert check(client, ["/mentoring", f"/mentoring/{world.users['learner'].id}"]) == {}


def test_staff_pages_with_numbers(app, client, auth, world, synced, monkeypatch):
    org = world.org
    cohort = Cohort(organisation_id=org.id, name="Spring group")
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=world.users["learner"].id))
    db.session.add(
        Activity(organisation_id=org.id, held_on=date(2026, 3, 1), kind="training", attendance=14)
    )
    create_invitation(org.id, "learner", world.users["staff"].id, 7, label="Tuesday group")
    application = RoleApplication(
        user_id=world.users["learner"].id, organisation_id=org.id, role_slug="peer-supporter"
    )
    db.session.add(application)
    db.session.commit()
    auth.sign_in("staff")
    in_bengali(client)
    member = world.membership("learner")
    found = check(
        client,
        [
            "/staff/members",
            f"/staff/members/{member.id}",
            "/staff/cohorts",
            f"/staff/cohorts/{cohort.id}",
            "/staff/activities",
            "/staff/report",
            "/staff/invitations",
            "/staff/roles",
            "/staff/roles/applications",
            f"/staff/roles/applications/{application.id}",
            "/staff/certificates",
            "/staff/support-requests",
        ],
    )
    assert found == {}
    # A date made in Python for a flash: the review date of a confirmed role.
    monkeypatch.setattr("lms.roles.services.all_met", lambda results: True)
    url = f"/staff/roles/applications/{application.id}"
    confirmed = post_form(client, url + "/confirm", {}, page=url, follow_redirects=True)
    page = confirmed.get_data(as_text=True)
    assert db.session.get(RoleApplication, application.id).status == "active"
    banner = re.search(r'<div class="banner"[^>]*><p>([^<]*)</p>', page).group(1)
    assert re.search(r"[০-৯]", banner) and latin_digits(page) == []


def test_reset_code_page_keeps_the_code_latin_and_the_hours_bengali(app, client, auth, world):
    auth.sign_in("admin")
    in_bengali(client)
    member = world.membership("learner")
    page = post_form(
        client, f"/staff/members/{member.id}/reset-code", {}, page=f"/staff/members/{member.id}"
    ).get_data(as_text=True)
    assert latin_digits(page) == []
    assert check(client, ["/staff/settings", "/staff/audit"]) == {}
    code = re.search(r'class="code-display">([^<]+)<', page).group(1)
    assert re.search(r"[0-9]", code) or re.search(r"[A-Z]", code)  # the code itself is Latin


def test_the_was_it_you_notice_after_a_reset(app, client, auth, world):
    auth.sign_in("admin")
    member = world.membership("learner")
    page = post_form(
        client, f"/staff/members/{member.id}/reset-code", {}, page=f"/staff/members/{member.id}"
    ).get_data(as_text=True)
    code = re.search(r'class="code-display">([^<]+)<', page).group(1)
    world.users["learner"].locale = "bn"
    db.session.commit()
    learner = app.test_client()
    in_bengali(learner)
    new = "a brand new long password"
    reset = post_form(
        learner, "/reset", {"username": "learner", "code": code, "password": new, "confirm": new}
    )
    assert reset.status_code == 302
    signed_in = post_form(learner, "/sign-in", {"username": "learner", "password": new})
    assert "/account/was-it-you" in signed_in.location
    html = learner.get("/account/was-it-you").get_data(as_text=True)
    assert re.search(r"[০-৯]", html) and latin_digits(html) == []


def test_a_date_and_time_is_written_the_languages_own_way(app):
    """Chinese pages once read "28 十一月 2026, 22:05": English order with Chinese words."""
    from datetime import datetime

    from flask_babel import force_locale

    from lms.numbers import local_datetime

    moment = datetime(2026, 11, 28, 22, 5)
    shown = {}
    for language in ("en", "zh_Hans", "bn"):
        with app.test_request_context(), force_locale(language):
            shown[language] = local_datetime(moment)
    assert shown["en"] == "28 November 2026, 22:05"
    assert shown["zh_Hans"] == "2026年11月28日 22:05"
    assert shown["bn"].startswith("২৮ নভেম্বর") and shown["bn"].endswith("২২:০৫")
