"""Goal and mentor-note work that touches the database, ending a mentoring link, and the
learner's data export and account deletion for both."""

from flask import url_for

from lms.access.sharing import share_nothing
from lms.accounts import lifecycle
from lms.accounts.services import users_by_id
from lms.audit.models import record
from lms.extensions import db
from lms.notifications.models import notify
from lms.orgs.models import MentorAssignment, MentorChangeRequest
from lms.orgs.services import mentors_of, notify_staff
from lms.timeutil import iso, utcnow

from . import goals as rules
from .models import Goal, GoalNote, MentorNote
from .notes import export_entry
from .visibility import may_read_note


def goals_of(learner_id: int, organisation_id: int) -> list[Goal]:
    """Return the learner's goals in one organisation, newest first."""
    return db.session.scalars(
        db.select(Goal)
        .where(Goal.learner_id == learner_id, Goal.organisation_id == organisation_id)
        .order_by(Goal.created_at.desc(), Goal.id.desc())
    ).all()


def shared_goals(learner_id: int, organisation_id: int) -> tuple[list[Goal], int]:
    """Return the learner's live goals shared with mentors, and how many shared ones are closed."""
    shared = [g for g in goals_of(learner_id, organisation_id) if g.shared_with_mentors]
    live = [g for g in shared if g.status in rules.OPEN_STATUSES]
    return live, len(shared) - len(live)


def goal_counts(learner_ids: list[int], organisation_id: int) -> dict[int, dict]:
    """Return {learner id: {status: count}} of the learners' shared goals (for the mentor's
    dashboard), in one query for them all."""
    if not learner_ids:
        return {}
    rows = db.session.execute(
        db.select(Goal.learner_id, Goal.status, db.func.count(Goal.id))
        .where(
            Goal.learner_id.in_(learner_ids),
            Goal.organisation_id == organisation_id,
            Goal.shared_with_mentors.is_(True),
        )
        .group_by(Goal.learner_id, Goal.status)
    )
    counts: dict[int, dict] = {}
    for learner_id, status, count in rows:
        counts.setdefault(learner_id, {})[status] = count
    return counts


def add_goal(
    organisation_id: int,
    learner_id: int,
    author_id: int,
    data: dict,
) -> Goal:
    """Add a goal (caller commits). The learner's own is active; a mentor's waits for an
    answer, and the learner is told.

    `data` holds title, target_date, course_slugs, role_slugs and, for the learner,
    shared_with_mentors.
    """
    by_learner = author_id == learner_id
    goal = Goal(
        organisation_id=organisation_id,
        learner_id=learner_id,
        proposed_by_id=author_id,
        title=data["title"],
        target_date=data.get("target_date"),
        course_slugs=list(data.get("course_slugs") or []),
        role_slugs=list(data.get("role_slugs") or []),
        status=rules.initial_status(rules.LEARNER if by_learner else rules.MENTOR),
        shared_with_mentors=data.get("shared_with_mentors", True) if by_learner else True,
    )
    if by_learner:
        goal.decided_at = utcnow()
    db.session.add(goal)
    db.session.flush()
    if not by_learner:
        record(
            "goal_proposed",
            actor_id=author_id,
            organisation_id=organisation_id,
            object_type="goal",
            object_id=goal.id,
            subject_user_id=learner_id,
        )
    if not by_learner:
        notify(
            learner_id,
            "goal_proposed",
            organisation_id=organisation_id,
            link=url_for("mentoring.goal", goal_id=goal.id),
        )
    return goal


def update_goal(goal: Goal, data: dict) -> None:
    """Save the learner's changes; the sharing choice only on goals they wrote themselves."""
    goal.title = data["title"]
    goal.target_date = data.get("target_date")
    goal.course_slugs = list(data.get("course_slugs") or [])
    goal.role_slugs = list(data.get("role_slugs") or [])
    if rules.may_change_sharing(goal.proposed_by_id == goal.learner_id):
        goal.shared_with_mentors = data.get("shared_with_mentors", goal.shared_with_mentors)
    goal.updated_at = utcnow()


def change_status(goal: Goal, action: str) -> str:
    """Apply the learner's action; return the new status. Raises GoalRuleError if not possible."""
    goal.status = rules.next_status(action, goal.status)
    goal.updated_at = utcnow()
    if action in ("accept", "decline"):
        goal.decided_at = goal.updated_at
    return goal.status


def tell_mentors(goal: Goal, kind: str) -> None:
    """Tell the learner's mentors about their goal, only when the learner shares it."""
    if not goal.shared_with_mentors:
        return
    for mentor in mentors_of(goal.organisation_id, goal.learner_id):
        notify(
            mentor.id,
            kind,
            organisation_id=goal.organisation_id,
            link=url_for("mentoring.learner", user_id=goal.learner_id, _anchor="goals"),
        )


def add_goal_note(goal: Goal, author_id: int, body: str) -> GoalNote:
    """Add a progress note to a goal and tell the other side (caller commits): the learner's
    note reaches their mentors (when the goal is shared), a mentor's reaches the learner."""
    note = GoalNote(goal_id=goal.id, author_id=author_id, body=body)
    db.session.add(note)
    goal.updated_at = utcnow()
    db.session.flush()
    if author_id == goal.learner_id:
        tell_mentors(goal, "goal_note_by_learner")
    else:
        notify(
            goal.learner_id,
            "goal_note_added",
            organisation_id=goal.organisation_id,
            link=url_for("mentoring.goal", goal_id=goal.id, _anchor="notes"),
        )
    return note


def notes_by_goal(goal_ids: list[int]) -> dict[int, list[GoalNote]]:
    """Return each goal's progress notes, oldest first."""
    result = {goal_id: [] for goal_id in goal_ids}
    if goal_ids:
        for note in db.session.scalars(
            db.select(GoalNote)
            .where(GoalNote.goal_id.in_(goal_ids))
            .order_by(GoalNote.created_at, GoalNote.id)
        ):
            result[note.goal_id].append(note)
    return result


def mentor_notes(learner_id: int, organisation_id: int) -> list[MentorNote]:
    """Return every mentor note about the learner in the organisation, newest first."""
    return db.session.scalars(
        db.select(MentorNote)
        .where(MentorNote.learner_id == learner_id, MentorNote.organisation_id == organisation_id)
        .order_by(MentorNote.created_at.desc(), MentorNote.id.desc())
    ).all()


def notes_for_mentor(learner_id: int, organisation_id: int, mentor_id: int) -> list[MentorNote]:
    """Notes a mentor may read: every note the learner reads, and the ones this mentor kept back."""
    return [
        n
        for n in mentor_notes(learner_id, organisation_id)
        if may_read_note("mentor", n.held_back, n.author_id == mentor_id)
    ]


def record_held_back_notes_read(membership, actor_id: int, count: int) -> None:
    """Audit a staff member reading the notes kept back from a member, so the member's data
    export lists that look."""
    record(
        "held_back_notes_viewed",
        actor_id=actor_id,
        organisation_id=membership.organisation_id,
        object_type="membership",
        object_id=membership.id,
        subject_user_id=membership.user_id,
        detail={"count": count},
    )


def write_mentor_note(
    organisation_id: int,
    learner_id: int,
    author_id: int,
    body: str,
    held_back: bool = False,
    category: str | None = None,
    reason: str | None = None,
) -> MentorNote:
    """Store a mentor note (caller commits): a note kept back is recorded in the audit log,
    any other is announced to the learner."""
    note = MentorNote(
        organisation_id=organisation_id,
        learner_id=learner_id,
        author_id=author_id,
        body=body,
        held_back=held_back,
        held_back_category=category if held_back else None,
        held_back_reason=reason.strip() if held_back and reason else None,
    )
    db.session.add(note)
    db.session.flush()
    if held_back:
        record(
            "mentor_note_held_back",
            actor_id=author_id,
            organisation_id=organisation_id,
            object_type="mentor_note",
            object_id=note.id,
            subject_user_id=learner_id,
            detail={"category": category},
        )
    else:
        notify(
            learner_id,
            "mentor_note_added",
            organisation_id=organisation_id,
            link=url_for("orgs.my_mentors", _anchor="notes"),
        )
    return note


def end_mentoring(organisation_id: int, learner_id: int, mentor_id: int) -> MentorChangeRequest:
    """The learner ends a mentoring link (caller commits): the mentor sees nothing from now on,
    the learner's sharing with them is reset to nothing, and staff are asked to offer someone else.
    """
    db.session.execute(
        db.delete(MentorAssignment).where(
            MentorAssignment.organisation_id == organisation_id,
            MentorAssignment.mentor_id == mentor_id,
            MentorAssignment.learner_id == learner_id,
        )
    )
    # Nothing shared, kept as a row: if this mentor is ever linked again, nothing shows
    # until the learner chooses (the defaults would share progress again).
    share_nothing(learner_id, organisation_id, mentor_id)
    request = MentorChangeRequest(
        organisation_id=organisation_id, learner_id=learner_id, mentor_id=mentor_id, ended_link=True
    )
    db.session.add(request)
    db.session.flush()
    record(
        "mentoring_ended",
        actor_id=learner_id,
        organisation_id=organisation_id,
        object_type="mentor_change_request",
        object_id=request.id,
        subject_user_id=learner_id,
        detail={"mentor": mentor_id},
    )
    notify_staff(organisation_id, "mentoring_ended", "/staff/mentor-requests")
    return request


@lifecycle.exporter("goals")
def _export_goals(user) -> list:
    goals = db.session.scalars(
        db.select(Goal).where(Goal.learner_id == user.id).order_by(Goal.created_at, Goal.id)
    ).all()
    notes = notes_by_goal([g.id for g in goals])
    return [
        {
            "goal": g.title,
            "status": g.status,
            "target_date": g.target_date.isoformat() if g.target_date else None,
            "courses": g.course_slugs,
            "roles": g.role_slugs,
            "shared_with_mentors": g.shared_with_mentors,
            "suggested_by_a_mentor": g.proposed_by_id != user.id,
            "created_at": iso(g.created_at),
            "progress_notes": [
                {"at": iso(n.created_at), "by_you": n.author_id == user.id, "note": n.body}
                for n in notes[g.id]
            ],
        }
        for g in goals
    ]


@lifecycle.exporter("mentor_notes")
def _export_mentor_notes(user) -> list:
    notes = db.session.scalars(
        db.select(MentorNote)
        .where(MentorNote.learner_id == user.id)
        .order_by(MentorNote.created_at, MentorNote.id)
    ).all()
    authors = users_by_id(n.author_id for n in notes)
    return [
        export_entry(
            n.held_back,
            n.held_back_category,
            n.body,
            iso(n.created_at),
            authors[n.author_id].display_name if n.author_id in authors else "—",
        )
        for n in notes
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    goal_ids = db.session.scalars(db.select(Goal.id).where(Goal.learner_id == user.id)).all()
    db.session.execute(db.delete(GoalNote).where(GoalNote.goal_id.in_(goal_ids)))
    db.session.execute(db.delete(Goal).where(Goal.id.in_(goal_ids)))
    db.session.execute(db.delete(MentorNote).where(MentorNote.learner_id == user.id))
    # What they wrote about others as a mentor stays with those learners, without their name.
    db.session.execute(
        db.update(GoalNote).where(GoalNote.author_id == user.id).values(author_id=None)
    )
    db.session.execute(
        db.update(MentorNote).where(MentorNote.author_id == user.id).values(author_id=None)
    )
    db.session.execute(
        db.update(Goal).where(Goal.proposed_by_id == user.id).values(proposed_by_id=None)
    )
