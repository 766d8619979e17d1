"""The mentor dashboard: each learner, only what they share, and who may need a word."""

from dataclasses import dataclass

from flask import g, render_template
from flask_login import current_user

from lms.access.policy import GOALS, PROGRESS, ROLE_REQUIREMENTS, SUPPORT_REQUESTS
from lms.access.services import see
from lms.accounts.models import User
from lms.extensions import db
from lms.orgs.context import role_required
from lms.orgs.services import learners_of
from lms.programme.cohorts import cohort_names_for
from lms.progress.models import LessonProgress
from lms.progress.resume import DONE
from lms.readiness.models import SupportRequest
from lms.roles.models import MentorConversation, RoleApplication
from lms.timeutil import utcnow

from . import bp, services
from .visibility import suggest_check_in


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


def _row(learner: User, org_id: int) -> LearnerRow:
    """One learner's line: each kind is shown only as the access policy allows, and each
    kind shown is recorded for the learner's "Who has seen my information"."""
    lessons_done = last = quiet = None
    progress_shared = bool(see(current_user.id, learner.id, org_id, PROGRESS))
    if progress_shared:
        lessons_done = db.session.scalar(
            db.select(db.func.count(LessonProgress.id)).where(
                LessonProgress.user_id == learner.id, LessonProgress.status.in_(DONE)
            )
        )
        last = db.session.scalar(
            db.select(db.func.max(LessonProgress.updated_at)).where(
                LessonProgress.user_id == learner.id
            )
        )
        quiet = suggest_check_in(last, utcnow())
    open_requests = db.session.scalar(
        db.select(db.func.count(SupportRequest.id)).where(
            SupportRequest.user_id == learner.id,
            SupportRequest.organisation_id == org_id,
            SupportRequest.status == "open",
        )
    )
    waiting = []
    for application in db.session.scalars(
        db.select(RoleApplication).where(
            RoleApplication.user_id == learner.id,
            RoleApplication.organisation_id == org_id,
            RoleApplication.conversation_requested_at.is_not(None),
        )
    ):
        answered = db.session.scalar(
            db.select(MentorConversation.id).where(
                MentorConversation.application_id == application.id,
                MentorConversation.created_at >= application.conversation_requested_at,
            )
        )
        if answered is None:
            waiting.append(application.role_slug)
    # Counts are only looked up here; they reach the page (and are recorded) when there is
    # something to show and the policy allows it.
    if open_requests and not see(current_user.id, learner.id, org_id, SUPPORT_REQUESTS):
        open_requests = 0
    if waiting and not see(current_user.id, learner.id, org_id, ROLE_REQUIREMENTS):
        waiting = []
    goals = services.goal_counts(learner.id, org_id)
    if any(goals.get(s) for s in ("proposed", "active")) and not see(
        current_user.id, learner.id, org_id, GOALS
    ):
        goals = {}
    return LearnerRow(
        learner,
        progress_shared,
        lessons_done,
        last,
        quiet,
        open_requests,
        waiting,
        goals.get("proposed", 0),
        goals.get("active", 0),
    )


@bp.get("/mentoring")
@role_required("mentor", "staff", "admin")
def dashboard():
    org_id = g.membership.organisation_id
    rows = [_row(learner, org_id) for learner in learners_of(org_id, current_user.id)]
    db.session.commit()  # the access records
    # Whoever asked for help or a conversation comes first; nobody is ranked otherwise.
    rows.sort(
        key=lambda r: (-(r.open_requests + len(r.waiting_roles)), r.learner.display_name.casefold())
    )
    # The cohorts this mentor works with (names only; the cohort pages are for staff).
    cohorts = cohort_names_for(current_user.id, org_id, "mentor")
    return render_template("mentoring/dashboard.html", rows=rows, cohorts=cohorts)
