"""A form that makes something new makes it once per page (lms/oncekeys.py).

The eight-at-once races are in test_concurrent_submits.py; these are the one-browser cases:
where a second press goes, old pages without a key, held forms, and the daily clean-up.
"""

import re
from datetime import timedelta

from lms.extensions import db
from lms.heldforms import HeldForm
from lms.needs.models import Need
from lms.oncekeys import OnceKey
from lms.timeutil import utcnow

from .conftest import PASSWORD, csrf_token, post_form
from .test_held_forms import go_quiet

NEED = {"kind": "housing", "urgency": "soon", "details": "Rent is due."}


def key_on(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="once_key" type="hidden" value="([^"]+)"', page).group(1)


def needs() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Need))


def test_a_second_press_goes_quietly_to_what_the_first_made(client, auth, world):
    auth.sign_in("learner")
    key = key_on(client, "/needs")
    first = post_form(client, "/needs", {"once_key": key, **NEED})
    assert first.status_code == 302 and "/needs/" in first.location
    client.get(first.location)  # the first press's thank-you is shown there
    again = post_form(client, "/needs", {"once_key": key, **NEED})
    assert again.status_code == 302 and again.location == first.location
    assert needs() == 1
    page = client.get(again.location).get_data(as_text=True)
    assert "Thank you" not in page and "went wrong" not in page  # nothing said twice, or alarming
    # Each page drawn gets a new key: a real second need is a second need.
    assert key_on(client, "/needs") != key


def test_a_page_from_before_keys_or_a_strange_key_is_a_fresh_submission(client, auth, world):
    auth.sign_in("learner")
    for sent in ({}, {"once_key": ""}, {"once_key": "short"}, {"once_key": "<b>" * 10}):
        response = post_form(client, "/needs", {**sent, **NEED})
        assert response.status_code == 302
    assert needs() == 4


def test_one_members_key_is_not_another_members(app, client, auth, world):
    auth.sign_in("learner")
    key = key_on(client, "/needs")
    post_form(client, "/needs", {"once_key": key, **NEED})
    auth.sign_out()
    auth.sign_in("learner2")
    response = post_form(client, "/needs", {"once_key": key, **NEED})
    assert response.status_code == 302
    assert needs() == 2


def test_a_held_form_is_sent_once_after_signing_in_again(app, client, auth, world):
    auth.sign_in("learner")
    key = key_on(client, "/needs")
    token = csrf_token(client, "/needs")
    go_quiet(app, client)
    held = client.post("/needs", data={"csrf_token": token, "once_key": key, **NEED})
    assert "/sign-in" in held.location and needs() == 0
    signed_in = post_form(
        client, held.location, {"username": "learner", "password": PASSWORD}, page="/sign-in"
    )
    page = client.get(signed_in.location, follow_redirects=True).get_data(as_text=True)
    assert "filled in again" in page
    refilled = re.search(r'name="once_key" type="hidden" value="([^"]+)"', page).group(1)
    for _press in range(2):
        response = post_form(client, "/needs", {"once_key": refilled, **NEED})
        assert response.status_code == 302
    assert needs() == 1


def test_a_form_sent_on_from_the_held_form_page_keeps_its_key(app, client, auth, world):
    """A form with no page of its own comes back on a "send what I typed" page, which posts
    the held fields: the key is among them, so that page's button also sends it once."""
    auth.sign_in("learner")
    db.session.add(
        HeldForm(
            user_id=world.users["learner"].id,
            path="/roles/x/interest",
            fields=[["once_key", "held-key-from-the-first-page"]],
        )
    )
    db.session.flush()
    page = client.get("/roles/x/interest").get_data(as_text=True)
    assert 'name="once_key" value="held-key-from-the-first-page"' in page
    for _press in range(2):
        post_form(client, "/needs", {"once_key": "held-key-from-the-first-page", **NEED})
    assert needs() == 1


def test_pathways_daily_removes_keys_older_than_a_day(app, runner, world):
    learner = world.users["learner"]
    db.session.add_all(
        [
            OnceKey(
                user_id=learner.id,
                key="old-key-0000000000",
                created_at=utcnow() - timedelta(days=2),
            ),
            OnceKey(user_id=learner.id, key="new-key-0000000000", created_at=utcnow()),
        ]
    )
    db.session.commit()
    result = runner.invoke(args=["pathways", "daily"])
    assert result.exit_code == 0, result.output
    assert "1 one-time form key(s) older than a day removed" in result.output
    assert db.session.scalars(db.select(OnceKey.key)).all() == ["new-key-0000000000"]
