"""Fixtures for tests through the Flask test client: an app per test, members of each role."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import g, request_started
from sqlalchemy import event

from lms import create_app
from lms.accounts.services import create_user
from lms.extensions import db, limiter
from lms.orgs.models import Membership, MentorAssignment, Organisation

PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"
TEST_CONFIG = {
    "LMS_ENV": "testing",
    "LMS_QUICK_EXIT_URL": "https://example.org/",
    # The tests own their course files, so the real curriculum can change freely.
    "LMS_COURSES_DIR": str(FIXTURES / "courses"),
    "LMS_ASSESSMENTS_DIR": str(FIXTURES / "assessments"),
}


def _fresh_request_globals(sender, **extra):
    # Tests hold one app context open so they can query the database between requests;
    # Flask then reuses it, and `g` would carry caches (CSRF token, memberships) from one
    # request to the next. A real server gets a fresh `g` per request; so do the tests.
    g.__dict__.clear()


# Every session the tests open joins the test's outer transaction through a SAVEPOINT, so code
# under test may commit and roll back as it likes and the test still ends with nothing kept.
db.session.session_factory.configure(join_transaction_mode="create_savepoint")


@pytest.fixture(scope="session")
def _schema():
    """Once per test process (each xdist worker): the tables, and an engine to reach them."""
    app = create_app(TEST_CONFIG)
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _let_pysqlite_use_savepoints(engine)
        db.drop_all()
        db.create_all()
    yield engine
    with app.app_context():
        db.drop_all()
        engine.dispose()


def _let_pysqlite_use_savepoints(engine):
    """pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy's documented fix is to
    switch it off and emit BEGIN ourselves."""

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transactions(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture
def app(request):
    """A fresh app per test. Its database work happens in one transaction rolled back at the end
    of the test (fast: the schema is created once). A test that needs data really committed,
    several connections (threads) or its own schema is marked `@pytest.mark.real_database`."""
    app = create_app(TEST_CONFIG)
    request_started.connect(_fresh_request_globals, app)
    with app.app_context():
        limiter.reset()
        if request.node.get_closest_marker("real_database"):
            yield from _with_real_database(app)
        else:
            yield from _in_rolled_back_transaction(app, request.getfixturevalue("_schema"))


def _in_rolled_back_transaction(app, engine):
    own_engine = db.engine
    connection = engine.connect()
    transaction = connection.begin()
    # Flask-SQLAlchemy has no public hook for "use this connection": point the app's default
    # bind at it, so db.session (in tests and in requests alike) joins the outer transaction.
    db._app_engines[app][None] = connection
    try:
        yield app
    finally:
        db.session.remove()
        transaction.rollback()
        connection.close()
        own_engine.dispose()


def _with_real_database(app):
    # SQLite: this app's own in-memory database. PostgreSQL: the worker's database, whose
    # tables the other tests expect to find empty and whole afterwards.
    db.drop_all()
    db.create_all()
    try:
        yield app
    finally:
        db.session.remove()
        db.drop_all()
        db.create_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, url: str) -> str:
    """Return the CSRF token from a page's form, as a browser would send it back."""
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def post_form(client, url: str, data: dict, page: str | None = None, **kwargs):
    """Post `data` with the CSRF token taken from `page` (default: the same URL)."""
    token = csrf_token(client, page or url)
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


@dataclass
class World:
    """Two organisations with a member of every role each, and a mentoring link in each."""

    org: Organisation
    other_org: Organisation
    users: dict

    def membership(self, username: str) -> Membership:
        user = self.users[username]
        return db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))


def make_user(username: str, org: Organisation | None, role: str, display_name: str | None = None):
    user = create_user(username, display_name or username.title(), PASSWORD, None, "en")
    if org is not None:
        db.session.add(Membership(user_id=user.id, organisation_id=org.id, role=role))
    db.session.flush()
    return user


@pytest.fixture
def world(app) -> World:
    org = Organisation(name="Harbour Group")
    other = Organisation(name="Other Group")
    db.session.add_all([org, other])
    db.session.flush()
    users = {}
    for prefix, organisation in (("", org), ("other_", other)):
        for role in ("learner", "mentor", "staff", "admin"):
            users[prefix + role] = make_user(prefix + role, organisation, role)
        users[prefix + "learner2"] = make_user(prefix + "learner2", organisation, "learner")
        db.session.add(
            MentorAssignment(
                organisation_id=organisation.id,
                mentor_id=users[prefix + "mentor"].id,
                learner_id=users[prefix + "learner"].id,
            )
        )
    admin = make_user("platform", None, "")
    admin.is_platform_admin = True
    users["platform"] = admin
    db.session.commit()
    return World(org=org, other_org=other, users=users)


class AuthActions:
    def __init__(self, client):
        self.client = client

    def sign_in(self, username: str, password: str = PASSWORD):
        return post_form(self.client, "/sign-in", {"username": username, "password": password})

    def sign_out(self):
        return post_form(self.client, "/sign-out", {}, page="/")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def synced(app):
    """The test course files, synced into the database."""
    from lms.content import sync_content

    version, warnings = sync_content(
        app.config["LMS_COURSES_DIR"], app.config["LMS_ASSESSMENTS_DIR"]
    )
    assert warnings == []
    return version
