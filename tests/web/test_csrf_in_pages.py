"""Templates' `csrf_token()` reads the request's token back from `g` after Flask-WTF made it
(lms.security._request_csrf_token, for speed): every form on a page must carry the one token
Flask-WTF accepts, made afresh for each browser."""

import re

from flask import g, render_template_string
from flask_wtf.csrf import validate_csrf

from .test_learning import LESSON

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_the_first_call_makes_the_token_and_later_calls_read_it_back(app):
    with app.test_request_context("/"):
        assert "csrf_token" not in g
        page = render_template_string("{{ csrf_token() }}|{{ csrf_token() }}")
        first, second = page.split("|")
        assert first == second == g.csrf_token
        validate_csrf(first)  # raises if Flask-WTF would refuse it


def test_every_form_on_a_lesson_page_carries_the_token_that_is_accepted(
    client, auth, world, synced
):
    auth.sign_in("learner")
    page = client.get(LESSON).get_data(as_text=True)
    tokens = TOKEN.findall(page)
    assert len(tokens) == 3  # the language form, signing out, "I've finished this lesson"
    assert len(set(tokens)) == 1
    response = client.post(
        LESSON + "/progress", data={"csrf_token": tokens[0], "event": "finished"}
    )
    assert response.location == "/learn/sample-rights/hard-topic"  # recorded: the next lesson
    # Another browser gets a token of its own.
    other = client.application.test_client()
    assert TOKEN.findall(other.get("/sign-in").get_data(as_text=True))[0] != tokens[0]
