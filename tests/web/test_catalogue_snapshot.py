"""The per-process copy of the catalogue (lms/catalog/snapshot.py): read once, and again as soon
as the content changes, whoever changed it."""

from contextlib import contextmanager

from sqlalchemy import event, update

from lms.catalog.models import ContentVersion, Course, Lesson, LessonText
from lms.extensions import db

COURSE = "/learn/sample-rights"
LESSON = "/learn/sample-rights/first-steps"


@contextmanager
def _statements_with(text: str):
    """The SQL statements run meanwhile that contain `text`."""
    found = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if text in statement:
            found.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)


def _sync_from_another_process() -> None:
    """Retitle the sample course and store a new content version with Core statements, as
    another process's writes look from here: no flush in this session."""
    connection = db.session.connection()
    course_id = connection.execute(
        db.select(Course.id).where(Course.slug == "sample-rights")
    ).scalar_one()
    connection.execute(
        update(Course).where(Course.id == course_id).values(titles={"en": "Know your rights"})
    )
    connection.execute(db.insert(ContentVersion).values(digest="another process"))


def _catalogue_reads(client, urls) -> int:
    """How many times the courses table is read while these pages are served."""
    with _statements_with("FROM courses") as reads:
        for url in urls:
            assert client.get(url).status_code == 200, url
    return len(reads)


def test_pages_read_the_catalogue_once_per_content_version(client, auth, world, synced):
    auth.sign_in("learner")
    client.get("/")
    assert _catalogue_reads(client, ["/", "/learn", COURSE, LESSON, "/", COURSE, LESSON]) == 0


def test_a_sync_from_another_process_shows_on_the_next_page(client, auth, world, synced):
    """The command line (or another server) changes the rows and stores a new version; this
    process made no change of its own, and notices the new version on its next page."""
    auth.sign_in("learner")
    assert "Know your rights" not in client.get(COURSE).get_data(as_text=True)
    _sync_from_another_process()
    page = client.get(COURSE).get_data(as_text=True)
    assert "Know your rights" in page


def test_a_change_made_in_this_process_shows_at_once(client, auth, world, synced):
    auth.sign_in("learner")
    assert client.get(LESSON).status_code == 200
    lesson = db.session.scalar(db.select(Lesson).where(Lesson.slug == "first-steps"))
    lesson.is_archived = True
    db.session.commit()
    assert client.get(LESSON).status_code == 404


def test_a_rolled_back_change_is_not_kept(client, auth, world, synced):
    auth.sign_in("learner")
    text = db.session.scalar(
        db.select(LessonText)
        .join(Lesson)
        .where(Lesson.slug == "first-steps", LessonText.language == "en")
    )
    original = text.title
    text.title = "A title nobody saved"
    db.session.flush()
    assert "A title nobody saved" in client.get(COURSE).get_data(as_text=True)
    db.session.rollback()
    page = client.get(COURSE).get_data(as_text=True)
    assert "A title nobody saved" not in page
    assert original in page


def test_an_unknown_or_archived_course_is_not_found(client, auth, world, synced):
    auth.sign_in("learner")
    assert client.get("/learn/no-such-course").status_code == 404
    course = db.session.scalar(db.select(Course).where(Course.slug == "sample-rights"))
    course.is_archived = True
    db.session.commit()
    assert client.get(COURSE).status_code == 404
    assert client.get(LESSON).status_code == 404
    assert "sample-rights" not in client.get("/learn").get_data(as_text=True)


def test_another_process_s_version_is_asked_for_at_most_once_per_check_time(
    app, client, auth, world, synced, monkeypatch
):
    """With LMS_CATALOGUE_CHECK_SECONDS (2 outside the tests) the database is asked for the
    latest content version at most that often; another process's sync shows after it."""
    import lms.catalog.snapshot as snapshot

    app.config["LMS_CATALOGUE_CHECK_SECONDS"] = 2
    clock = [1000.0]
    monkeypatch.setattr(snapshot.time, "monotonic", lambda: clock[0])
    auth.sign_in("learner")
    with _statements_with("max(content_versions.id)") as asked:
        assert client.get(COURSE).status_code == 200
        clock[0] += 1
        assert client.get(COURSE).status_code == 200
        assert len(asked) <= 1
        _sync_from_another_process()
        clock[0] += 0.5
        assert "Know your rights" not in client.get(COURSE).get_data(as_text=True)
        clock[0] += 1
        assert "Know your rights" in client.get(COURSE).get_data(as_text=True)


def _lesson_body_reads(client, urls) -> int:
    """How many times lesson bodies are read while these pages are served."""
    with _statements_with("lesson_texts.body_html") as reads:
        for url in urls:
            assert client.get(url).status_code == 200, url
    return len(reads)


def _first_steps_text(language: str = "en") -> LessonText:
    return db.session.scalar(
        db.select(LessonText)
        .join(Lesson)
        .where(Lesson.slug == "first-steps", LessonText.language == language)
    )


def test_a_lesson_s_texts_are_read_once_per_content_version(client, auth, world, synced):
    auth.sign_in("learner")
    assert _lesson_body_reads(client, [LESSON, LESSON, "/", LESSON]) == 1
    # Another language's text too: every language's came with the first read.
    assert _lesson_body_reads(client, [LESSON + "?lang=zh-Hans", LESSON]) == 0


def test_a_changed_lesson_body_shows_on_the_next_view(client, auth, world, synced):
    """In this process (a flush marks the catalogue stale) and from another process (a newer
    content version): the kept texts go with the catalogue they were read with."""
    auth.sign_in("learner")
    assert client.get(LESSON).status_code == 200
    text = _first_steps_text()
    text.body_html = "<p>A body changed here.</p>"
    db.session.commit()
    assert "A body changed here." in client.get(LESSON).get_data(as_text=True)

    connection = db.session.connection()
    connection.execute(
        update(LessonText)
        .where(LessonText.id == text.id)
        .values(body_html="<p>A body changed elsewhere.</p>")
    )
    assert "A body changed elsewhere." not in client.get(LESSON).get_data(as_text=True)
    connection.execute(db.insert(ContentVersion).values(digest="another process"))
    assert "A body changed elsewhere." in client.get(LESSON).get_data(as_text=True)


def test_kept_lesson_texts_are_bounded(app, client, auth, world, synced, monkeypatch):
    import lms.catalog.snapshot as snapshot

    monkeypatch.setattr(snapshot, "LESSON_TEXTS_KEPT", 2)
    auth.sign_in("learner")
    lessons = db.session.scalars(
        db.select(Lesson.slug)
        .join(Course)
        .where(Course.slug == "sample-rights", Lesson.is_archived.is_(False))
    ).all()
    assert len(lessons) >= 3
    for slug in lessons:
        assert client.get(f"/learn/sample-rights/{slug}?read=1").status_code == 200
        assert len(app.extensions["pathways_catalogue"].texts) <= 2
