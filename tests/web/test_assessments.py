"""Quizzes through the web: submit, feedback, retry, best result, completion, privacy, bad input."""

import shutil

from lms.assessments.models import QuizAttempt
from lms.catalog.models import Quiz
from lms.content import sync_content
from lms.extensions import db
from lms.progress.models import CourseCompletion

from .conftest import FIXTURES, post_form

QUIZ = "/learn/sample-english/quizzes/final"
CHECK = "/learn/sample-rights/quizzes/check"


def submit(client, url, data):
    return post_form(client, url, data, page=url)


def version_of(slug):
    return str(db.session.scalar(db.select(Quiz).where(Quiz.slug == slug)).version_id)


def test_quiz_page_never_shows_the_answer_key(client, auth, world, synced):
    auth.sign_in("learner")
    page = client.get(QUIZ).get_data(as_text=True)
    assert "Fill the gap" in page and 'name="q.hello"' in page
    form = page.split("<form", 1)[1].split("</form>")[0]
    assert "hello" not in form.lower().replace("q.hello", "")
    assert 'Yes, "Hello" is a friendly start.' not in page  # feedback only after answering


def test_wrong_answer_gets_feedback_and_a_retry_then_passing_completes(client, auth, world, synced):
    auth.sign_in("learner")
    post_form(
        client,
        "/learn/sample-english/hello/progress",
        {"event": "finished"},
        page="/learn/sample-english/hello",
    )
    wrong = submit(client, QUIZ, {"version": version_of("final"), "q.hello": "goodbye"})
    assert wrong.status_code == 302
    result = client.get(wrong.location).get_data(as_text=True)
    assert "Not yet" in result and "The word is" in result
    assert "Look at the lesson again" in result and "/learn/sample-english/hello" in result
    assert "failed" not in result.lower()
    assert db.session.scalar(db.select(CourseCompletion)) is None
    right = submit(client, QUIZ, {"version": version_of("final"), "q.hello": "  HELLO "})
    page = client.get(right.location).get_data(as_text=True)
    assert "Passed" in page and "You completed this course." in page
    completion = db.session.scalar(db.select(CourseCompletion))
    assert completion is not None
    # A later, worse attempt changes nothing: the best result counts, completion stays once.
    submit(client, QUIZ, {"version": version_of("final"), "q.hello": "nope"})
    assert db.session.scalar(db.select(db.func.count(CourseCompletion.id))) == 1
    best = client.get(QUIZ).get_data(as_text=True)
    assert "Your best result so far: 100%." in best


def test_passing_the_quiz_first_then_finishing_lessons_completes(client, auth, world, synced):
    auth.sign_in("learner")
    submit(client, QUIZ, {"version": version_of("final"), "q.hello": "hello"})
    assert db.session.scalar(db.select(CourseCompletion)) is None
    post_form(
        client,
        "/learn/sample-english/hello/progress",
        {"event": "finished"},
        page="/learn/sample-english/hello",
    )
    assert db.session.scalar(db.select(CourseCompletion)) is not None


def test_double_submit_stores_one_attempt(client, auth, world, synced):
    auth.sign_in("learner")
    data = {"version": version_of("final"), "q.hello": "hello"}
    first = submit(client, QUIZ, data)
    second = submit(client, QUIZ, data)
    assert first.location == second.location
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 1


def test_missing_answers_are_asked_for_and_nothing_is_stored(client, auth, world, synced):
    auth.sign_in("learner")
    response = submit(client, QUIZ, {"version": version_of("final")})
    assert response.status_code == 400
    assert "Please answer this question." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 0


def test_forged_option_ids_and_overlong_text(client, auth, world, synced):
    auth.sign_in("learner")
    forged = submit(client, CHECK, {"version": version_of("check"), "q.q1": "maybe"})
    assert forged.status_code == 400 and "Please answer this question." in forged.get_data(
        as_text=True
    )
    long = submit(client, QUIZ, {"version": version_of("final"), "q.hello": "x" * 5000})
    assert long.status_code == 400 and "Please keep your answer short" in long.get_data(
        as_text=True
    )
    assert 'value="' + "x" * 200 in long.get_data(as_text=True)  # what was typed is kept
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 0


def test_answers_for_another_quiz_are_ignored(client, auth, world, synced):
    auth.sign_in("learner")
    response = submit(
        client, CHECK, {"version": version_of("check"), "q.hello": "hello", "q.q1": "true"}
    )
    assert response.status_code == 302
    attempt = db.session.scalar(db.select(QuizAttempt))
    assert attempt.answers == {"q1": True}


def test_quiz_resynced_while_answering(app, client, auth, world, synced, tmp_path):
    auth.sign_in("learner")
    old_version = version_of("check")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    quiz = content / "assessments" / "sample-rights" / "check.yaml"
    quiz.write_text(quiz.read_text().replace("id: q1", "id: q2"))
    sync_content(str(content / "courses"), str(content / "assessments"))
    response = submit(client, CHECK, {"version": old_version, "q.q1": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This quiz was updated while you were answering" in page
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 0
    done = submit(client, CHECK, {"version": version_of("check"), "q.q2": "true"})
    assert done.status_code == 302


def test_attempts_are_private(app, client, auth, world, synced):
    auth.sign_in("learner")
    location = submit(client, QUIZ, {"version": version_of("final"), "q.hello": "hello"}).location
    other = app.test_client()
    post_form(other, "/sign-in", {"username": "learner2", "password": "correct horse battery"})
    assert other.get(location).status_code == 404
    mentor = app.test_client()
    post_form(mentor, "/sign-in", {"username": "mentor", "password": "correct horse battery"})
    assert mentor.get(location).status_code == 404
    assert (
        client.get(
            location.replace("sample-english/quizzes/final", "sample-rights/quizzes/check")
        ).status_code
        == 404
    )


def test_limited_attempts(client, auth, world, synced):
    row = db.session.scalar(db.select(Quiz).where(Quiz.slug == "check"))
    row.definition = {**row.definition, "attempts": 1}
    db.session.commit()
    auth.sign_in("learner")
    submit(client, CHECK, {"version": version_of("check"), "q.q1": "false"})
    page = client.get(CHECK).get_data(as_text=True)
    assert "You have used all the tries" in page and 'name="q.q1"' not in page
    again = submit(client, CHECK, {"version": version_of("check"), "q.q1": "true"})
    assert again.status_code == 200
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 1


def test_unknown_quiz_is_404(client, auth, world, synced):
    auth.sign_in("learner")
    assert client.get("/learn/sample-english/quizzes/nope").status_code == 404
    assert (
        client.get("/learn/sample-rights/quizzes/final").status_code == 404
    )  # slugs are per course


def _learner_in(client, auth, locale):
    auth.sign_in("learner")
    post_form(client, "/language", {"locale": locale, "next": "/"}, page="/")


def test_short_text_is_graded_in_the_language_shown(client, auth, world, synced):
    """A learner who reads the quiz in Chinese or Bengali types the answer in that language."""
    for locale, answer, prompt in (("zh_Hans", "你好", "我叫敏"), ("bn", " নমস্কার ", "আমার নাম মিন")):
        _learner_in(client, auth, locale)
        assert prompt in client.get(QUIZ).get_data(as_text=True)
        response = submit(client, QUIZ, {"version": version_of("final"), "q.hello": answer})
        attempt = db.session.get(QuizAttempt, int(response.location.rsplit("/", 1)[1]))
        assert attempt.score == 100, locale
        auth.sign_out()


def test_the_english_answer_counts_in_every_language(client, auth, world, synced):
    _learner_in(client, auth, "zh_Hans")
    response = submit(client, QUIZ, {"version": version_of("final"), "q.hello": "Hello"})
    attempt = db.session.get(QuizAttempt, int(response.location.rsplit("/", 1)[1]))
    assert attempt.score == 100
    # An answer from another translation than the one shown is still "not yet".
    response = submit(client, QUIZ, {"version": version_of("final"), "q.hello": "নমস্কার"})
    attempt = db.session.get(QuizAttempt, int(response.location.rsplit("/", 1)[1]))
    assert attempt.score == 0
