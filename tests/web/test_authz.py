"""The authorisation matrix: every role against every protected page and object kind,
including another organisation's. Later features add their rows here, or in a module
named in FEATURE_MATRICES (each with OBJECTS(world) -> ids, PAGES and ACTIONS)."""

import importlib

import pytest

from lms.extensions import db
from lms.notifications.models import notify
from lms.orgs import services
from lms.orgs.models import MentorChangeRequest, SupportContact

from .conftest import post_form
from .twostep_helpers import enrol, sign_in_with_code

ROLES = [
    "anonymous",
    "learner",
    "mentor",
    "staff",
    "admin",
    "other_staff",
    "other_admin",
    "platform",
]
MEMBERS = ["learner", "mentor", "staff", "admin", "other_staff", "other_admin"]
STAFF = ["staff", "admin"]


def objects(world):
    """Objects of the first organisation that URLs point at."""
    contact = SupportContact(organisation_id=world.org.id, name="Line", how_to_reach="123")
    db.session.add(contact)
    invitation, _ = services.create_invitation(world.org.id, "learner", world.users["staff"].id, 7)
    change = MentorChangeRequest(organisation_id=world.org.id, learner_id=world.users["learner"].id)
    db.session.add(change)
    note = notify(world.users["learner"].id, "mentor_assigned")
    db.session.flush()
    attempt = _attempt(world)
    db.session.commit()
    extra = {}
    for matrix in _feature_matrices():
        extra.update(matrix.OBJECTS(world))
        db.session.commit()
    return {
        **extra,
        "membership": world.membership("learner2").id,
        "mentor": world.users["mentor"].id,
        "contact": contact.id,
        "invitation": invitation.id,
        "change": change.id,
        "note": note.id,
        "attempt": attempt,
        **_readiness_objects(world),
    }


def _readiness_objects(world):
    """A learner's check-in, role application and support request, when content is synced."""
    from lms.needs.models import Need
    from lms.readiness.models import CheckIn, CheckinDefinitionRow
    from lms.roles.models import RoleApplication

    row = db.session.scalar(
        db.select(CheckinDefinitionRow).where(CheckinDefinitionRow.slug == "readiness")
    )
    learner = world.users["learner"]
    ids = {"learner": learner.id, "checkin": 0, "application": 0, "support": 0, "certificate": 0}
    if row is None:
        return ids
    checkin = CheckIn(
        user_id=learner.id,
        organisation_id=world.org.id,
        definition_slug="readiness",
        definition_version_id=row.version_id,
        answers={"safe-place": 4},
    )
    application = RoleApplication(
        user_id=learner.id, organisation_id=world.org.id, role_slug="peer-supporter"
    )
    support = Need(organisation_id=world.org.id, user_id=learner.id)
    db.session.add_all([checkin, application, support])
    db.session.flush()
    from lms.certificates.models import Certificate

    certificate = Certificate(
        user_id=learner.id,
        organisation_id=world.org.id,
        kind="course",
        title="T",
        printed_name="Min",
        code="CERT-TEST-CODE",
        status="issued",
        hours=1,
    )
    db.session.add(certificate)
    db.session.flush()
    return {
        **ids,
        "checkin": checkin.id,
        "application": application.id,
        "support": support.id,
        "certificate": certificate.id,
    }


def _attempt(world):
    """A quiz attempt by the learner, if the content is synced."""
    from lms.assessments.models import QuizAttempt
    from lms.catalog.models import Quiz

    quiz = db.session.scalar(db.select(Quiz).where(Quiz.slug == "check"))
    if quiz is None:
        return 0
    attempt = QuizAttempt(
        user_id=world.users["learner"].id,
        quiz_id=quiz.id,
        course_id=quiz.course_id,
        version_id=quiz.version_id,
        answers={"q1": True},
        results=[],
        score=100,
        passed=True,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt.id


# (url template, roles that may GET it). Members of the other organisation are refused
# with 404 on object URLs (they must not learn that the object exists) and 403 on pages.
PAGES = [
    ("/account", MEMBERS + ["platform"]),
    ("/account/password", MEMBERS + ["platform"]),
    ("/account/delete", MEMBERS + ["platform"]),
    ("/account/export", MEMBERS + ["platform"]),
    ("/notifications", MEMBERS + ["platform"]),
    # Two-step sign-in and the reset question are every account's own (a step of their own
    # flow may redirect: nothing to set up, no question waiting).
    ("/account/two-step", MEMBERS + ["platform"]),
    ("/account/two-step/setup", MEMBERS + ["platform"]),
    ("/account/two-step/recovery-codes", MEMBERS + ["platform"]),
    ("/account/two-step/off", MEMBERS + ["platform"]),
    ("/account/was-it-you", MEMBERS + ["platform"]),
    ("/notifications/{note}", ["learner"]),
    ("/mentors", MEMBERS),
    ("/staff/members", STAFF + ["other_staff", "other_admin"]),
    ("/staff/members/{membership}", STAFF),
    ("/staff/invitations", STAFF + ["other_staff", "other_admin"]),
    ("/staff/mentor-requests", STAFF + ["other_staff", "other_admin"]),
    ("/staff/support", STAFF + ["other_staff", "other_admin"]),
    ("/staff/support/{contact}", STAFF),
    ("/staff/settings", ["admin", "other_admin"]),
    ("/staff/audit", ["admin", "other_admin"]),
    ("/platform/organisations", ["platform"]),
    # Learning is open to every member of any organisation; progress shown is one's own.
    ("/learn", MEMBERS),
    ("/learn/sample-rights", MEMBERS),
    ("/learn/sample-rights/first-steps", MEMBERS),
    ("/learn/sample-rights/media/map.png", MEMBERS),
    ("/learn/sample-rights/quizzes/check", MEMBERS),
    ("/learn/sample-rights/quizzes/check/attempts/{attempt}", ["learner"]),
    ("/checkins", MEMBERS),
    ("/checkins/{checkin}", ["learner"]),
    ("/checkins/{checkin}/review", ["learner"]),
    ("/checkins/{checkin}/result", ["learner"]),
    ("/checkins/{checkin}/support", ["learner"]),
    ("/sharing", MEMBERS),
    ("/roles", MEMBERS),
    ("/roles/peer-supporter", MEMBERS),
    ("/mentoring/{learner}", ["mentor"]),
    ("/mentoring", ["mentor", "staff", "admin", "other_staff", "other_admin"]),
    ("/staff/roles", STAFF + ["other_staff", "other_admin"]),
    ("/staff/roles/applications", STAFF + ["other_staff", "other_admin"]),
    ("/staff/roles/applications/{application}", STAFF),
    ("/staff/support-requests", STAFF + ["other_staff", "other_admin"]),
    ("/certificates", MEMBERS),
    ("/certificates/{certificate}/pdf", ["learner", "staff", "admin"]),
    ("/staff/certificates", STAFF + ["other_staff", "other_admin"]),
    ("/staff/certificates.csv", STAFF + ["other_staff", "other_admin"]),
]

# (url template, roles that may POST to it, a form body)
ACTIONS = [
    ("/staff/members/{membership}/reset-code", STAFF, {}),
    ("/staff/members/{membership}/role", ["admin"], {"role": "mentor"}),
    ("/staff/members/{membership}/two-step/clear", ["admin"], {}),
    ("/staff/members/{membership}/remove", ["admin"], {}),
    ("/staff/members/{membership}/mentors/{mentor}/remove", STAFF, {}),
    ("/staff/invitations/{invitation}/revoke", STAFF, {}),
    ("/staff/mentor-requests/{change}/resolve", STAFF, {}),
    ("/staff/support/{contact}/delete", STAFF, {}),
    ("/learn/sample-rights/first-steps/progress", MEMBERS, {"event": "finished"}),
    ("/learn/sample-rights/quizzes/check", MEMBERS, {"q.q1": "true"}),
    ("/checkins/start", MEMBERS, {"slug": "readiness"}),
    ("/checkins/{checkin}/submit", ["learner"], {}),
    ("/checkins/{checkin}/tell-my-mentor", ["learner"], {}),
    ("/roles/peer-supporter/interest", MEMBERS, {}),
    ("/roles/peer-supporter/ask-mentor", MEMBERS, {}),
    ("/roles/peer-supporter/second-mentor", MEMBERS, {}),
    ("/roles/adult", MEMBERS, {}),
    ("/engagement/pause", MEMBERS, {}),
    ("/engagement/resume", MEMBERS, {}),
    ("/mentoring/{learner}/roles/peer-supporter/conversation", ["mentor"], {"outcome": "endorse"}),
    ("/mentoring/support/{support}/answered", ["mentor", "staff", "admin"], {}),
    ("/staff/roles/applications/{application}/confirm", STAFF, {}),
    ("/certificates/{certificate}/public", ["learner"], {"public": "on"}),
    ("/certificates/{certificate}/name", ["learner"], {"name": "Lan"}),
    ("/staff/certificates/{certificate}/approve", STAFF, {}),
    ("/staff/certificates/{certificate}/revoke", STAFF, {"reason": "test"}),
    ("/staff/certificates/{certificate}/reissue", STAFF, {}),
    ("/staff/certificates/{certificate}/issue-again", STAFF, {"reason": "test", "language": "en"}),
    # Roles are a shared catalogue; each organisation changes only its own settings.
    (
        "/staff/roles/peer-supporter/requirements",
        STAFF + ["other_staff", "other_admin"],
        {"course": "sample-rights"},
    ),
]

# Features with many routes keep their rows beside this file: tests/web/authz_<feature>.py.
FEATURE_MATRICES = (
    "authz_mentoring",
    "authz_needs",
    "authz_cohorts",
    "authz_activities",
    "authz_credentials",
    "authz_stories",
)


def _feature_matrices():
    found = []
    for name in FEATURE_MATRICES:
        try:
            found.append(importlib.import_module(f"tests.web.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"tests.web.{name}":
                raise
    return found


for _matrix in _feature_matrices():
    PAGES += _matrix.PAGES
    ACTIONS += _matrix.ACTIONS

PUBLIC = [
    "/",
    "/sign-in",
    "/sign-in/code",
    "/join",
    "/reset",
    "/safety",
    "/support",
    "/exit",
    "/verify",
    "/verify/credential",
]
# Covered by their own tests (test_certificates.py): they need a completed course or a member id.
ELSEWHERE = [
    "/verify/AAAA-BBBB-CCCC-DDDD-EEEE",
    "/certificates/request",
    "/staff/certificates/issue",
    "/issuers/1",  # public documents: tests/web/test_credentials.py
    "/issuers/1/status",
    "/healthz",  # public, answers 503 until migrations ran: tests/web/test_serving.py
    # A story's agreement, its PDF and its public page need an agreement made first:
    # tests/web/test_stories.py walks who may open each.
    "/stories/requests/1/agree",
    "/stories/agreements/1/pdf",
    "/stories/agreements/1/picture",  # and test_stories_pictures.py for the pictures
    "/s/some-public-code",
    "/s/some-public-code/picture",
]
SLOW = ["/learn/sample-rights/pdf"]  # checked once below: rendering a PDF per role is slow


def sign_in_as(auth, role, world):
    if role == "platform":
        # Platform administrators always sign in with a code from an authenticator app.
        admin = world.users["platform"]
        assert sign_in_with_code(auth.client, admin, enrol(admin)).status_code == 302
    elif role != "anonymous":
        assert auth.sign_in(role).status_code == 302


PERSONAL = (
    "/notifications/{note}",
    "/certificates/{certificate}/public",
    "/certificates/{certificate}/name",
    "/learn/sample-rights/quizzes/check/attempts/{attempt}",
)  # one member's own objects: others get "not found"
# Objects one member owns (their check-ins): everyone else, even staff, gets "not found".
OWN = ("/checkins/{checkin}", "/certificates/{certificate}")
# A mentor page exists only for the mentor's own learners: other staff get "not found".
MENTOR_OF = "/mentoring/{"


def expected_refusal(role, url_template, allowed=()):
    """Anonymous: sign in first. A role that could act here, but in another organisation,
    gets 404 for objects (not even their existence is revealed); otherwise 403."""
    if role == "anonymous":
        return 302
    for matrix in _feature_matrices():
        special = getattr(matrix, "REFUSAL", None)
        if special is not None and (code := special(role, url_template, allowed)) is not None:
            return code
    if role == "platform" and url_template.startswith(("/learn", "/checkins", "/certificates")):
        return 403  # not a member of any organisation: no learning pages at all
    if url_template in PERSONAL:
        return 404
    if url_template.startswith(OWN) and role != "platform":
        return 404  # staff of another organisation and other members: "not found"
    if url_template.startswith(MENTOR_OF) and role in (
        "staff",
        "admin",
        "other_staff",
        "other_admin",
    ):
        return 404
    same_role_here = role.removeprefix("other_") in allowed
    if role.startswith("other_") and "{" in url_template and same_role_here:
        return 404
    return 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("template", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_pages(client, auth, world, synced, role, template, allowed):
    ids = objects(world)
    sign_in_as(auth, role, world)
    response = client.get(template.format(**ids))
    if role in allowed:
        # Allowed: the page, or a step of its own flow (a draft check-in's result leads to the form).
        assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
        if response.status_code == 302:
            assert "/sign-in" not in response.location
    else:
        assert response.status_code == expected_refusal(role, template, allowed)
        if response.status_code == 302:
            assert "/sign-in" in response.location


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("template", "allowed", "body"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_actions(client, auth, world, synced, role, template, allowed, body):
    ids = objects(world)
    sign_in_as(auth, role, world)
    before = _snapshot()
    response = post_form(client, template.format(**ids), body, page="/")
    if role in allowed:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == expected_refusal(role, template, allowed)
        assert _changed_tables(before, _snapshot()) == []  # nothing changed


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, so a refused action provably changed nothing at all."""
    db.session.expire_all()
    return {
        table.name: db.session.execute(table.select().order_by(*table.primary_key.columns)).all()
        for table in db.metadata.sorted_tables
    }


def _changed_tables(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_open_to_everyone(client, world, url):
    assert client.get(url).status_code in (200, 302)


def test_every_route_is_in_the_matrix(app):
    """A new route must be added to this matrix (or to PUBLIC) before it can land."""
    import re

    forms_only = [
        "/sign-out",
        "/language",
        "/organisation",
        "/join/account",
        "/account/sign-out-everywhere",
        "/notifications/read-all",
        "/discreet/off",  # anyone, signed out: switch discreet mode off on this device
    ]
    examples = (
        [re.sub(r"\{\w+\}", "1", t) for t, *_ in PAGES + ACTIONS]
        + PUBLIC
        + SLOW
        + forms_only
        + ELSEWHERE
    )
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        pattern = re.compile("^" + re.sub(r"<[^>]+>", "[^/]+", rule.rule) + "$")
        if not any(pattern.match(example) for example in examples):
            missing.append(rule.rule)
    assert missing == []


def test_a_mentor_request_from_another_org_cannot_be_resolved(client, auth, world):
    change = MentorChangeRequest(
        organisation_id=world.other_org.id, learner_id=world.users["other_learner"].id
    )
    db.session.add(change)
    db.session.commit()
    auth.sign_in("staff")
    response = post_form(client, f"/staff/mentor-requests/{change.id}/resolve", {}, page="/")
    assert response.status_code == 404
    assert db.session.get(MentorChangeRequest, change.id).resolved_at is None


def test_staff_cannot_assign_a_mentor_from_another_org(client, auth, world):
    auth.sign_in("staff")
    membership_id = world.membership("learner2").id
    response = post_form(
        client,
        f"/staff/members/{membership_id}",
        {"mentor_id": world.users["other_mentor"].id},
    )
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert services.mentors_of(world.org.id, world.users["learner2"].id) == []


def test_staff_cannot_make_reset_codes_for_admins(client, auth, world):
    auth.sign_in("staff")
    response = post_form(
        client, f"/staff/members/{world.membership('admin').id}/reset-code", {}, page="/"
    )
    assert response.status_code == 403


def test_learners_see_only_their_own_notifications(client, auth, world):
    ids = objects(world)
    auth.sign_in("learner2")
    assert client.get(f"/notifications/{ids['note']}").status_code == 404


def test_course_pdf_needs_a_membership(client, auth, world, synced):
    assert client.get("/learn/sample-rights/pdf").status_code == 302
    sign_in_as(auth, "platform", world)
    assert client.get("/learn/sample-rights/pdf").status_code == 403
