"""Invite-only sign-up: codes that are single use, expiring, revocable; input checked kindly."""

import re
from datetime import timedelta

import pytest

from lms.accounts.models import User
from lms.extensions import db
from lms.orgs import services
from lms.orgs.models import Invitation, Membership
from lms.timeutil import utcnow

from .conftest import post_form

GOOD = {
    "username": "min",
    "display_name": "Min",
    "password": "river stone morning",
    "confirm": "river stone morning",
    "email": "",
    "locale": "zh_Hans",
}


def make_invitation(world, role="learner", days=7):
    invitation, code = services.create_invitation(world.org.id, role, world.users["staff"].id, days)
    db.session.commit()
    return invitation, code


def join(client, code, **overrides):
    return post_form(
        client, "/join/account", {"code": code, **GOOD, **overrides}, page=f"/join?code={code}"
    )


def test_there_is_no_open_registration(client, world):
    page = client.get("/join").get_data(as_text=True)
    assert "invitation only" in page
    response = post_form(client, "/join/account", {"code": "", **GOOD}, page="/join")
    assert response.status_code == 400
    assert db.session.scalar(db.select(User).where(User.username == "min")) is None


def test_join_with_a_valid_code(client, world):
    invitation, code = make_invitation(world)
    page = client.get(f"/join?code={code.lower()}").get_data(as_text=True)
    assert "Harbour Group" in page and "Learner" in page
    response = join(client, code)
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.username == "min"))
    assert user.locale == "zh_Hans" and user.email is None
    membership = db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))
    assert membership.role == "learner" and membership.organisation_id == world.org.id
    assert db.session.get(Invitation, invitation.id).used_by_id == user.id
    assert client.get("/account").status_code == 200  # signed in straight away


def test_a_code_works_only_once(app, client, world):
    _, code = make_invitation(world)
    join(client, code)
    second = app.test_client()
    response = join(second, code, username="someone-else")
    assert response.status_code == 400
    assert "already used" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.username == "someone-else")) is None


def test_pressing_create_again_signs_the_same_person_in(app, client, world):
    _, code = make_invitation(world)
    join(client, code)
    again = app.test_client()  # the second press, as if its answer came back first
    response = join(again, code)
    assert response.status_code == 302 and again.get("/account").status_code == 200
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(User).where(User.username == "min")
        )
        == 1
    )
    wrong = join(app.test_client(), code, password="not the same one", confirm="not the same one")
    assert wrong.status_code == 400 and "already used" in wrong.get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expires_at": utcnow() - timedelta(minutes=1)}, "has expired"),
        ({"revoked_at": utcnow()}, "was cancelled"),
    ],
)
def test_expired_or_revoked_codes_are_refused(client, world, change, message):
    invitation, code = make_invitation(world)
    for key, value in change.items():
        setattr(invitation, key, value)
    db.session.commit()
    response = client.get(f"/join?code={code}")
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    response = join(client, code)
    assert response.status_code == 400
    assert db.session.scalar(db.select(User).where(User.username == "min")) is None


def test_unknown_code_gets_a_kind_message(client, world):
    response = post_form(client, "/join", {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This code was not found" in page and 'value="AAAA-BBBB-CCCC"' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": ""}, "Please fill this in."),
        ({"username": "x" * 31}, "Please use 30 characters or fewer."),
        ({"username": "ad\u200bmin"}, "hidden characters"),
        ({"username": "two words"}, "no spaces"),
        ({"display_name": "y" * 61}, "Please use 60 characters or fewer."),
        ({"password": "short", "confirm": "short"}, "at least 10 characters"),
        ({"password": "password123", "confirm": "password123"}, "too easy to guess"),
        ({"confirm": "something else"}, "not the same"),
        ({"email": "nope"}, "does not look like an email"),
        ({"locale": "fr"}, "Not a valid choice"),
    ],
)
def test_bad_input_is_explained_and_kept(client, world, overrides, message):
    invitation, code = make_invitation(world)
    response = join(client, code, **overrides)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "Please check this" in page  # the error summary
    if overrides.get("display_name"):
        assert overrides["display_name"] in page  # what was typed is still there
    assert db.session.get(Invitation, invitation.id).used_at is None
    assert db.session.scalar(db.select(db.func.count(User.id))) == len(world.users)


def test_username_taken_whatever_the_case(client, world):
    _, code = make_invitation(world)
    response = join(client, code, username="LEARNER")
    assert "This username is taken" in response.get_data(as_text=True)


def test_signed_in_member_joins_a_second_organisation(client, auth, world):
    invitation, code = services.create_invitation(
        world.other_org.id, "mentor", world.users["other_admin"].id, 7
    )
    db.session.commit()
    auth.sign_in("learner")
    page = client.get(f"/join?code={code}").get_data(as_text=True)
    assert "Join Other Group" in page
    response = post_form(client, "/join/account", {"code": code}, page=f"/join?code={code}")
    assert response.status_code == 302
    roles = {
        m.organisation_id: m.role
        for m in db.session.scalars(
            db.select(Membership).where(Membership.user_id == world.users["learner"].id)
        )
    }
    assert roles == {world.org.id: "learner", world.other_org.id: "mentor"}


def test_discreet_organisation_invitation_turns_on_discreet_mode(client, world):
    world.org.is_discreet = True
    db.session.commit()
    _, code = make_invitation(world)
    page = client.get(f"/join?code={code}").get_data(as_text=True)
    assert "<title>Study notes</title>" in page
    assert "discreet.svg" in page


def test_reset_with_code(client, auth, world):
    membership = world.membership("learner")
    code = services.issue_reset_code(membership, world.users["staff"].id, 48)
    db.session.commit()
    wrong = post_form(
        client,
        "/reset",
        {
            "username": "learner2",
            "code": code,
            "password": "new long phrase",
            "confirm": "new long phrase",
        },
    )
    assert "The username or code is not right" in wrong.get_data(as_text=True)
    ok = post_form(
        client,
        "/reset",
        {
            "username": "learner",
            "code": code,
            "password": "new long phrase",
            "confirm": "new long phrase",
        },
    )
    assert ok.status_code == 302
    assert auth.sign_in("learner", "new long phrase").status_code == 302
    auth.sign_out()
    again = post_form(
        client,
        "/reset",
        {
            "username": "learner",
            "code": code,
            "password": "another long one",
            "confirm": "another long one",
        },
    )
    assert "The username or code is not right" in again.get_data(as_text=True)  # used once only
    assert auth.sign_in("learner", "another long one").status_code == 200


def test_expired_reset_code_does_not_work(client, auth, world):
    membership = world.membership("learner")
    code = services.issue_reset_code(membership, world.users["staff"].id, 0)
    db.session.commit()
    response = post_form(
        client,
        "/reset",
        {
            "username": "learner",
            "code": code,
            "password": "new long phrase",
            "confirm": "new long phrase",
        },
    )
    assert "has expired" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("header", "locale", "lang"),
    [("zh-CN,zh;q=0.9,en;q=0.8", "zh_Hans", "zh-Hans"), ("bn-BD,bn;q=0.9", "bn", "bn")],
)
def test_an_invitation_opens_in_the_browser_language_and_keeps_it(
    client, world, header, locale, lang
):
    """A new member whose browser asks for Chinese (or Bengali) joins and stays in it."""
    _, code = make_invitation(world)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = header
    page = client.get(f"/join?code={code}").get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    # The language choice starts as the page's language, not English.
    selected = re.search(r'<select[^>]*name="locale".*?</select>', page, re.S).group(0)
    assert re.findall(r'selected value="([^"]+)"', selected) == [locale]
    # The browser sends back what the form shows: the chosen language, untouched.
    fields = {**GOOD, "locale": locale}
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/join/account", data={"csrf_token": token, "code": code, **fields})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.username == "min"))
    assert user.locale == locale
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")  # the account's choice holds, not the browser
    assert f'<html lang="{lang}">' in client.get("/").get_data(as_text=True)


def test_the_inviter_chooses_the_language_the_join_page_starts_in(app, client, auth, world):
    auth.sign_in("staff")
    page = client.get("/staff/invitations").get_data(as_text=True)
    assert 'name="language"' in page and 'lang="bn"' in page
    made = post_form(
        client, "/staff/invitations", {"role": "learner", "days": "7", "language": "bn"}
    )
    assert made.status_code == 200
    assert '<span lang="bn">বাংলা</span>' in made.get_data(as_text=True)  # told to the inviter
    code = re.search(r'class="code-display">([^<]+)<', made.get_data(as_text=True)).group(1)
    invitation = db.session.scalar(db.select(Invitation).order_by(Invitation.id.desc()))
    assert invitation.locale == "bn"

    newcomer = app.test_client()
    english = {"Accept-Language": "en-GB,en;q=0.9"}
    join_page = newcomer.get(f"/join?code={code}", headers=english).get_data(as_text=True)
    assert '<html lang="bn">' in join_page
    assert 'value="bn"' in join_page and re.search(
        r'<option[^>]*selected[^>]*value="bn"|<option[^>]*value="bn"[^>]*selected', join_page
    )
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', join_page).group(1)
    joined = newcomer.post(
        "/join/account",
        data={"csrf_token": token, "code": code, **{**GOOD, "locale": "bn"}},
        headers=english,
    )
    assert joined.status_code == 302
    assert db.session.scalar(db.select(User.locale).where(User.username == "min")) == "bn"
    assert '<html lang="bn">' in newcomer.get("/", headers=english).get_data(as_text=True)


def test_the_persons_own_switch_comes_before_the_inviters_choice(app, client, world):
    invitation, code = services.create_invitation(
        world.org.id, "learner", world.users["staff"].id, 7, locale="bn"
    )
    db.session.commit()
    post_form(client, "/language", {"locale": "zh_Hans", "next": "/join"}, page="/join")
    page = client.get(f"/join?code={code}").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page


def test_no_language_chosen_means_the_browsers(app, client, world):
    _, code = make_invitation(world)
    page = client.get(f"/join?code={code}", headers={"Accept-Language": "zh-CN"})
    assert '<html lang="zh-Hans">' in page.get_data(as_text=True)


def test_an_unknown_invitation_language_is_refused_kindly(client, auth, world):
    auth.sign_in("staff")
    response = post_form(
        client, "/staff/invitations", {"role": "learner", "days": "7", "language": "fr"}
    )
    assert response.status_code == 400
    assert db.session.scalar(db.select(Invitation)) is None
