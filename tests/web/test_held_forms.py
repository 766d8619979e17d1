"""Nothing typed is lost at the idle sign-out: the form is held, then sent on after sign-in."""

import re
from html import unescape

from lms.assessments.models import QuizAttempt
from lms.catalog.models import Quiz
from lms.extensions import db
from lms.heldforms import HeldForm
from lms.needs.models import SupportRequest

from .conftest import PASSWORD, csrf_token, post_form

QUIZ = "/learn/sample-english/quizzes/final"


def go_quiet(app, client):
    with client.session_transaction() as session:
        session["_seen"] -= int(app.config["IDLE_TIMEOUT"].total_seconds()) + 5


def send_on(client, page: str):
    """Press "Send what I typed": post the page's form as a browser would."""
    form = re.search(
        r'<form method="post" action="([^"]+)" id="held-form">(.*?)</form>', page, re.S
    )
    fields = [
        (unescape(name), unescape(value))
        for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2))
    ]
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return client.post(form.group(1), data=data)


def test_a_quiz_sent_after_the_idle_sign_out_is_kept(app, client, auth, world, synced):
    auth.sign_in("learner")
    token = csrf_token(client, QUIZ)
    version = str(db.session.scalar(db.select(Quiz.version_id).where(Quiz.slug == "final")))
    go_quiet(app, client)
    response = client.post(QUIZ, data={"csrf_token": token, "version": version, "q.hello": "hello"})
    assert response.status_code == 302 and "/sign-in" in response.location
    assert db.session.scalar(db.select(QuizAttempt)) is None
    held = db.session.scalar(db.select(HeldForm))
    assert held.path == QUIZ and ["q.hello", "hello"] in held.fields and held.is_draft
    assert not any(name == "csrf_token" for name, _value in held.fields)

    signed_in = post_form(
        client, response.location, {"username": "learner", "password": PASSWORD}, page="/sign-in"
    )
    assert signed_in.location == QUIZ  # back to the same form, filled in as it was
    page = client.get(QUIZ).get_data(as_text=True)
    assert "What you typed is filled in again" in page and 'value="hello"' in page
    sent = post_form(client, QUIZ, {"version": version, "q.hello": "hello"})
    assert sent.status_code == 302 and "/attempts/" in sent.location
    assert db.session.scalar(db.select(QuizAttempt)).score == 100
    assert db.session.scalar(db.select(HeldForm)) is None


def test_a_long_need_is_kept_and_passwords_never_are(app, client, auth, world):
    auth.sign_in("learner")
    token = csrf_token(client, "/needs")
    details = "I want to practise speaking\nfor interviews <b>soon</b> & often"
    go_quiet(app, client)
    client.post(
        "/needs",
        data={
            "csrf_token": token,
            "kind": "english_tutoring",
            "urgency": "soon",
            "details": details,
            "password": "never kept",
        },
    )
    held = db.session.scalar(db.select(HeldForm))
    assert ["details", details] in held.fields and not held.is_draft
    assert all(name != "password" for name, _value in held.fields)
    post_form(client, "/sign-in", {"username": "learner", "password": PASSWORD})
    page = client.get("/needs").get_data(as_text=True)
    assert "What you typed was kept" in page
    assert "<b>soon</b>" not in page  # held text is shown escaped
    assert db.session.scalar(db.select(HeldForm)) is None  # it now lives in that page only
    send_on(client, page)
    need = db.session.scalar(db.select(SupportRequest))
    assert need.details.replace("\r\n", "\n") == details


def test_a_held_form_is_only_for_the_member_who_typed_it(app, client, auth, world):
    auth.sign_in("learner")
    token = csrf_token(client, "/needs")
    go_quiet(app, client)
    client.post("/needs", data={"csrf_token": token, "kind": "housing", "details": "private"})
    post_form(client, "/sign-in", {"username": "learner2", "password": PASSWORD})
    assert "private" not in client.get("/needs").get_data(as_text=True)
    assert db.session.scalar(db.select(HeldForm)) is not None  # still waiting for its owner


def test_a_quiz_keeps_a_server_side_draft(client, auth, world, synced):
    auth.sign_in("learner")
    saved = post_form(client, QUIZ, {"action": "save", "q.hello": "hel"})
    assert saved.status_code == 302 and saved.location == "/learn/sample-english"
    assert db.session.scalar(db.select(QuizAttempt)) is None  # nothing graded
    page = client.get(QUIZ).get_data(as_text=True)
    assert 'value="hel"' in page and "What you typed is filled in again" in page
    assert 'value="hel"' in client.get(QUIZ).get_data(as_text=True)  # kept until sent
    version = str(db.session.scalar(db.select(Quiz.version_id).where(Quiz.slug == "final")))
    post_form(client, QUIZ, {"version": version, "q.hello": "hello"})
    assert db.session.scalar(db.select(HeldForm)) is None  # sent and saved: the draft goes
    assert 'value="hel"' not in client.get(QUIZ).get_data(as_text=True)


def test_a_quiz_draft_needs_the_form_token(client, auth, world, synced):
    auth.sign_in("learner")
    response = client.post(QUIZ, data={"action": "save", "q.hello": "hel"})
    assert response.status_code == 400  # the form again, with what was typed
    assert 'value="hel"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(HeldForm)) is None
