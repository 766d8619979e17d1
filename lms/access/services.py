"""The one way to show a member's information to someone else: ask the policy, record the look.

`see(viewer, member, organisation, kind)` returns the policy's decision and, when it allows
someone other than the member to look, adds one access record, so "Who has seen my
information" lists every look by construction. Within one request each (viewer, member,
organisation, kind) is recorded once, however many parts of a page show that kind.
"""

from flask import g, has_request_context

from lms.extensions import db
from lms.orgs.models import MentorAssignment
from lms.orgs.services import membership_of

from . import policy
from .models import AccessRecord
from .policy import Decision, Sharing, StoryShare
from .sharing import stored_choice, stored_choices


def sharing_with(member_id: int, organisation_id: int, mentor_id: int) -> Sharing:
    """Return what the member shares with this mentor (the defaults when never chosen)."""
    return Sharing.from_choice(stored_choice(member_id, organisation_id, mentor_id))


def _is_assigned_mentor(viewer_id: int, member_id: int, organisation_id: int) -> bool:
    return (
        db.session.scalar(
            db.select(MentorAssignment.id).where(
                MentorAssignment.organisation_id == organisation_id,
                MentorAssignment.mentor_id == viewer_id,
                MentorAssignment.learner_id == member_id,
            )
        )
        is not None
    )


def decide(
    viewer_id: int,
    member_id: int,
    organisation_id: int,
    kind: str,
    story: StoryShare | None = None,
) -> Decision:
    """Ask the policy only (nothing is recorded): for choosing how much of a page to show.
    `story` is what one story opens to this viewer, worked out by the stories feature."""
    membership = membership_of(viewer_id, organisation_id)
    role = membership.role if membership is not None else None
    mentor = viewer_id != member_id and _is_assigned_mentor(viewer_id, member_id, organisation_id)
    relation = policy.relation_of(viewer_id, member_id, role, mentor)
    sharing = sharing_with(member_id, organisation_id, viewer_id) if mentor else None
    return policy.decide(kind, relation, role, sharing, story)


def decide_many(viewer_id: int, member_ids, organisation_id: int, kind: str) -> dict[int, Decision]:
    """`decide` for many members at once, with a fixed number of queries however many there
    are (a page listing members must not ask once per member). Same inputs, same policy."""
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        return {}
    membership = membership_of(viewer_id, organisation_id)
    role = membership.role if membership is not None else None
    others = [m for m in ids if m != viewer_id]
    assigned = (
        set(
            db.session.scalars(
                db.select(MentorAssignment.learner_id).where(
                    MentorAssignment.organisation_id == organisation_id,
                    MentorAssignment.mentor_id == viewer_id,
                    MentorAssignment.learner_id.in_(others),
                )
            )
        )
        if others
        else set()
    )
    choices = stored_choices(sorted(assigned), organisation_id, viewer_id)
    decisions = {}
    for member_id in ids:
        mentor = member_id in assigned
        relation = policy.relation_of(viewer_id, member_id, role, mentor)
        sharing = Sharing.from_choice(choices.get(member_id)) if mentor else None
        decisions[member_id] = policy.decide(kind, relation, role, sharing, None)
    return decisions


def _first_look_in_request(key: tuple) -> bool:
    if not has_request_context():
        return True
    seen = g.setdefault("access_recorded", set())
    if key in seen:
        return False
    seen.add(key)
    return True


def record(
    viewer_id: int, member_id: int, organisation_id: int, kind: str, object_id: int | None = None
) -> None:
    """Add the access record of an allowed look, once per request (caller commits)."""
    if viewer_id == member_id:
        return
    if _first_look_in_request((viewer_id, member_id, organisation_id, kind)):
        db.session.add(
            AccessRecord(
                subject_user_id=member_id,
                viewer_id=viewer_id,
                organisation_id=organisation_id,
                what=kind,
                object_id=object_id,
            )
        )


def see(
    viewer_id: int,
    member_id: int,
    organisation_id: int,
    kind: str,
    object_id: int | None = None,
    story: StoryShare | None = None,
) -> Decision:
    """Return whether the viewer may see this kind of information about the member, and
    record the look when they may (caller commits). Show the information only when the
    decision allows it."""
    decision = decide(viewer_id, member_id, organisation_id, kind, story)
    if decision:
        record(viewer_id, member_id, organisation_id, kind, object_id)
    return decision


def see_many(viewer_id: int, member_ids, organisation_id: int, kind: str) -> dict[int, Decision]:
    """`see` for many members at once: {member id: decision}, and one access record for each
    member the viewer may see (once per request, as with `see`; caller commits)."""
    decisions = decide_many(viewer_id, member_ids, organisation_id, kind)
    rows = [
        {
            "subject_user_id": member_id,
            "viewer_id": viewer_id,
            "organisation_id": organisation_id,
            "what": kind,
            "object_id": None,
        }
        for member_id, decision in decisions.items()
        if decision
        and member_id != viewer_id
        and _first_look_in_request((viewer_id, member_id, organisation_id, kind))
    ]
    if rows:
        # One statement for all the records (the ORM would add them one INSERT at a time).
        db.session.execute(db.insert(AccessRecord), rows)
    return decisions
