"""Authorisation rows for needs and requests (see test_authz.py)."""

from lms.extensions import db
from lms.needs.models import Need

MEMBERS = ["learner", "mentor", "staff", "admin", "other_staff", "other_admin"]
HELPERS = ["mentor", "staff", "admin"]


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    """The learner's need, with a summary they agreed to share and a close proposal waiting."""
    need = Need(
        organisation_id=world.org.id,
        user_id=world.users["learner"].id,
        kind="legal_advice",
        urgency="soon",
        details="Private words",
        share_with_services=True,
        shareable_summary="Needs advice about a work visa",
    )
    db.session.add(need)
    db.session.flush()
    return {"need": need.id}


PAGES = [
    # Every member may state their own needs; a need is only its learner's.
    ("/needs", MEMBERS),
    ("/needs/{need}", ["learner"]),
    # The learner's mentor and the organisation's staff help with a need.
    ("/mentoring/needs/{need}", HELPERS),
]

ACTIONS = [
    ("/needs", MEMBERS, {"kind": "housing", "urgency": "soon"}),
    ("/needs/{need}/reply", ["learner"], {"body": "Any news?"}),
    ("/needs/{need}/close", ["learner"], {}),
    ("/needs/{need}/keep-open", ["learner"], {}),
    ("/needs/{need}/sharing", ["learner"], {}),
    ("/mentoring/needs/{need}/reply", HELPERS, {"body": "I will call you today."}),
    ("/mentoring/needs/{need}/refer", HELPERS, {"service": "City legal clinic"}),
    ("/mentoring/needs/{need}/propose-close", HELPERS, {}),
]

# The learner's own need: every other member, here or elsewhere, gets "not found".
OWN = "/needs/{need}"


def REFUSAL(role, template, allowed):  # noqa: N802
    if template.startswith(OWN):
        return 403 if role == "platform" else 404
    return None
