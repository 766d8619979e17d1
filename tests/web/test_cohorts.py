"""Cohorts (members, progress charts and tables, CSV) and printable invitation cards."""

import csv
import io
import json
import re

import segno

from lms.accounts.services import delete_account
from lms.audit.models import AuditEvent
from lms.catalog.models import ContentVersion, Course, Lesson
from lms.extensions import db
from lms.orgs.models import Invitation
from lms.programme.models import Cohort, CohortMember
from lms.progress.models import CourseCompletion, LessonProgress

from .conftest import make_user, post_form


def text(response) -> str:
    return response.get_data(as_text=True)


def actions() -> list[str]:
    return db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()


def make_cohort(world, name="Spring English group", org=None, learners=(), mentors=()):
    cohort = Cohort(organisation_id=(org or world.org).id, name=name)
    db.session.add(cohort)
    db.session.flush()
    for username in learners:
        db.session.add(
            CohortMember(cohort_id=cohort.id, user_id=world.users[username].id, role="learner")
        )
    for username in mentors:
        db.session.add(
            CohortMember(cohort_id=cohort.id, user_id=world.users[username].id, role="mentor")
        )
    db.session.commit()
    return cohort


def members_of(cohort_id: int) -> list[tuple[int, str]]:
    db.session.expire_all()
    return sorted(
        db.session.execute(
            db.select(CohortMember.user_id, CohortMember.role).where(
                CohortMember.cohort_id == cohort_id
            )
        ).all()
    )


# --- The list and making a cohort ---


def test_staff_make_a_cohort_and_see_it_listed_with_counts(client, auth, world):
    auth.sign_in("staff")
    page = client.get("/staff/cohorts")
    assert page.status_code == 200 and "No cohorts yet." in text(page)
    assert 'href="/staff/cohorts"' in text(client.get("/staff/members"))  # in the staff nav
    response = post_form(
        client, "/staff/cohorts", {"name": "  Spring English group ", "description": "Tuesdays"}
    )
    cohort = db.session.scalar(db.select(Cohort))
    assert response.status_code == 302 and response.location.endswith(f"/staff/cohorts/{cohort.id}")
    assert cohort.name == "Spring English group" and cohort.description == "Tuesdays"
    assert cohort.organisation_id == world.org.id
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "cohort_created"))
    assert event.object_type == "cohort" and event.object_id == cohort.id
    make_cohort(world, "Other org group", org=world.other_org, learners=["other_learner"])
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=world.users["learner"].id))
    db.session.commit()
    listing = text(client.get("/staff/cohorts"))
    assert "Spring English group" in listing and "Other org group" not in listing
    assert re.search(r"Spring English group</a>\s*</td>\s*<td>1</td>\s*<td>0</td>", listing)


def test_a_cohort_name_is_required_unique_and_not_too_long(client, auth, world):
    make_cohort(world)
    make_cohort(world, "Autumn group", org=world.other_org)
    auth.sign_in("staff")
    for name, message in (
        ("", "Please give the cohort a name."),
        ("   ", "Please give the cohort a name."),
        ("spring english GROUP", "Another cohort already has this name."),
        ("x" * 121, "Please use 120 characters or fewer."),
    ):
        response = post_form(client, "/staff/cohorts", {"name": name, "description": "Kept"})
        page = text(response)
        assert response.status_code == 400, name
        assert 'class="error-message" id="name-error"' in page and message in page
        assert "Kept</textarea>" in page  # what was typed stays
    # Another organisation's cohort of the same name does not stand in the way.
    assert post_form(client, "/staff/cohorts", {"name": "Autumn group"}).status_code == 302
    assert db.session.scalar(db.select(db.func.count(Cohort.id))) == 3


def test_a_description_too_long_is_refused_beside_the_field(client, auth, world):
    auth.sign_in("staff")
    response = post_form(client, "/staff/cohorts", {"name": "A", "description": "y" * 501})
    assert response.status_code == 400
    assert 'id="description-error"' in text(response)
    assert db.session.scalar(db.select(Cohort)) is None


# --- Members ---


def test_add_and_remove_learners_and_mentors(client, auth, world):
    cohort = make_cohort(world)
    url = f"/staff/cohorts/{cohort.id}"
    auth.sign_in("staff")
    page = text(client.get(url))
    # Only this organisation's learners and mentors are offered.
    assert 'value="learner2"' in page and 'value="mentor"' in page
    assert "other_learner" not in page and 'value="staff"' not in page
    for body in ({"learner": "learner"}, {"learner": "learner2"}, {"mentor": "mentor"}):
        assert post_form(client, f"{url}/members", body, page=url).status_code == 302
    ids = {name: world.users[name].id for name in ("learner", "learner2", "mentor")}
    assert members_of(cohort.id) == sorted(
        [(ids["learner"], "learner"), (ids["learner2"], "learner"), (ids["mentor"], "mentor")]
    )
    assert actions().count("cohort_member_added") == 3
    page = text(client.get(url))
    assert "Remove Learner2" in page and "Remove Mentor" in page
    member = db.session.scalar(
        db.select(CohortMember).where(CohortMember.user_id == ids["learner2"])
    )
    response = post_form(client, f"{url}/members/{member.id}/remove", {}, page=url)
    assert response.status_code == 302
    assert (ids["learner2"], "learner") not in members_of(cohort.id)
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "cohort_member_removed")
    )
    assert event.subject_user_id == ids["learner2"] and event.object_id == cohort.id


def test_adding_someone_who_may_not_be_added_is_a_clear_error(client, auth, world):
    cohort = make_cohort(world, learners=["learner"])
    url = f"/staff/cohorts/{cohort.id}"
    auth.sign_in("staff")
    for body, message in (
        ({"learner": "other_learner"}, "Please choose a learner from the list."),  # other org
        ({"learner": "nobody-at-all"}, "Please choose a learner from the list."),  # forged
        ({"learner": "mentor"}, "Please choose a learner from the list."),  # not a learner
        ({"learner": "learner"}, "Please choose a learner from the list."),  # already in
        ({"learner": ""}, "Please choose a learner from the list."),
        ({"mentor": "learner2"}, "Please choose a mentor from the list."),
        ({"mentor": "other_mentor"}, "Please choose a mentor from the list."),
    ):
        response = post_form(client, f"{url}/members", body, page=url)
        assert response.status_code == 400, body
        assert message in text(response), (body, re.findall(r"error-message.*", text(response)))
    assert members_of(cohort.id) == [(world.users["learner"].id, "learner")]
    assert "cohort_member_added" not in actions()


def test_a_member_of_another_cohort_cannot_be_removed_through_this_one(client, auth, world):
    mine = make_cohort(world, learners=["learner"])
    second = make_cohort(world, "Second", learners=["learner2"])
    foreign = db.session.scalar(db.select(CohortMember).where(CohortMember.cohort_id == second.id))
    auth.sign_in("staff")
    url = f"/staff/cohorts/{mine.id}"
    assert post_form(client, f"{url}/members/{foreign.id}/remove", {}, page=url).status_code == 404
    assert post_form(client, f"{url}/members/999999/remove", {}, page=url).status_code == 404
    assert len(members_of(second.id)) == 1


def test_another_organisations_cohort_is_not_found(client, auth, world):
    theirs = make_cohort(world, "Theirs", org=world.other_org, learners=["other_learner"])
    member = db.session.scalar(db.select(CohortMember))
    auth.sign_in("staff")
    base = f"/staff/cohorts/{theirs.id}"
    for url in (base, f"{base}/edit", f"{base}.csv", "/staff/cohorts/999999"):
        assert client.get(url).status_code == 404, url
    for url, body in (
        (f"{base}/members", {"learner": "learner2"}),
        (f"{base}/members/{member.id}/remove", {}),
        (f"{base}/edit", {"name": "Mine now"}),
        (f"{base}/archive", {}),
    ):
        assert post_form(client, url, body, page="/staff/cohorts").status_code == 404, url
    db.session.expire_all()
    assert theirs.name == "Theirs" and theirs.archived_at is None
    assert len(members_of(theirs.id)) == 1


def test_learners_and_mentors_cannot_open_cohort_pages(client, auth, world):
    cohort = make_cohort(world, learners=["learner"], mentors=["mentor"])
    for username in ("learner", "mentor"):
        auth.sign_in(username)
        assert client.get("/staff/cohorts").status_code == 403
        assert client.get(f"/staff/cohorts/{cohort.id}").status_code == 403
        assert client.get(f"/staff/cohorts/{cohort.id}.csv").status_code == 403
        auth.sign_out()


# --- Edit and archive ---


def test_edit_a_cohort_and_refuse_a_name_in_use(client, auth, world):
    cohort = make_cohort(world)
    make_cohort(world, "Autumn group")
    url = f"/staff/cohorts/{cohort.id}/edit"
    auth.sign_in("staff")
    page = text(client.get(url))
    assert 'value="Spring English group"' in page
    response = post_form(client, url, {"name": "AUTUMN group", "description": "x"})
    assert response.status_code == 400 and "Another cohort already has this name." in text(response)
    # Keeping its own name is fine.
    assert (
        post_form(client, url, {"name": "Spring English group", "description": "Mon"}).status_code
        == 302
    )
    assert (
        post_form(client, url, {"name": "Spring English 2", "description": ""}).status_code == 302
    )
    db.session.expire_all()
    assert cohort.name == "Spring English 2" and cohort.description is None
    assert actions().count("cohort_changed") == 2


def test_archive_and_open_again(client, auth, world):
    cohort = make_cohort(world)
    url = f"/staff/cohorts/{cohort.id}"
    auth.sign_in("staff")
    assert post_form(client, f"{url}/archive", {}, page=url).status_code == 302
    db.session.expire_all()
    assert cohort.archived_at is not None
    assert "Archived" in text(client.get("/staff/cohorts"))
    assert "Open the cohort again" in text(client.get(url))
    post_form(client, f"{url}/archive", {}, page=url)
    db.session.expire_all()
    assert cohort.archived_at is None
    assert actions()[-2:] == ["cohort_archived", "cohort_reopened"]


# --- Progress: charts, tables and CSV ---


def _progress(world, synced):
    """learner finished sample-rights; learner2 opened one lesson of sample-english."""
    rights = db.session.scalar(db.select(Course).where(Course.slug == "sample-rights"))
    english = db.session.scalar(db.select(Course).where(Course.slug == "sample-english"))
    for lesson in rights.lessons:
        db.session.add(
            LessonProgress(
                user_id=world.users["learner"].id,
                lesson_id=lesson.id,
                course_id=rights.id,
                status="finished",
            )
        )
    first = db.session.scalar(db.select(Lesson).where(Lesson.course_id == english.id))
    db.session.add(
        LessonProgress(
            user_id=world.users["learner2"].id,
            lesson_id=first.id,
            course_id=english.id,
            status="opened",
        )
    )
    version = db.session.scalar(db.select(db.func.max(ContentVersion.id)))
    db.session.add(
        CourseCompletion(user_id=world.users["learner"].id, course_id=rights.id, version_id=version)
    )
    # Someone outside the cohort: never counted.
    db.session.add(
        CourseCompletion(
            user_id=world.users["other_learner"].id, course_id=rights.id, version_id=version
        )
    )
    db.session.commit()
    return rights, english


def test_progress_per_course_and_track_as_charts_and_tables(client, auth, world, synced):
    rights, _english = _progress(world, synced)
    cohort = make_cohort(world, learners=["learner", "learner2"], mentors=["mentor"])
    auth.sign_in("staff")
    page = text(client.get(f"/staff/cohorts/{cohort.id}"))
    assert page.count('<svg role="img"') == 2
    assert 'aria-labelledby="chart-course-title chart-course-desc"' in page
    assert '<title id="chart-course-title">Progress per course</title>' in page
    assert '<title id="chart-track-title">Progress per track</title>' in page
    assert 'viewBox="0 0 320 ' in page and 'width="100%"' in page
    assert "style=" not in page  # CSP: no inline styles
    # The tables: Sample rights course 1 of 2 started and 1 of 2 completed.
    assert re.search(
        r"<th scope=\"row\">Sample rights course</th>\s*<td>Rights \(test track\)</td>\s*"
        r"<td>1 of 2</td>\s*<td>1 of 2</td>",
        page,
    )
    assert re.search(
        r"<th scope=\"row\">Sample English course</th>\s*<td>English \(test track\)</td>\s*"
        r"<td>1 of 2</td>\s*<td>0 of 2</td>",
        page,
    )
    assert re.search(
        r"<th scope=\"row\">Rights \(test track\)</th>\s*<td>1 of 2</td>\s*<td>1 of 2</td>", page
    )
    # A full bar (250) is 2 of 2; 1 of 2 is half of it.
    assert 'width="125.0" height="14" class="chart-bar chart-bar--0"' in page
    assert "Most completed: Sample rights course (1 of 2 learners)." in page


def test_an_empty_cohort_says_so_without_errors(client, auth, world, synced):
    cohort = make_cohort(world)
    auth.sign_in("staff")
    page = text(client.get(f"/staff/cohorts/{cohort.id}"))
    assert "There are no learners in this cohort yet." in page
    assert "<td>0 of 0</td>" in page


def test_csv_has_a_bom_safe_cells_and_names_in_any_script(client, auth, world, synced):
    _progress(world, synced)
    li = make_user("li", world.org, "learner", "李明")
    sly = make_user("sly", world.org, "learner", '=HYPERLINK("http://evil.example","x")')
    rahima = make_user("rahima", world.org, "learner", "রহিমা")
    db.session.commit()
    cohort = make_cohort(world, learners=["learner", "learner2"])
    for user in (li, sly, rahima):
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role="learner"))
    db.session.commit()
    auth.sign_in("staff")
    response = client.get(f"/staff/cohorts/{cohort.id}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert (
        response.headers["Content-Disposition"] == f'attachment; filename="cohort-{cohort.id}.csv"'
    )
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["Course", "Track", "Learners started", "Learners completed"]
    assert ["Sample rights course", "Rights (test track)", "1", "1"] in rows
    assert ["Sample English course", "English (test track)", "1", "0"] in rows
    header = rows.index(next(r for r in rows if r and r[0] == "Learner"))
    names = {row[0]: row[1:] for row in rows[header + 1 :]}
    assert "李明" in names and "রহিমা" in names
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert not any(name.startswith("=") for name in names)
    rights_column = rows[header].index("Lessons done: Sample rights course")
    rights_lessons = db.session.scalar(
        db.select(db.func.count(Lesson.id)).join(Course).where(Course.slug == "sample-rights")
    )
    assert names["Learner"][rights_column - 1] == str(rights_lessons)
    assert names["李明"][rights_column - 1] == "0"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "cohort_exported"))
    assert event.object_type == "cohort" and event.object_id == cohort.id


def test_certificates_csv_still_escapes_and_has_a_bom(client, auth, world):
    auth.sign_in("staff")
    response = client.get("/staff/certificates.csv")
    assert response.status_code == 200 and response.data.startswith(b"\xef\xbb\xbf")
    assert response.data.decode("utf-8-sig").startswith("printed name,title,hours")


# --- Data export and deletion ---


def test_export_lists_my_cohorts_and_deletion_removes_the_links(client, auth, world):
    cohort = make_cohort(world, learners=["learner", "learner2"])
    auth.sign_in("learner")
    exported = json.loads(text(client.get("/account/export")))["cohorts"]
    assert exported == [
        {"cohort": "Spring English group", "role": "learner", "added": exported[0]["added"]}
    ]
    delete_account(world.users["learner"])
    db.session.commit()
    assert members_of(cohort.id) == [(world.users["learner2"].id, "learner")]


# --- Printable invitation cards ---


def _card_codes(page: str) -> list[str]:
    return re.findall(r'<p class="print-card__code">([^<]+)</p>', page)


def _qr_path(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4).split(' d="')[1].split('"')[0]


def test_one_invitation_comes_with_a_printable_card_and_qr_code(client, auth, world):
    auth.sign_in("staff")
    response = post_form(client, "/staff/invitations", {"role": "learner", "days": "7"})
    page = text(response)
    [code] = _card_codes(page)
    assert "Invitation to join Harbour Group" in page
    assert "http://localhost/join</strong>" in page
    assert _qr_path(f"http://localhost/join?code={code}") in page
    assert "Keep this card private. Anyone with this code can join until" in page
    assert "style=" not in page
    # The QR code's link opens the join page with the code filled in.
    auth.sign_out()
    joined = client.get(f"/join?code={code}")
    assert joined.status_code == 200 and code in text(joined)


def test_a_discreet_organisation_never_prints_its_own_name(client, auth, world):
    world.org.name = "Anti-Trafficking Aid"
    world.org.is_discreet = True
    db.session.commit()
    auth.sign_in("staff")
    page = text(post_form(client, "/staff/invitations", {"role": "learner", "days": "7"}))
    card = page[page.index('<div class="print-cards">') :]
    assert "Anti-Trafficking" not in card and "Invitation to join Study notes" in card
    world.org.certificate_issuer_name = "Riverside Learning"
    db.session.commit()
    page = text(post_form(client, "/staff/invitations", {"role": "learner", "days": "7"}))
    card = page[page.index('<div class="print-cards">') :]
    assert "Anti-Trafficking" not in card and "Invitation to join Riverside Learning" in card


def test_several_cards_at_once_each_with_its_own_code(client, auth, world):
    auth.sign_in("staff")
    assert "Print several invitation cards" in text(client.get("/staff/invitations"))
    form = client.get("/staff/invitations/cards")
    assert form.status_code == 200 and 'id="count"' in text(form)
    response = post_form(
        client,
        "/staff/invitations/cards",
        {"role": "learner", "count": "3", "days": "10", "label": "Tuesday group"},
    )
    page = text(response)
    assert response.status_code == 200 and "3 cards for: Learner." in page
    codes = _card_codes(page)
    assert len(codes) == 3 and len(set(codes)) == 3
    for code in codes:
        assert _qr_path(f"http://localhost/join?code={code}") in page
    assert page.count('<svg width="') == 3 and page.count('class="print-card"') == 3
    invitations = db.session.scalars(db.select(Invitation)).all()
    assert len(invitations) == 3
    assert {i.label for i in invitations} == {"Tuesday group"}
    assert {i.organisation_id for i in invitations} == {world.org.id}
    assert actions().count("invitation_created") == 3
    assert not any(
        code in json.dumps(i.__dict__, default=str) for i in invitations for code in codes
    )


def test_cards_are_printed_in_the_language_chosen_for_the_batch(client, auth, world):
    auth.sign_in("staff")
    assert 'name="language"' in text(client.get("/staff/invitations/cards"))
    response = post_form(
        client,
        "/staff/invitations/cards",
        {"role": "learner", "count": "2", "days": "10", "language": "bn"},
    )
    page = text(response)
    assert response.status_code == 200
    cards = re.findall(r'<section class="print-card" lang="bn".*?</section>', page, re.S)
    assert len(cards) == 2
    for card in cards:
        assert "১. এই ঠিকানায় যান:" in card and "1. Go to this address:" not in card
    assert "2 cards for: Learner." in page  # the page around the cards stays in English
    invitations = db.session.scalars(db.select(Invitation)).all()
    assert {i.locale for i in invitations} == {"bn"}  # their joining page starts in Bengali
    # No language chosen: the cards are in the page's language, with no lang of their own.
    plain = text(
        post_form(
            client, "/staff/invitations/cards", {"role": "learner", "count": "1", "days": "10"}
        )
    )
    assert '<section class="print-card" aria-labelledby' in plain
    assert "1. Go to this address:" in plain


def test_a_single_invitations_card_is_in_its_chosen_language(client, auth, world):
    auth.sign_in("staff")
    response = post_form(
        client, "/staff/invitations", {"role": "learner", "days": "10", "language": "zh_Hans"}
    )
    page = text(response)
    card = re.search(r'<section class="print-card" lang="zh-Hans".*?</section>', page, re.S)
    assert card and "1. 打开这个网址：" in card.group(0)


def test_card_count_and_role_are_checked(client, auth, world):
    auth.sign_in("staff")
    for body, message in (
        ({"count": "0"}, "Please choose between 1 and 30 cards."),
        ({"count": "31"}, "Please choose between 1 and 30 cards."),
        ({"count": ""}, "Please give a number of cards."),
        ({"count": "lots"}, "Please give a number of cards, such as 5."),
        ({"count": "2", "role": "admin"}, "Not a valid choice"),  # staff may not invite admins
        ({"count": "2", "days": "0"}, "Please choose between 1 and 60 days."),
    ):
        response = post_form(
            client, "/staff/invitations/cards", {"role": "learner", "days": "7", **body}
        )
        assert response.status_code == 400, body
        assert message in text(response), (body, re.findall(r"error-message.*", text(response)))
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def test_a_mentor_sees_their_open_cohort_names_on_their_dashboard(client, auth, world):
    make_cohort(world, learners=["learner"], mentors=["mentor"])
    archived = make_cohort(world, "Old group", mentors=["mentor"])
    make_cohort(world, "Not theirs", learners=["mentor"])  # odd, but not as a mentor
    make_cohort(world, "Elsewhere", org=world.other_org, mentors=["other_mentor"])
    archived.archived_at = archived.created_at
    db.session.commit()
    auth.sign_in("mentor")
    page = text(client.get("/mentoring"))
    assert "Your cohorts: Spring English group" in page
    assert "Old group" not in page and "Not theirs" not in page and "Elsewhere" not in page
    auth.sign_out()
    auth.sign_in("staff")
    assert "Your cohorts" not in text(client.get("/mentoring"))


def test_cohort_lessons_done_count_finished_lessons_only(client, auth, world, synced):
    """Skipped lessons are "not now": the cohort's lessons-done counts leave them out."""
    rights = db.session.scalar(db.select(Course).where(Course.slug == "sample-rights"))
    for lesson, status in zip(rights.lessons, ["finished", "skipped", "skipped"], strict=True):
        db.session.add(
            LessonProgress(
                user_id=world.users["learner"].id,
                lesson_id=lesson.id,
                course_id=rights.id,
                status=status,
            )
        )
    db.session.commit()
    cohort = make_cohort(world, learners=["learner"])
    auth.sign_in("staff")
    rows = list(csv.reader(io.StringIO(client.get(f"/staff/cohorts/{cohort.id}.csv").text)))
    header = next(r for r in rows if r and r[0] == "Learner")  # the column headings
    learner = rows[rows.index(header) + 1]  # the one learner, named "Learner"
    assert learner[header.index("Lessons done: Sample rights course")] == "1"
