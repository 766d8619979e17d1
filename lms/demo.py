"""Demo data: one organisation with a member of each role, so people can try Pathways."""

from .accounts.passwords import hash_password
from .accounts.services import create_user, find_by_username
from .extensions import db
from .orgs.models import Membership, MentorAssignment, Organisation, SupportContact

DEMO_ORGANISATION = "Demo Organisation"
DEMO_MEMBERS = (
    ("learner1", "Learner One", "learner"),
    ("learner2", "Learner Two", "learner"),
    ("mentor1", "Mentor One", "mentor"),
    ("staff1", "Staff One", "staff"),
    ("admin1", "Admin One", "admin"),
)
DEMO_CONTACTS = (
    (
        "Demo Organisation helpline (example)",
        "Call or message 000 000 000 (example number)",
        "Every day, 9:00 to 21:00",
        "Speaks English, Chinese and Bengali.",
    ),
    ("Your mentor", "Message them on the Mentors page", None, None),
)


def load_demo(password: str) -> list[tuple[str, str]]:
    """Create or refresh the demo organisation; return (username, role) pairs. Caller commits."""
    organisation = db.session.scalar(
        db.select(Organisation).where(Organisation.name == DEMO_ORGANISATION)
    )
    if organisation is None:
        organisation = Organisation(name=DEMO_ORGANISATION)
        db.session.add(organisation)
        db.session.flush()
    users = {}
    for username, display_name, role in DEMO_MEMBERS:
        user = find_by_username(username)
        if user is None:
            user = create_user(username, display_name, password, None, "en")
        else:
            user.password_hash = hash_password(password)
        users[username] = user
        membership = db.session.scalar(
            db.select(Membership).where(
                Membership.user_id == user.id, Membership.organisation_id == organisation.id
            )
        )
        if membership is None:
            db.session.add(Membership(user_id=user.id, organisation_id=organisation.id, role=role))
    db.session.flush()
    link = db.session.scalar(
        db.select(MentorAssignment).where(
            MentorAssignment.organisation_id == organisation.id,
            MentorAssignment.mentor_id == users["mentor1"].id,
            MentorAssignment.learner_id == users["learner1"].id,
        )
    )
    if link is None:
        db.session.add(
            MentorAssignment(
                organisation_id=organisation.id,
                mentor_id=users["mentor1"].id,
                learner_id=users["learner1"].id,
            )
        )
    has_contacts = db.session.scalar(
        db.select(SupportContact.id).where(SupportContact.organisation_id == organisation.id)
    )
    if not has_contacts:
        for position, (name, reach, hours, notes) in enumerate(DEMO_CONTACTS):
            db.session.add(
                SupportContact(
                    organisation_id=organisation.id,
                    name=name,
                    how_to_reach=reach,
                    hours=hours,
                    notes=notes,
                    position=position,
                )
            )
    return [(username, role) for username, _, role in DEMO_MEMBERS]
