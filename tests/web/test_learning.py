"""Learning: sync, the catalogue, course and lesson pages, progress, dashboard, PDF."""

import io
import shutil

import pytest
from PIL import Image
from pypdf import PdfReader

from lms.catalog.models import ContentVersion, Course, CourseMedia, Lesson, Quiz
from lms.catalog.services import SyncRefused
from lms.content import sync_content
from lms.extensions import db
from lms.progress.models import CourseCompletion, LessonProgress

from .conftest import FIXTURES, post_form

LESSON = "/learn/sample-rights/first-steps"
HARD = "/learn/sample-rights/hard-topic"


def progress_rows(user):
    return {
        db.session.get(Lesson, row.lesson_id).slug: row.status
        for row in db.session.scalars(
            db.select(LessonProgress).where(LessonProgress.user_id == user.id)
        )
    }


def press(client, lesson_url, event):
    return post_form(
        client, lesson_url + "/progress", {"event": event}, page=lesson_url + "?read=1"
    )


def test_sync_loads_everything_and_strips_photo_metadata(synced):
    assert db.session.scalar(db.select(db.func.count(Course.id))) == 2
    assert db.session.scalar(db.select(db.func.count(Lesson.id))) == 4
    media = db.session.scalar(db.select(CourseMedia).where(CourseMedia.name == "map.png"))
    image = Image.open(io.BytesIO(media.data))
    assert dict(image.getexif()) == {}
    assert image.size == (40, 20)


def test_resync_keeps_progress_and_archives_removed_lessons(
    app, client, auth, world, synced, tmp_path
):
    auth.sign_in("learner")
    press(client, LESSON, "finished")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    folder = content / "courses" / "modern-slavery" / "sample-rights"
    (folder / "01-first-steps.md").rename(folder / "04-first-steps.md")
    text = (folder / "04-first-steps.md").read_text().replace("order: 1", "order: 4")
    text = text.replace("[the hard lesson](hard-topic)", "the hard lesson")
    (folder / "04-first-steps.md").write_text(text)
    (folder / "01-first-steps.bn.md").unlink()
    (folder / "02-hard-topic.md").unlink()
    quiz = content / "assessments" / "sample-rights" / "all-kinds.yaml"
    quiz.write_text(quiz.read_text().replace("lesson: hard-topic", "lesson: first-steps"))
    before = db.session.scalar(db.select(Lesson).where(Lesson.slug == "first-steps")).id
    version, _ = sync_content(str(content / "courses"), str(content / "assessments"))
    lesson = db.session.scalar(db.select(Lesson).where(Lesson.slug == "first-steps"))
    assert lesson.id == before and lesson.position == 4
    assert progress_rows(world.users["learner"]) == {"first-steps": "finished"}
    hard = db.session.scalar(db.select(Lesson).where(Lesson.slug == "hard-topic"))
    assert hard.is_archived
    assert client.get(HARD).status_code == 404
    assert version.id > synced.id


def test_failed_sync_changes_nothing(app, synced, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    lesson = content / "courses" / "modern-slavery" / "sample-rights" / "01-first-steps.md"
    lesson.write_text(
        lesson.read_text().replace("title: First steps", "title: Changed") + "\n[x](missing)\n"
    )
    with pytest.raises(SyncRefused) as refused:
        sync_content(str(content / "courses"), str(content / "assessments"))
    assert "01-first-steps.md:17: link to lesson 'missing'" in str(refused.value.problems[0])
    titles = [
        t.title
        for t in db.session.scalar(db.select(Lesson).where(Lesson.slug == "first-steps")).texts
    ]
    assert "Changed" not in titles
    assert db.session.scalar(db.select(db.func.count(ContentVersion.id))) == 1


def test_cli_check_and_sync(runner, tmp_path):
    ok = runner.invoke(args=["pathways", "courses", "check"])
    assert (
        ok.exit_code == 0 and "2 courses, 4 lessons, 2 check-ins, 2 roles: 0 error(s)" in ok.output
    )
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    course = content / "courses" / "english" / "sample-english" / "course.yaml"
    course.write_text(course.read_text().replace("rule: lessons_and_quizzes", "rule: sometimes"))
    runner.app.config["LMS_COURSES_DIR"] = str(content / "courses")
    runner.app.config["LMS_ASSESSMENTS_DIR"] = str(content / "assessments")
    bad = runner.invoke(args=["pathways", "courses", "check"])
    assert bad.exit_code == 1
    assert (
        "courses/english/sample-english/course.yaml:9: unknown completion rule 'sometimes'"
        in bad.output
    )
    refused = runner.invoke(args=["pathways", "courses", "sync"])
    assert refused.exit_code != 0 and "Sync refused" in refused.output
    assert db.session.scalar(db.select(db.func.count(Course.id))) == 0


def test_catalogue_and_course_page(client, auth, world, synced):
    auth.sign_in("learner")
    page = client.get("/learn").get_data(as_text=True)
    assert "Rights (test track)" in page and "Sample rights course" in page
    assert "0 of 3 lessons done" in page
    course = client.get("/learn/sample-rights").get_data(as_text=True)
    assert "Read a lesson." in course and "First steps" in course and "Content note" in course
    assert "Start the course" in course
    assert "<progress" in course and "style=" not in course


def test_content_warning_comes_first_and_skipping_is_allowed(client, auth, world, synced):
    auth.sign_in("learner")
    warning = client.get(HARD).get_data(as_text=True)
    assert "Before you read" in warning and "threats and detention" in warning
    assert "Some people are held" not in warning
    assert progress_rows(world.users["learner"]) == {}  # the warning alone is not "opened"
    response = press(client, HARD, "skipped")
    assert response.location == "/learn/sample-rights/last-lesson"
    assert progress_rows(world.users["learner"]) == {"hard-topic": "skipped"}
    content = client.get(HARD + "?read=1").get_data(as_text=True)
    assert "Some people are held" in content  # a skipped lesson can be reopened any time


def test_save_for_later(client, auth, world, synced):
    auth.sign_in("learner")
    response = press(client, HARD, "saved")
    assert response.location == "/learn/sample-rights"
    assert "Saved for later" in client.get("/learn/sample-rights").get_data(as_text=True)


def test_lesson_page_language_fallback_and_weight(client, auth, world, synced):
    auth.sign_in("learner")
    english = client.get(LESSON).get_data(as_text=True)
    assert "Also in:" in english and 'hreflang="bn"' in english
    assert "KB to download" in english
    bengali = client.get(LESSON + "?lang=bn").get_data(as_text=True)
    assert "প্রথম ধাপ" in bengali
    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    page = client.get(LESSON).get_data(as_text=True)
    assert "প্রথম ধাপ" in page
    fallback = client.get(HARD + "?read=1").get_data(as_text=True)
    assert "A hard topic" in fallback and 'class="panel"' in fallback


def test_lesson_pages_stay_small(client, auth, world, synced, app):
    auth.sign_in("learner")
    html = client.get(LESSON).get_data()
    with client.get("/static/css/pathways.css") as response:
        css = response.get_data()
    assert len(html) + len(css) < 30 * 1024


def test_finish_course_is_recorded_once_and_shown_on_dashboard(client, auth, world, synced):
    auth.sign_in("learner")
    for url in (LESSON, HARD, "/learn/sample-rights/last-lesson"):
        press(client, url, "finished")
    press(client, "/learn/sample-rights/last-lesson", "finished")  # a double submit
    completions = db.session.scalars(db.select(CourseCompletion)).all()
    assert len(completions) == 1
    home = client.get("/").get_data(as_text=True)
    assert (
        "Courses you completed" in home
        and "Sample rights course" in home.split("Courses you completed")[1]
    )
    assert "3 of 3 lessons done" in home


def test_skipping_never_blocks_the_next_lessons_but_is_not_finishing(client, auth, world, synced):
    """Skipping means "not now": the learner moves on, and the course waits for that lesson."""
    auth.sign_in("learner")
    press(client, LESSON, "finished")
    assert press(client, HARD, "skipped").location.endswith("/learn/sample-rights/last-lesson")
    press(client, "/learn/sample-rights/last-lesson", "finished")
    assert db.session.scalar(db.select(CourseCompletion)) is None
    course = client.get("/learn/sample-rights").get_data(as_text=True)
    assert "2 of 3 lessons done" in course and "Skipped for now" in course
    assert "You completed this course" not in course
    # "Continue" brings the skipped lesson back, and finishing it completes the course.
    assert 'href="/learn/sample-rights/hard-topic">Continue' in course
    assert "2 of 3 lessons done" in client.get("/").get_data(as_text=True)
    assert "2 of 3 lessons done" in client.get("/learn").get_data(as_text=True)
    press(client, HARD, "finished")
    assert db.session.scalar(db.select(CourseCompletion)) is not None


def test_skipping_every_lesson_then_passing_the_quiz_is_not_completing(client, auth, world, synced):
    auth.sign_in("learner")
    press(client, "/learn/sample-english/hello", "skipped")
    quiz = "/learn/sample-english/quizzes/final"
    version = str(db.session.scalar(db.select(Quiz.version_id).where(Quiz.slug == "final")))
    result = post_form(client, quiz, {"version": version, "q.hello": "hello"})
    page = client.get(result.location).get_data(as_text=True)
    assert "Passed" in page and "You completed this course" not in page
    assert db.session.scalar(db.select(CourseCompletion)) is None
    assert "0 of 1 lessons done" in client.get("/learn/sample-english").get_data(as_text=True)


def test_quiz_courses_need_their_quiz(client, auth, world, synced):
    auth.sign_in("learner")
    press(client, "/learn/sample-english/hello", "finished")
    assert db.session.scalar(db.select(CourseCompletion)) is None


def test_continue_where_you_left_off(client, auth, world, synced):
    auth.sign_in("learner")
    press(client, LESSON, "finished")
    home = client.get("/").get_data(as_text=True)
    assert "Continue where you left off" in home
    assert 'href="/learn/sample-rights/hard-topic"' in home


def test_tampered_progress_posts_change_nothing(client, auth, world, synced):
    auth.sign_in("learner")
    for event in ("deleted", "", "finished<script>"):
        press(client, LESSON, event)
    assert progress_rows(world.users["learner"]) == {"first-steps": "opened"}
    assert (
        post_form(
            client, "/learn/sample-rights/nope/progress", {"event": "finished"}, page="/"
        ).status_code
        == 404
    )
    assert (
        post_form(
            client, "/learn/nope/first-steps/progress", {"event": "finished"}, page="/"
        ).status_code
        == 404
    )


def test_progress_is_private(app, client, auth, world, synced):
    auth.sign_in("learner")
    press(client, LESSON, "finished")
    other = app.test_client()
    post_form(other, "/sign-in", {"username": "learner2", "password": "correct horse battery"})
    assert "0 of 3 lessons done" in other.get("/learn").get_data(as_text=True)
    assert "Continue where you left off" not in other.get("/").get_data(as_text=True)


def test_unknown_slugs_are_404(client, auth, world, synced):
    auth.sign_in("learner")
    for url in ("/learn/nope", "/learn/sample-rights/nope", "/learn/sample-rights/media/nope.png"):
        assert client.get(url).status_code == 404


def test_media_is_served_without_metadata(client, auth, world, synced):
    auth.sign_in("learner")
    response = client.get("/learn/sample-rights/media/map.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert dict(Image.open(io.BytesIO(response.data)).getexif()) == {}


def test_course_pdf_contains_the_lessons(client, auth, world, synced):
    auth.sign_in("learner")
    response = client.get("/learn/sample-rights/pdf")
    assert response.mimetype == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Sample rights course" in text and "First steps" in text and "A hard topic" in text
