"""Discreet mode: every title neutral, and the device keeps it for its sign-in page until
someone switches it off there (issue 14, item 15)."""

import re

from lms.extensions import db

from .conftest import post_form


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.get_data(as_text=True), re.S).group(1)


def test_titles_in_discreet_mode_name_no_topic(client, auth, world, synced):
    world.org.is_discreet = True
    db.session.commit()
    auth.sign_in("learner")
    for url in ("/", "/learn/sample-rights", "/learn/sample-rights/first-steps", "/roles"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert title(response) == "Study notes", url


def test_the_device_keeps_discreet_mode_after_sign_out_until_switched_off(client, auth, world):
    world.org.is_discreet = True
    db.session.commit()
    auth.sign_in("learner")  # signed in normally, not through a discreet invitation
    client.get("/")
    auth.sign_out()
    signed_out = client.get("/sign-in")
    assert title(signed_out) == "Study notes"
    assert "icons/discreet.svg" in signed_out.get_data(as_text=True)
    assert "Pathways" not in signed_out.get_data(as_text=True)
    # The session ends (a closed browser): the device still keeps discreet mode.
    client.delete_cookie("pathways_session")
    assert title(client.get("/sign-in")) == "Study notes"

    post_form(client, "/discreet/off", {}, page="/sign-in")
    assert title(client.get("/sign-in")) == "Sign in – Pathways"


def test_a_device_that_never_saw_a_discreet_page_is_not_discreet(client, world):
    assert title(client.get("/sign-in")) == "Sign in – Pathways"
    assert "Switch off discreet mode" not in client.get("/sign-in").get_data(as_text=True)
