"""Opening a lesson records progress in one statement after the page is drawn (issue 15): it
must stay right when the same learner opens the same lesson twice at the same moment (a
double tap, two tabs), on SQLite and on PostgreSQL, and it must not load the page twice."""

import threading

import pytest
from sqlalchemy import event

from lms import create_app
from lms.content import sync_content
from lms.extensions import db
from lms.orgs.models import Organisation
from lms.progress.models import LessonProgress

from .conftest import TEST_CONFIG, make_user, post_form

LESSON = "/learn/sample-rights/first-steps"


def _racing_app(app, tmp_path):
    """Threads need connections of their own: the test database on PostgreSQL; on SQLite a
    file (the in-memory test database is one connection shared by every thread)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return app
    racing = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/r.db"})
    with racing.app_context():
        db.create_all()
    return racing


@pytest.mark.real_database  # threads with connections of their own
def test_the_same_lesson_opened_twice_at_once_is_recorded_once(app, tmp_path):
    racing = _racing_app(app, tmp_path)
    with racing.app_context():
        sync_content(racing.config["LMS_COURSES_DIR"], racing.config["LMS_ASSESSMENTS_DIR"])
        org = Organisation(name="Harbour Group")
        db.session.add(org)
        db.session.flush()
        learner = make_user("learner", org, "learner")
        db.session.commit()
        learner_id = learner.id
        db.session.remove()
    tabs = [racing.test_client(), racing.test_client()]
    for tab in tabs:
        assert (
            post_form(
                tab, "/sign-in", {"username": "learner", "password": "correct horse battery"}
            ).status_code
            == 302
        )
    statuses, errors = [], []
    rounds = 4
    start = threading.Barrier(len(tabs))

    def open_lesson(tab):
        try:
            for _ in range(rounds):
                start.wait()
                statuses.append(tab.get(LESSON).status_code)
        except Exception as error:  # noqa: BLE001 (the test reports any failure)
            errors.append(error)

    threads = [threading.Thread(target=open_lesson, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with racing.app_context():
        rows = db.session.scalars(
            db.select(LessonProgress).where(LessonProgress.user_id == learner_id)
        ).all()
        assert [(row.status, row.opened_at is not None) for row in rows] == [("opened", True)]
        db.session.remove()
        if racing is not app:
            db.engine.dispose()
    assert errors == []
    assert statuses == [200] * rounds * len(tabs)


def test_opening_a_lesson_keeps_what_it_finished_and_moves_its_clock(
    app, client, auth, world, synced, monkeypatch
):
    from datetime import timedelta

    from lms.timeutil import utcnow

    auth.sign_in("learner")
    first = utcnow() - timedelta(days=2)
    monkeypatch.setattr("lms.progress.services.utcnow", lambda: first)
    assert client.get(LESSON).status_code == 200
    post_form(client, LESSON + "/progress", {"event": "finished"}, page=LESSON)
    later = first + timedelta(days=1)
    monkeypatch.setattr("lms.progress.services.utcnow", lambda: later)
    page = client.get(LESSON)
    assert page.status_code == 200 and "You finished this lesson." in page.get_data(as_text=True)
    db.session.expire_all()
    row = db.session.scalar(
        db.select(LessonProgress).where(LessonProgress.user_id == world.users["learner"].id)
    )
    # Opening again never undoes finishing nor forgets when it was first opened.
    assert (row.status, row.opened_at, row.updated_at) == ("finished", first, later)


def test_the_lesson_page_loads_the_course_once(app, client, auth, world, synced):
    """The progress write comes after the page is drawn, so nothing loaded is expired and
    loaded again (the course, its lessons and texts, the member)."""
    auth.sign_in("learner")
    client.get(LESSON)
    db.session.remove()
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(LESSON).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    for table in ("courses", "lessons", "lesson_texts", "users", "memberships"):
        loads = [s for s in seen if s.lstrip().startswith("SELECT") and f"FROM {table} " in s + " "]
        assert len(loads) <= 1, (table, loads)


def _clock_of(user_id):
    db.session.expire_all()
    rows = db.session.execute(
        db.select(LessonProgress.lesson_id, LessonProgress.updated_at).where(
            LessonProgress.user_id == user_id
        )
    ).all()
    return dict(rows)


def test_reloading_the_last_opened_lesson_soon_after_writes_nothing(
    app, client, auth, world, synced, monkeypatch
):
    """A reload on a slow connection changes nothing the learner sees: no write. Opening
    another lesson in between, or coming back later, moves the clock again, so "continue
    where you left off" always points at the lesson opened last."""
    from datetime import timedelta

    from lms.progress.resume import REOPEN_UNRECORDED_FOR
    from lms.progress.services import last_course_id
    from lms.timeutil import utcnow

    learner = world.users["learner"].id
    auth.sign_in("learner")
    start = utcnow() - timedelta(days=1)
    now = [start]
    monkeypatch.setattr("lms.progress.services.utcnow", lambda: now[0])

    def open_at(path, moment):
        now[0] = moment
        assert client.get(path).status_code == 200

    open_at(LESSON, start)
    first_id = next(iter(_clock_of(learner)))
    writes = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        open_at(LESSON, start + timedelta(minutes=3))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert [w for w in writes if "lesson_progress" in w] == []
    assert _clock_of(learner) == {first_id: start}

    # Another course's lesson in between: coming back to the first lesson is news again.
    open_at("/learn/sample-english/hello", start + timedelta(minutes=4))
    open_at(LESSON, start + timedelta(minutes=5))
    assert _clock_of(learner)[first_id] == start + timedelta(minutes=5)
    sample_rights = db.session.scalar(
        db.select(LessonProgress.course_id).where(LessonProgress.lesson_id == first_id)
    )
    assert last_course_id(learner) == sample_rights

    # The same lesson, once the quiet time has passed: the clock moves.
    later = start + timedelta(minutes=5) + REOPEN_UNRECORDED_FOR
    open_at(LESSON, later)
    assert _clock_of(learner)[first_id] == later


def test_the_learner_picture_answers_four_questions_in_one_statement(app, world, synced):
    """lms.progress.services.learner_picture: finished live lessons per course, completions
    (read back as datetimes on both databases), the course moved last on a live lesson, and
    the statuses in it; another learner's rows never count."""
    from datetime import datetime, timedelta

    from lms.catalog.models import Course, Lesson
    from lms.progress.models import CourseCompletion
    from lms.progress.services import learner_picture

    learner, other = world.users["learner"].id, world.users["learner2"].id
    courses = {c.slug: c for c in db.session.scalars(db.select(Course))}
    rights, english = courses["sample-rights"], courses["sample-english"]
    lessons = {
        (lesson.course_id, lesson.slug): lesson for lesson in db.session.scalars(db.select(Lesson))
    }
    rights_lessons = sorted(
        (lesson for (course, _), lesson in lessons.items() if course == rights.id),
        key=lambda lesson: lesson.position,
    )
    hello = lessons[(english.id, "hello")]
    start = datetime(2026, 11, 1, 9, 0)

    def progress(user_id, lesson, status, minutes):
        db.session.add(
            LessonProgress(
                user_id=user_id,
                lesson_id=lesson.id,
                course_id=lesson.course_id,
                status=status,
                updated_at=start + timedelta(minutes=minutes),
            )
        )

    progress(learner, rights_lessons[0], "finished", 1)
    progress(learner, rights_lessons[1], "finished", 2)
    progress(learner, hello, "opened", 3)
    progress(other, rights_lessons[2], "finished", 9)
    rights_lessons[1].is_archived = True  # finished, but no longer counted
    completed_at = start + timedelta(hours=1)
    db.session.add(
        CourseCompletion(
            user_id=learner, course_id=rights.id, completed_at=completed_at, version_id=synced.id
        )
    )
    db.session.flush()
    picture = learner_picture(learner)
    assert picture.done == {rights.id: 1}
    assert picture.completed == {rights.id: completed_at}
    assert isinstance(picture.completed[rights.id], datetime)
    assert picture.last_course_id == english.id
    assert picture.last_course_statuses == {hello.id: "opened"}
    nobody = learner_picture(world.users["mentor"].id)
    assert (nobody.done, nobody.completed, nobody.last_course_id) == ({}, {}, None)
    assert nobody.last_course_statuses == {}


def test_the_learner_picture_with_mentors_names_them_as_their_page_lists_them(
    app, world, client, auth
):
    """learner_picture(..., mentors_in=org): the same statement also gives the learner's
    mentors in that organisation, the people `mentors_of` lists, in its order; nobody from
    another organisation, and nobody else's mentors. The dashboard shows them."""
    from lms.orgs.models import MentorAssignment
    from lms.orgs.services import mentors_of
    from lms.progress.services import learner_picture

    from .conftest import make_user

    learner = world.users["learner"]
    for name in ("zoë", "Amal", "amal b", "Élodie"):
        mentor = make_user(f"mentor-{len(name)}-{name[:2]}", world.org, "mentor", name)
        db.session.add(
            MentorAssignment(
                organisation_id=world.org.id, mentor_id=mentor.id, learner_id=learner.id
            )
        )
    # A mentor of someone else, and the learner's in another organisation: never listed.
    db.session.add(
        MentorAssignment(
            organisation_id=world.org.id,
            mentor_id=world.users["mentor"].id,
            learner_id=world.users["learner2"].id,
        )
    )
    db.session.add(
        MentorAssignment(
            organisation_id=world.other_org.id,
            mentor_id=world.users["other_mentor"].id,
            learner_id=learner.id,
        )
    )
    db.session.commit()
    expected = tuple(m.display_name for m in mentors_of(world.org.id, learner.id))
    assert len(expected) == 5 and "Other_Mentor" not in expected
    picture = learner_picture(learner.id, mentors_in=world.org.id)
    assert picture.mentor_names == expected
    assert learner_picture(learner.id).mentor_names == ()
    assert learner_picture(world.users["learner2"].id, mentors_in=world.org.id).mentor_names == (
        "Mentor",
    )
    assert learner_picture(world.users["staff"].id, mentors_in=world.org.id).mentor_names == ()

    auth.sign_in("learner")
    page = client.get("/").get_data(as_text=True)
    assert f"<p>{', '.join(expected)}</p>" in page


def test_the_course_page_reads_completion_and_statuses_in_one_statement(app, world, synced):
    """lms.progress.services.completion_and_statuses: when this learner completed the course
    (a datetime on both databases, or None) and their status in each of its lessons; other
    courses and other learners never count."""
    from datetime import datetime

    from lms.catalog.models import Course, Lesson
    from lms.progress.models import CourseCompletion
    from lms.progress.services import completion_and_statuses

    learner, other = world.users["learner"].id, world.users["learner2"].id
    courses = {c.slug: c for c in db.session.scalars(db.select(Course))}
    rights, english = courses["sample-rights"], courses["sample-english"]
    lessons = list(db.session.scalars(db.select(Lesson).order_by(Lesson.course_id, Lesson.id)))
    rights_lessons = [lesson for lesson in lessons if lesson.course_id == rights.id]
    english_lesson = next(lesson for lesson in lessons if lesson.course_id == english.id)
    assert completion_and_statuses(learner, rights.id) == (None, {})
    for user_id, lesson, status in (
        (learner, rights_lessons[0], "finished"),
        (learner, rights_lessons[1], "opened"),
        (learner, english_lesson, "finished"),
        (other, rights_lessons[2], "finished"),
    ):
        db.session.add(
            LessonProgress(
                user_id=user_id, lesson_id=lesson.id, course_id=lesson.course_id, status=status
            )
        )
    db.session.flush()
    assert completion_and_statuses(learner, rights.id) == (
        None,
        {rights_lessons[0].id: "finished", rights_lessons[1].id: "opened"},
    )
    completed_at = datetime(2026, 11, 2, 10, 30)
    db.session.add(
        CourseCompletion(
            user_id=learner, course_id=rights.id, completed_at=completed_at, version_id=synced.id
        )
    )
    db.session.flush()
    when, found = completion_and_statuses(learner, rights.id)
    assert when == completed_at and isinstance(when, datetime)
    assert found == {rights_lessons[0].id: "finished", rights_lessons[1].id: "opened"}
    assert completion_and_statuses(other, rights.id) == (None, {rights_lessons[2].id: "finished"})
