"""The signed-in member on a page that only shows (GET) is a read-only copy of their rows
(lms.signed_in): it must carry every column the account has, compare equal to the account,
refuse changes loudly, and give way to the ORM account wherever something may change."""

import pytest
from flask import request_finished
from flask_login import current_user
from sqlalchemy import inspect

from lms.accounts.models import User
from lms.accounts.services import signed_in_account
from lms.extensions import db
from lms.orgs.context import user_memberships
from lms.orgs.models import Membership, Organisation
from lms.signed_in import Member, MembershipRow

from .conftest import post_form


@pytest.fixture
def seen(app):
    """What each request had as its member, its memberships and its ORM account."""
    found = []

    def look(sender, response, **extra):
        if current_user.is_authenticated:
            found.append(
                (current_user._get_current_object(), list(user_memberships()), signed_in_account())
            )

    request_finished.connect(look, app)
    yield found
    request_finished.disconnect(look, app)


def test_a_page_that_shows_gets_read_only_copies_with_every_column(client, auth, world, seen):
    auth.sign_in("staff")
    seen.clear()
    assert client.get("/").status_code == 200
    member, memberships, account = seen[-1]
    assert isinstance(member, Member) and isinstance(account, User)
    assert member == account and member.get_id() == account.get_id()
    for attribute in inspect(User).column_attrs:
        assert getattr(member, attribute.key) == getattr(account, attribute.key)
    stored = world.users["staff"]
    assert [m.id for m in memberships] == list(
        db.session.scalars(
            db.select(Membership.id).where(Membership.user_id == stored.id).order_by(Membership.id)
        )
    )
    row = memberships[0]
    assert isinstance(row, MembershipRow)
    orm = db.session.get(Membership, row.id)
    for attribute in inspect(Membership).column_attrs:
        assert getattr(row, attribute.key) == getattr(orm, attribute.key)
    for attribute in inspect(Organisation).column_attrs:
        assert getattr(row.organisation, attribute.key) == getattr(orm.organisation, attribute.key)
    with pytest.raises(AttributeError, match="read-only"):
        member.locale = "bn"
    with pytest.raises(AttributeError, match="read-only"):
        row.engagement_paused_at = None


def test_a_request_that_may_change_something_gets_orm_objects(client, auth, world, seen):
    auth.sign_in("learner")
    seen.clear()
    response = post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    assert response.status_code == 302
    member, memberships, account = seen[-1]
    assert isinstance(member, User) and member is account
    assert all(isinstance(m, Membership) for m in memberships)
    # The change was kept: the next page shows in Bengali.
    assert 'lang="bn"' in client.get("/").get_data(as_text=True)
