"""Who sees a member's information: only what the access policy allows, each look recorded once.

The first test reproduces issue 13, item 2: with check-in sharing off, a mentor's page said
"Check-ins: Not shared" and, in the role checklist, which check-in areas were "to talk about
first"; with progress sharing off, the checklist still said the course was completed.
"""

from collections import Counter

from lms.access.models import AccessRecord
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.mentoring.models import MentorNote
from lms.needs.models import Need
from lms.roles.models import RoleApplication

from .conftest import PASSWORD, post_form
from .test_cohorts import make_cohort
from .test_readiness_and_roles import answer_and_submit, complete_sample_course, start


def signed_in(app, username: str):
    other = app.test_client()
    post_form(other, "/sign-in", {"username": username, "password": PASSWORD})
    return other


def share(client, mentor_id: int, **chosen):
    """Save the learner's sharing choices for one mentor (what is not named is off)."""
    data = {f"{name}_{mentor_id}": "y" for name, on in chosen.items() if on}
    post_form(client, "/sharing", data, page="/sharing")


def records_of(user_id: int) -> list[AccessRecord]:
    return db.session.scalars(
        db.select(AccessRecord).where(AccessRecord.subject_user_id == user_id)
    ).all()


def section(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def item(checklist: str, text: str) -> str:
    """Return the one checklist item that holds `text` (its words and its status)."""
    found = [li for li in checklist.split("<li>") if text in li]
    assert len(found) == 1, checklist
    return found[0]


def learner_with_a_role_in_progress(client):
    """The learner finished the course, did a check-in with one area not ready yet
    ("your choice"), and is interested in the peer supporter role."""
    post_form(client, "/roles/peer-supporter/interest", {}, page="/roles/peer-supporter")
    complete_sample_course(client)
    answer_and_submit(
        client,
        start(client),
        {"item.safe-place": "4", "item.someone-to-call": "4", "item.want-this": "2"},
    )
    own = client.get("/roles/peer-supporter").get_data(as_text=True)
    assert "some areas to talk about first: your choice" in own  # the member sees it all


def test_issue_13_item_2_checkins_and_courses_stay_private_in_the_role_checklist(
    app, client, auth, world, synced
):
    auth.sign_in("learner")
    learner_with_a_role_in_progress(client)
    mentor_id, learner_id = world.users["mentor"].id, world.users["learner"].id
    share(client, mentor_id)  # nothing shared with this mentor

    mentor = signed_in(app, "mentor")
    page = mentor.get(f"/mentoring/{learner_id}").get_data(as_text=True)
    assert "Not shared." in section(page, "<h2>Check-ins</h2>", "<h2>Roles</h2>")
    assert "Not shared." in section(page, "<h2>Learning</h2>", "<h2>Check-ins</h2>")
    checklist = section(page, '<ol class="task-list">', "</ol>")
    # Never which areas, never whether a check-in was done: only "met" or "not met yet".
    assert "to talk about first" not in checklist and "your choice" not in checklist
    assert "A check-in in the last" not in checklist and "feel ready" not in checklist
    assert "Not met yet" in item(checklist, "A check-in this role asks for.")
    # Course completion follows progress sharing the same way.
    assert "You completed the course" not in checklist
    assert "Finish the course" not in checklist
    assert "Met" in item(checklist, "Sample rights course”, which this role asks for.")

    # Staff never have check-in sharing: the application page hides the areas too.
    staff = signed_in(app, "staff")
    application = db.session.scalar(db.select(RoleApplication))
    staff_page = staff.get(f"/staff/roles/applications/{application.id}").get_data(as_text=True)
    staff_checklist = section(staff_page, '<ol class="task-list">', "</ol>")
    assert "to talk about first" not in staff_checklist
    assert "Not met yet" in item(staff_checklist, "A check-in this role asks for.")

    # When the learner shares, the mentor sees the detail again, straight away.
    share(client, mentor_id, progress=True, summaries=True)
    page = mentor.get(f"/mentoring/{learner_id}").get_data(as_text=True)
    checklist = section(page, '<ol class="task-list">', "</ol>")
    # ...in words about the member, not to them (staff and mentors read the third person).
    assert "some areas to talk about first: their choice" in checklist
    assert "Completed the course" in checklist


def test_one_record_per_kind_for_one_look(app, client, auth, world, synced):
    auth.sign_in("learner")
    learner_with_a_role_in_progress(client)
    mentor_id, learner_id = world.users["mentor"].id, world.users["learner"].id
    share(client, mentor_id, progress=True, summaries=True, answers=True)
    db.session.add(Need(organisation_id=world.org.id, user_id=learner_id, kind="support"))
    db.session.commit()

    mentor = signed_in(app, "mentor")
    assert mentor.get(f"/mentoring/{learner_id}").status_code == 200
    counts = Counter(r.what for r in records_of(learner_id))
    # One record per kind shown, however many parts of the page show it.
    assert set(counts.values()) == {1}
    assert {
        "progress",
        "checkin_summary",
        "checkin_answers",
        "role_requirements",
        "support_requests",
        "needs",
    } <= set(counts)
    assert all(r.viewer_id == mentor_id for r in records_of(learner_id))

    # The learner reads every look, in words.
    sharing = client.get("/sharing").get_data(as_text=True)
    assert "your learning progress" in sharing and "check-in answers" in sharing
    assert "your role records" in sharing


def test_nothing_is_recorded_or_shown_when_the_policy_says_no(app, client, auth, world, synced):
    auth.sign_in("learner")
    learner_with_a_role_in_progress(client)
    mentor_id, learner_id = world.users["mentor"].id, world.users["learner"].id
    share(client, mentor_id)  # nothing

    mentor = signed_in(app, "mentor")
    mentor.get(f"/mentoring/{learner_id}")
    mentor.get("/mentoring")
    kinds = {r.what for r in records_of(learner_id)}
    assert not kinds & {"progress", "checkin_summary", "checkin_answers", "checkin_done"}
    dashboard = mentor.get("/mentoring").get_data(as_text=True)
    assert "Learning progress is not shared with you." in dashboard


def test_the_mentor_dashboard_records_its_role_flags_and_progress(app, client, auth, world, synced):
    auth.sign_in("learner")
    post_form(client, "/roles/peer-supporter/interest", {}, page="/roles/peer-supporter")
    post_form(client, "/roles/peer-supporter/ask-mentor", {}, page="/roles/peer-supporter")
    learner_id = world.users["learner"].id

    mentor = signed_in(app, "mentor")
    dashboard = mentor.get("/mentoring").get_data(as_text=True)
    assert "Waiting for a role conversation" in dashboard
    counts = Counter(r.what for r in records_of(learner_id))
    assert counts["role_requirements"] == 1 and counts["progress"] == 1


def test_the_staff_applications_list_and_page_are_recorded(app, client, auth, world, synced):
    auth.sign_in("learner")
    post_form(client, "/roles/peer-supporter/interest", {}, page="/roles/peer-supporter")
    learner_id = world.users["learner"].id
    staff = signed_in(app, "staff")
    assert staff.get("/staff/roles/applications").status_code == 200
    assert [r.what for r in records_of(learner_id)] == ["role_requirements"]
    application = db.session.scalar(db.select(RoleApplication))
    assert staff.get(f"/staff/roles/applications/{application.id}").status_code == 200
    whats = Counter(r.what for r in records_of(learner_id))
    # The page shows the role record and, as the role asks for a course, course completion.
    assert whats["role_requirements"] == 2 and whats["progress"] == 1
    assert "checkin_summary" not in whats and "checkin_answers" not in whats
    assert {r.viewer_id for r in records_of(learner_id)} == {world.users["staff"].id}


def test_a_need_opened_by_a_helper_is_recorded(app, client, auth, world, synced):
    learner_id = world.users["learner"].id
    need = Need(organisation_id=world.org.id, user_id=learner_id)
    db.session.add(need)
    db.session.commit()
    staff = signed_in(app, "staff")
    assert staff.get(f"/mentoring/needs/{need.id}").status_code == 200
    assert [(r.what, r.object_id) for r in records_of(learner_id)] == [("needs", need.id)]


def test_staff_certificate_list_csv_and_pdf_are_recorded(app, world, synced):
    learner_id = world.users["learner"].id
    certificate = Certificate(
        user_id=learner_id,
        organisation_id=world.org.id,
        kind="course",
        title="T",
        printed_name="Mai",
        code="TEST-CODE",
        status="issued",
        language="en",
        hours=2,
    )
    db.session.add(certificate)
    db.session.commit()
    staff = signed_in(app, "staff")
    assert "Mai" in staff.get("/staff/certificates").get_data(as_text=True)
    assert "Mai" in staff.get("/staff/certificates.csv").get_data(as_text=True)
    assert staff.get(f"/certificates/{certificate.id}/pdf").status_code == 200
    # Three requests, one record each.
    assert [r.what for r in records_of(learner_id)] == ["certificates"] * 3


def test_a_cohort_csv_records_each_learner_in_it(app, world, synced):
    cohort = make_cohort(world, learners=["learner", "learner2"])
    staff = signed_in(app, "staff")
    assert staff.get(f"/staff/cohorts/{cohort.id}.csv").status_code == 200
    for name in ("learner", "learner2"):
        records = records_of(world.users[name].id)
        assert [(r.what, r.object_id) for r in records] == [("progress", cohort.id)]


def test_staff_support_requests_and_held_back_notes_are_recorded(app, world, synced):
    learner_id = world.users["learner"].id
    need = Need(organisation_id=world.org.id, user_id=learner_id)
    note = MentorNote(
        organisation_id=world.org.id,
        learner_id=learner_id,
        author_id=world.users["mentor"].id,
        body="Kept for safeguarding",
        held_back=True,
        held_back_category="harm_to_learner",
        held_back_reason="A worry to follow up",
    )
    db.session.add_all([need, note])
    db.session.commit()
    staff = signed_in(app, "staff")
    assert staff.get("/staff/support-requests").status_code == 200
    assert Counter(r.what for r in records_of(learner_id)) == {"support_requests": 1, "needs": 1}
    membership = world.membership("learner")
    page = staff.get(f"/staff/members/{membership.id}").get_data(as_text=True)
    assert "Kept for safeguarding" in page
    assert Counter(r.what for r in records_of(learner_id))["mentor_notes"] == 1
