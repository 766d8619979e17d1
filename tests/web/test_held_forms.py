"""Nothing typed is lost at the idle sign-out: the same form comes back filled in after sign-in."""

import io
import re
from html import unescape

from lms.assessments.models import QuizAttempt
from lms.catalog.models import Quiz
from lms.extensions import db
from lms.heldforms import FORM_PAGES, HeldForm
from lms.mentoring.models import Goal
from lms.needs.models import Need

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


def hold(app, client, url: str, data: dict, page: str | None = None):
    """Send `data` to `url` just after the quiet time ran out (the idle sign-out)."""
    token = csrf_token(client, page or url)
    go_quiet(app, client)
    response = client.post(url, data={"csrf_token": token, **data})
    assert response.status_code == 302 and "/sign-in" in response.location
    return response


def sign_in_again(client, response, username="learner"):
    """Sign in from the page the idle sign-out led to; follow on to where it leads."""
    signed_in = post_form(
        client, response.location, {"username": username, "password": PASSWORD}, page="/sign-in"
    )
    assert signed_in.status_code == 302
    return client.get(signed_in.location, follow_redirects=True)


def form_for(page: str, action: str) -> str:
    start = page.index(f'action="{action}')
    return page[page.rindex("<form", 0, start) : page.index("</form>", start)]


def ticked(form: str, name: str, value: str) -> bool:
    tags = [t for t in re.findall(r"<input[^>]*>", form) if f'name="{name}"' in t]
    return any(f'value="{value}"' in t and re.search(r"\bchecked\b", t) for t in tags)


def test_a_long_need_comes_back_in_its_own_form(app, client, auth, world):
    auth.sign_in("learner")
    details = "I want to practise speaking\nfor interviews <b>soon</b> & often"
    response = hold(
        app,
        client,
        "/needs",
        {
            "kind": "english_tutoring",
            "urgency": "soon",
            "details": details,
            "password": "never kept",
        },
    )
    held = db.session.scalar(db.select(HeldForm))
    assert ["details", details] in held.fields and not held.is_draft
    assert all(name != "password" for name, _value in held.fields)
    page = sign_in_again(client, response)
    assert page.request.path == "/needs"  # the same form, not a page about it
    html = page.get_data(as_text=True)
    form = form_for(html, "/needs")
    assert "What you typed before the quiet-time sign-out is filled in again" in form
    assert "I want to practise speaking" in form and "&lt;b&gt;soon&lt;/b&gt; &amp; often" in form
    assert "<b>soon</b>" not in html  # held text is shown escaped
    assert ticked(form, "kind", "english_tutoring") and ticked(form, "urgency", "soon")
    assert db.session.scalar(db.select(Need)) is None  # nothing sent on its own
    assert db.session.scalar(db.select(HeldForm)) is None  # it now lives in that page only
    post_form(client, "/needs", {"kind": "english_tutoring", "urgency": "soon", "details": details})
    need = db.session.scalar(db.select(Need))
    assert need.details.replace("\r\n", "\n") == details


def test_a_goal_comes_back_as_typed_even_a_box_left_unticked(app, client, auth, world):
    auth.sign_in("learner")
    assert ticked(client.get("/goals").get_data(as_text=True), "shared_with_mentors", "y")
    response = hold(app, client, "/goals", {"title": "Speak at one meeting"})
    page = sign_in_again(client, response)
    form = form_for(page.get_data(as_text=True), "/goals")
    assert page.request.path == "/goals" and 'value="Speak at one meeting"' in form
    assert not ticked(form, "shared_with_mentors", "y")  # unticked, as it was sent
    assert db.session.scalar(db.select(Goal)) is None
    post_form(client, "/goals", {"title": "Speak at one meeting"})
    assert db.session.scalar(db.select(Goal)).title == "Speak at one meeting"


def test_a_reply_comes_back_on_the_page_that_shows_its_form(app, client, auth, world):
    auth.sign_in("learner")
    post_form(client, "/needs", {"kind": "housing", "urgency": "soon", "details": "A room"})
    need = db.session.scalar(db.select(Need))
    reply = f"/needs/{need.id}/reply"
    response = hold(
        app, client, reply, {"body": "Thank you, Tuesday works"}, page=f"/needs/{need.id}"
    )
    page = sign_in_again(client, response)
    assert page.request.path == f"/needs/{need.id}"
    form = form_for(page.get_data(as_text=True), reply)
    assert "Thank you, Tuesday works" in form and "filled in again" in form


def test_an_activity_record_is_kept_beside_its_file_box(app, client, auth, world):
    auth.sign_in("staff")
    new = "/staff/activities/new"
    token = csrf_token(client, new)
    go_quiet(app, client)
    client.post(
        new,
        data={
            "csrf_token": token,
            "held_on": "2026-03-02",
            "kind": "outreach",
            "attendance": "7",
            "outcome": "Seven people came to the market stall",
            "evidence": (io.BytesIO(b""), ""),  # no file chosen, as a browser sends it
        },
        content_type="multipart/form-data",
    )
    response = client.get(new, follow_redirects=False)
    assert response.status_code == 302  # signed out: nothing shown before signing in
    post_form(client, "/sign-in", {"username": "staff", "password": PASSWORD})
    html = client.get(new).get_data(as_text=True)
    assert "Seven people came to the market stall" in html and "filled in again" in html


def test_a_form_no_page_shows_is_sent_on_from_a_page_of_its_own(app, client, auth, world):
    auth.sign_in("learner")
    db.session.add(
        HeldForm(user_id=world.users["learner"].id, path="/roles/x/interest", fields=[["a", "b"]])
    )
    db.session.flush()
    page = client.get("/roles/x/interest").get_data(as_text=True)
    assert "What you typed was kept" in page and 'name="a" value="b"' in page


def test_every_form_page_is_a_page_with_the_actions_arguments(app):
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    for action, page in FORM_PAGES.items():
        assert "POST" in rules[action].methods and "GET" in rules[page].methods
        assert rules[page].arguments <= rules[action].arguments, action


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


def test_a_mentors_note_comes_back_on_the_learners_page(app, client, auth, world):
    auth.sign_in("mentor")
    learner_id = world.users["learner"].id
    page = f"/mentoring/{learner_id}"
    note = "Talked about interview nerves; practise on Thursday"
    response = hold(app, client, f"{page}/notes", {"note-body": note}, page=page)
    shown = sign_in_again(client, response, username="mentor")
    assert shown.request.path == page
    form = form_for(shown.get_data(as_text=True), f"{page}/notes")
    assert note in form and "filled in again" in form
