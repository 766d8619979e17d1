"""Issue 15, item 5: each page runs the same number of SQL statements with 5 and with 100
learners, so no page does one query per learner (N+1)."""

import itertools
import re
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import event

from lms.accounts.models import User
from lms.catalog.models import Lesson
from lms.extensions import db
from lms.orgs.models import Membership, MentorAssignment
from lms.programme.models import Cohort, CohortMember
from lms.progress.models import LessonProgress
from lms.timeutil import utcnow

# (page, who is signed in). The cohort page's URL is filled in once the cohort exists.
PAGES = [
    ("/", "learner"),
    ("/learn/sample-rights", "learner"),
    ("/learn/sample-rights/first-steps", "learner"),
    ("/mentoring", "mentor"),
    ("/staff/members", "staff"),
    ("/staff/cohorts/{cohort}", "staff"),
]


def _cohort(world) -> int:
    cohort = Cohort(organisation_id=world.org.id, name="Spring group")
    db.session.add(cohort)
    db.session.flush()
    for member in ("learner", "learner2"):
        db.session.add(
            CohortMember(cohort_id=cohort.id, user_id=world.users[member].id, role="learner")
        )
    db.session.commit()
    return cohort.id


def _add_learners(org_id: int, mentor_id: int, cohort_id: int, first: int, count: int) -> None:
    """`count` more learners in the organisation, each assigned to the mentor, in the cohort,
    with some progress. Users are added directly: hashing 100 passwords would only slow the
    test, and none of them signs in."""
    lessons = db.session.scalars(db.select(Lesson).order_by(Lesson.id)).all()
    assert lessons, "the test course files are synced"
    for n in range(first, first + count):
        user = User(
            username=f"seeded{n}",
            username_key=f"seeded{n}",
            display_name=f"Seeded learner {n}",
            password_hash=None,
            locale="en",
        )
        db.session.add(user)
        db.session.flush()
        db.session.add(Membership(user_id=user.id, organisation_id=org_id, role="learner"))
        db.session.add(
            MentorAssignment(organisation_id=org_id, mentor_id=mentor_id, learner_id=user.id)
        )
        db.session.add(CohortMember(cohort_id=cohort_id, user_id=user.id, role="learner"))
        for lesson in lessons[: 1 + n % 3]:
            db.session.add(
                LessonProgress(
                    user_id=user.id,
                    lesson_id=lesson.id,
                    course_id=lesson.course_id,
                    status="finished" if n % 2 else "opened",
                )
            )
    db.session.commit()


def _shape(statement: str) -> str:
    # Savepoint names are numbered through the test; the same statement, whatever its number.
    return re.sub(r"sa_savepoint_\d+", "sa_savepoint", statement)


def _statements(client, url: str) -> list[str]:
    """How many SQL statements one GET of `url` runs, with a fresh database session as a real
    server has (the tests share one session with the requests, which would otherwise hold
    objects loaded by an earlier request and hide the queries that load them)."""
    client.get(url)  # a first look fills per-process caches (content, translations)
    db.session.remove()
    engine = db.engine
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, url
    return seen


@pytest.mark.parametrize(("page", "role"), PAGES, ids=[p for p, _ in PAGES])
def test_query_count_does_not_grow_with_learners(
    app, client, auth, world, synced, page, role, monkeypatch
):
    # Times are kept to the second, so opening a lesson twice within one second writes
    # nothing the second time: a clock that moves on each call makes the count not depend
    # on how fast the machine is.
    ticks = itertools.count()
    start = utcnow()
    monkeypatch.setattr(
        "lms.progress.services.utcnow", lambda: start + timedelta(seconds=next(ticks))
    )
    cohort_id = _cohort(world)
    org_id, mentor_id = world.org.id, world.users["mentor"].id
    url = page.format(cohort=cohort_id)
    auth.sign_in(role)
    _add_learners(org_id, mentor_id, cohort_id, 0, 5)
    few = _statements(client, url)
    _add_learners(org_id, mentor_id, cohort_id, 5, 95)
    many = _statements(client, url)
    grown = Counter(map(_shape, many)) - Counter(map(_shape, few))
    assert len(many) == len(few), (
        f"{url}: {len(few)} statements with 5 learners, {len(many)} with 100; "
        f"more: {grown.most_common(3)}; fewer: {(Counter(map(_shape, few)) - Counter(map(_shape, many))).most_common(3)}"
    )


def test_cohort_page_renders_the_remove_buttons_hidden_fields_once(
    app, client, auth, world, synced, monkeypatch
):
    """Each member's "Remove" button is a small form; its hidden fields (the CSRF token) are
    rendered once for the page, not once per member (most of the page's time at 100)."""
    from flask_wtf import FlaskForm

    calls = []
    real = FlaskForm.hidden_tag
    monkeypatch.setattr(FlaskForm, "hidden_tag", lambda self, *a: calls.append(1) or real(self, *a))
    cohort_id = _cohort(world)
    org_id, mentor_id = world.org.id, world.users["mentor"].id
    auth.sign_in("staff")
    url = f"/staff/cohorts/{cohort_id}"
    _add_learners(org_id, mentor_id, cohort_id, 0, 5)
    calls.clear()
    few_page = client.get(url).get_data(as_text=True)
    few = len(calls)
    _add_learners(org_id, mentor_id, cohort_id, 5, 95)
    calls.clear()
    page = client.get(url).get_data(as_text=True)
    assert len(calls) == few
    # Every button still carries the token the server checks.
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert page.count(f'value="{token}"') >= 102 > few_page.count('name="csrf_token"')


def test_mentor_dashboard_still_records_one_look_per_learner(app, client, auth, world, synced):
    """Loading the learners together still leaves one access record per learner and kind
    for each page view, for "Who has seen my information"."""
    from lms.access.models import AccessRecord
    from lms.access.policy import PROGRESS

    cohort_id = _cohort(world)
    mentor_id = world.users["mentor"].id
    _add_learners(world.org.id, mentor_id, cohort_id, 0, 5)
    auth.sign_in("mentor")
    assert client.get("/mentoring").status_code == 200
    looks = db.session.execute(
        db.select(AccessRecord.subject_user_id, db.func.count())
        .where(AccessRecord.viewer_id == mentor_id, AccessRecord.what == PROGRESS)
        .group_by(AccessRecord.subject_user_id)
    ).all()
    assigned = db.session.scalars(
        db.select(MentorAssignment.learner_id).where(MentorAssignment.mentor_id == mentor_id)
    ).all()
    assert sorted(looks) == sorted((learner_id, 1) for learner_id in assigned)
    assert len(assigned) == 6
