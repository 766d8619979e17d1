"""Demo data: one organisation with a member of each role, so people can try Pathways."""

from datetime import timedelta

from .accounts.passwords import hash_password
from .accounts.services import create_user, find_by_username
from .extensions import db
from .mentoring.models import Goal
from .orgs.models import Membership, MentorAssignment, Organisation, SupportContact
from .programme.models import Activity, Cohort, CohortMember
from .timeutil import utcnow

DEMO_ORGANISATION = "Demo Organisation"
DEMO_MEMBERS = (
    ("learner1", "Learner One", "learner"),
    ("learner2", "Learner Two", "learner"),
    ("mentor1", "Mentor One", "mentor"),
    ("staff1", "Staff One", "staff"),
    ("admin1", "Admin One", "admin"),
)
# An organisation's contacts are its own words, in one field each; the demo writes them in
# all three of its languages, so a Chinese or Bengali reader finds their way on the first try.
DEMO_CONTACTS = (
    (
        "Demo Organisation helpline (example) · 演示机构求助热线（示例）· ডেমো সংস্থার হেল্পলাইন (উদাহরণ)",
        "Call or message 000 000 000 (example number) · 打电话或发信息到 000 000 000（示例号码）"
        " · ০০০ ০০০ ০০০ নম্বরে ফোন বা মেসেজ করুন (উদাহরণ নম্বর)",
        "Every day, 9:00 to 21:00 · 每天 9:00 至 21:00 · প্রতিদিন সকাল ৯টা থেকে রাত ৯টা",
        "Speaks English, Chinese and Bengali. · 可以说英语、中文和孟加拉语。"
        " · ইংরেজি, চীনা ও বাংলায় কথা বলা যায়।",
    ),
    (
        "Your mentor · 你的导师 · আপনার মেন্টর",
        "Message them on the Mentors page · 在“导师”页面给他们发信息 · ‘মেন্টর’ পাতায় তাঁদের মেসেজ করুন",
        None,
        None,
    ),
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
    _demo_programme(organisation, users)
    return [(username, role) for username, _, role in DEMO_MEMBERS]


DEMO_ACTIVITIES = (
    # (days ago, kind, title, attendance, facilitator, outcome)
    (
        40,
        "training",
        "Functional English, week 1",
        12,
        "Mentor One",
        "Everyone practised asking for help.",
    ),
    (
        33,
        "peer_support",
        "Peer-support circle",
        7,
        "Learner Two",
        "Shared tips on finding work safely.",
    ),
    (
        20,
        "awareness",
        "Talk at a community centre",
        35,
        "Staff One",
        "Explained the signs of scam job offers.",
    ),
    (
        6,
        "outreach",
        "Visit to a shelter",
        3,
        "Mentor One",
        "Met new arrivals and gave out invitation cards.",
    ),
)


def _demo_programme(organisation: Organisation, users: dict) -> None:
    """A cohort, two goals and a few activity records, added once, so the staff pages show something."""
    exists = db.session.scalar(
        db.select(Cohort.id).where(Cohort.organisation_id == organisation.id)
    )
    if exists:
        return
    cohort = Cohort(
        organisation_id=organisation.id,
        name="Spring English group",
        description="Meets on Tuesdays.",
    )
    db.session.add(cohort)
    db.session.flush()
    for username, role in (("learner1", "learner"), ("learner2", "learner"), ("mentor1", "mentor")):
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=users[username].id, role=role))
    today = utcnow().date()
    db.session.add_all(
        [
            Goal(
                organisation_id=organisation.id,
                learner_id=users["learner1"].id,
                proposed_by_id=users["learner1"].id,
                title="Finish the English for your story course",
                target_date=today + timedelta(days=60),
                course_slugs=["english-for-your-story"],
                status="active",
                decided_at=utcnow(),
            ),
            Goal(
                organisation_id=organisation.id,
                learner_id=users["learner1"].id,
                proposed_by_id=users["mentor1"].id,
                title="Practise introducing yourself in English",
            ),
        ]
    )
    for days_ago, kind, title, attendance, facilitator, outcome in DEMO_ACTIVITIES:
        db.session.add(
            Activity(
                organisation_id=organisation.id,
                held_on=today - timedelta(days=days_ago),
                kind=kind,
                title=title,
                attendance=attendance,
                facilitator=facilitator,
                outcome=outcome,
                cohort_id=cohort.id if kind == "training" else None,
                recorded_by_id=users["staff1"].id,
            )
        )
