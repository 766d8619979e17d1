"""The main menu is drawn once and kept per process (lms.security.page_frame): what it shows must
still follow the member's role, unread messages and language on every page."""

import re

from lms.extensions import db
from lms.notifications.models import notify

from .conftest import post_form


def menu(response) -> str:
    html = response.get_data(as_text=True)
    return re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)


def test_the_menu_follows_the_role_of_whoever_is_signed_in(client, auth, world):
    auth.sign_in("learner")
    learner_menu = menu(client.get("/"))
    assert "Courses" in learner_menu
    assert "Staff area" not in learner_menu
    assert "People you mentor" not in learner_menu
    auth.sign_out()

    auth.sign_in("staff")
    staff_menu = menu(client.get("/"))
    assert "Staff area" in staff_menu
    assert "Story requests" in staff_menu
    auth.sign_out()

    auth.sign_in("mentor")
    assert "People you mentor" in menu(client.get("/"))
    auth.sign_out()

    auth.sign_in("learner")
    assert menu(client.get("/")) == learner_menu  # the kept menu, the same as drawn


def test_the_unread_count_changes_as_messages_arrive_and_are_read(client, auth, world):
    auth.sign_in("learner")
    assert 'class="count"' not in menu(client.get("/"))

    learner = world.users["learner"]
    notify(learner.id, "story_use_agreed", organisation_id=world.org.id)
    notify(learner.id, "story_use_agreed", organisation_id=world.org.id)
    db.session.commit()
    assert '<span class="count">2</span>' in menu(client.get("/"))

    notify(learner.id, "story_use_agreed", organisation_id=world.org.id)
    db.session.commit()
    assert '<span class="count">3</span>' in menu(client.get("/"))

    post_form(client, "/notifications/read-all", {}, page="/notifications")
    assert 'class="count"' not in menu(client.get("/"))


def test_the_page_that_opens_a_message_counts_it_as_read(client, auth, world):
    """The unread count is read with the member at the start of the request (lms.frame);
    the page that marks a message read must count again, not show the count from before."""
    learner = world.users["learner"]
    first = notify(learner.id, "story_use_agreed", organisation_id=world.org.id)
    notify(learner.id, "story_use_agreed", organisation_id=world.org.id)
    db.session.commit()
    auth.sign_in("learner")
    assert '<span class="count">2</span>' in menu(client.get("/"))

    opened = menu(client.get(f"/notifications/{first.id}"))
    assert '<span class="count">1</span>' in opened
    assert '<span class="count">1</span>' in menu(client.get("/"))


def test_the_menu_is_in_the_language_of_the_page(client, auth, world):
    auth.sign_in("learner")
    english = menu(client.get("/"))
    assert "Your account" in english
    notify(world.users["learner"].id, "story_use_agreed", organisation_id=world.org.id)
    db.session.commit()

    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    bengali = menu(client.get("/"))
    assert bengali != english
    assert "Your account" not in bengali
    assert '<span class="count">১</span>' in bengali  # the count in Bengali digits too

    post_form(client, "/language", {"locale": "en", "next": "/"}, page="/")
    assert "Your account" in menu(client.get("/"))


def language_form(response) -> str:
    html = response.get_data(as_text=True)
    return re.search(r'<form method="post" action="/language"[^>]*>(.*?)</form>', html, re.S).group(
        1
    )


def test_the_kept_frame_holds_nothing_of_one_request(client, auth, world):
    """The head, quick exit, language buttons and footer are kept per language (page_frame);
    the language form's CSRF token and the page to come back to are this request's own."""
    auth.sign_in("learner")
    home = language_form(client.get("/"))
    assert 'name="next" value="/?"' in home
    assert 'value="en" lang="en" aria-current="true"' in home
    inbox = client.get("/notifications?page=2")
    assert 'name="next" value="/notifications?page=2"' in language_form(inbox)
    # Another browser has its own token in the same kept frame.
    other = client.application.test_client()
    signed_out = other.get("/sign-in", base_url="https://localhost")
    token = re.compile(r'name="csrf_token" value="([^"]+)"')
    assert token.search(language_form(signed_out)).group(1) != token.search(home).group(1)

    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    bengali = client.get("/").get_data(as_text=True)
    assert 'value="bn" lang="bn" aria-current="true"' in bengali
    assert 'value="en" lang="en">English' in bengali
    assert "Support and help contacts" not in bengali  # the footer in Bengali too
    assert "Exit this page" not in bengali
