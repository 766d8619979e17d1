"""Authorisation rows for goals, mentor notes and ending a mentoring link (see test_authz.py)."""

from lms.extensions import db
from lms.mentoring.models import Goal, MentorNote

MEMBERS = ["learner", "mentor", "staff", "admin", "other_staff", "other_admin"]


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    """A goal the mentor suggested to the learner (shared), and a mentor note about them."""
    goal = Goal(
        organisation_id=world.org.id,
        learner_id=world.users["learner"].id,
        proposed_by_id=world.users["mentor"].id,
        title="Speak at one meeting",
        status="proposed",
    )
    note = MentorNote(
        organisation_id=world.org.id,
        learner_id=world.users["learner"].id,
        author_id=world.users["mentor"].id,
        body="Kept back",
        held_back=True,
        held_back_category="harm_to_learner",
        held_back_reason="A reason",
    )
    db.session.add_all([goal, note])
    db.session.flush()
    return {"goal": goal.id}


PAGES = [
    # Everyone with a membership has their own goals; a goal is only its learner's.
    ("/goals", MEMBERS),
    ("/goals/{goal}", ["learner"]),
    # Only the learner's own mentor can be ended; "mentor" is learner's mentor.
    ("/mentors/{mentor}/end", ["learner"]),
]

ACTIONS = [
    ("/goals", MEMBERS, {"title": "Finish the English course"}),
    ("/goals/{goal}/edit", ["learner"], {"title": "Speak at two meetings"}),
    ("/goals/{goal}/notes", ["learner"], {"body": "Went well"}),
    ("/goals/{goal}/accept", ["learner"], {}),
    ("/goals/{goal}/decline", ["learner"], {}),
    ("/goals/{goal}/done", ["learner"], {}),
    ("/goals/{goal}/archive", ["learner"], {}),
    ("/goals/{goal}/restore", ["learner"], {}),
    ("/mentors/{mentor}/end", ["learner"], {}),
    ("/mentoring/{learner}/goals", ["mentor"], {"goal-title": "Try a mock interview"}),
    ("/mentoring/{learner}/goals/{goal}/notes", ["mentor"], {"goalnote-body": "Good start"}),
    ("/mentoring/{learner}/notes", ["mentor"], {"note-body": "Good to see you"}),
]

# One member's own objects: every other member, here or elsewhere, gets "not found".
OWN = ("/goals/{goal}", "/mentors/{mentor}/end")


def REFUSAL(role, template, allowed):  # noqa: N802
    if template.startswith(OWN):
        return 403 if role == "platform" else 404
    return None
