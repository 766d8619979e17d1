"""The mentor dashboard: each learner, only what they share, and who may need a word."""

from dataclasses import dataclass

from flask import Blueprint, g, render_template
from flask_login import current_user

from lms.access.policy import GOALS, PROGRESS, ROLE_REQUIREMENTS, SUPPORT_REQUESTS
from lms.access.services import see_many
from lms.accounts.models import User
from lms.extensions import db
from lms.needs.models import Need
from lms.orgs.context import helper_required
from lms.orgs.services import learners_of
from lms.programme.cohorts import cohort_names_for
from lms.progress.models import LessonProgress
from lms.progress.resume import DONE
from lms.roles.models import MentorConversation, RoleApplication
from lms.timeutil import utcnow

from . import services
from .visibility import suggest_check_in

bp = Blueprint("mentoring", __name__)


@dataclass(frozen=True)
class LearnerRow:
    learner: User
    progress_shared: bool
    lessons_done: int | None
    last_activity: object
    quiet: bool | None
    open_requests: int
    waiting_roles: list
    goals_waiting: int  # shared goals waiting for the learner's answer
    goals_active: int


def _rows(learners: list[User], org_id: int) -> list[LearnerRow]:
    """Each learner's line: each kind is shown only as the access policy allows, and each
    kind shown is recorded for the learner's "Who has seen my information". A fixed number
    of queries for all the learners together, however many a mentor has."""
    ids = [learner.id for learner in learners]
    me = current_user.id
    progress_shared = see_many(me, ids, org_id, PROGRESS)
    shared_ids = [i for i in ids if progress_shared.get(i)]
    lessons_done, last = {}, {}
    if shared_ids:
        lessons_done = dict(
            db.session.execute(
                db.select(LessonProgress.user_id, db.func.count(LessonProgress.id))
                .where(LessonProgress.user_id.in_(shared_ids), LessonProgress.status.in_(DONE))
                .group_by(LessonProgress.user_id)
            ).all()
        )
        last = dict(
            db.session.execute(
                db.select(LessonProgress.user_id, db.func.max(LessonProgress.updated_at))
                .where(LessonProgress.user_id.in_(shared_ids))
                .group_by(LessonProgress.user_id)
            ).all()
        )
    open_requests = {}
    waiting = {}
    goals = {}
    if ids:
        open_requests = dict(
            db.session.execute(
                db.select(Need.user_id, db.func.count(Need.id))
                .where(
                    Need.user_id.in_(ids),
                    Need.organisation_id == org_id,
                    Need.status == "open",
                )
                .group_by(Need.user_id)
            ).all()
        )
        # A requested conversation is waiting until a mentor has held one since the request.
        answered = (
            db.select(MentorConversation.id)
            .where(
                MentorConversation.application_id == RoleApplication.id,
                MentorConversation.created_at >= RoleApplication.conversation_requested_at,
            )
            .exists()
        )
        for user_id, role_slug in db.session.execute(
            db.select(RoleApplication.user_id, RoleApplication.role_slug)
            .where(
                RoleApplication.user_id.in_(ids),
                RoleApplication.organisation_id == org_id,
                RoleApplication.conversation_requested_at.is_not(None),
                ~answered,
            )
            .order_by(RoleApplication.id)
        ):
            waiting.setdefault(user_id, []).append(role_slug)
        goals = services.goal_counts(ids, org_id)
    # Counts are only looked up here; they reach the page (and are recorded) when there is
    # something to show and the policy allows it.
    requests_shown = see_many(
        me, [i for i in ids if open_requests.get(i)], org_id, SUPPORT_REQUESTS
    )
    roles_shown = see_many(me, [i for i in ids if waiting.get(i)], org_id, ROLE_REQUIREMENTS)
    goals_shown = see_many(
        me,
        [i for i in ids if any(goals.get(i, {}).get(s) for s in ("proposed", "active"))],
        org_id,
        GOALS,
    )
    now = utcnow()
    rows = []
    for learner in learners:
        i = learner.id
        shared = bool(progress_shared.get(i))
        learner_goals = goals.get(i, {}) if goals_shown.get(i) else {}
        rows.append(
            LearnerRow(
                learner,
                shared,
                lessons_done.get(i, 0) if shared else None,
                last.get(i) if shared else None,
                suggest_check_in(last.get(i), now) if shared else None,
                open_requests.get(i, 0) if requests_shown.get(i) else 0,
                waiting.get(i, []) if roles_shown.get(i) else [],
                learner_goals.get("proposed", 0),
                learner_goals.get("active", 0),
            )
        )
    return rows


@bp.get("/mentoring")
@helper_required
def dashboard():
    org_id = g.membership.organisation_id
    learners = learners_of(org_id, current_user.id)
    ids = [u.id for u in learners]
    rows = _rows(learners, org_id)
    db.session.commit()  # the access records
    # The commit expired the learners; load their names again in one query, not one each.
    if ids:
        db.session.scalars(db.select(User).where(User.id.in_(ids))).all()
    # Whoever asked for help or a conversation comes first; nobody is ranked otherwise.
    rows.sort(
        key=lambda r: (-(r.open_requests + len(r.waiting_roles)), r.learner.display_name.casefold())
    )
    # The cohorts this mentor works with (names only; the cohort pages are for staff).
    cohorts = cohort_names_for(current_user.id, org_id, "mentor")
    return render_template("mentoring/dashboard.html", rows=rows, cohorts=cohorts)
