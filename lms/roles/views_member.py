"""A member's side of roles: the catalogue, each role's checklist, interest, and pausing."""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from lms.access.policy import CHECKIN_SUMMARY, PROGRESS, QUIZ_RESULTS
from lms.access.services import see
from lms.catalog.models import Course
from lms.dbutil import ensure_row
from lms.extensions import db
from lms.forms import ActionForm
from lms.i18n import localised
from lms.notifications.models import notify
from lms.orgs.context import member_required
from lms.orgs.services import mentors_of, notify_staff
from lms.readiness.services import latest_submitted
from lms.timeutil import utcnow

from . import services
from .loaders import enabled_role_or_404
from .messages import (
    ABOUT_MEMBER_STATUS,
    CATEGORY_LABELS,
    NEXT_STEPS,
    PRIVATE_STATUS_LABELS,
    STATUS_LABELS,
    message_text,
)
from .models import RoleApplication
from .requirements import PRIVATE, Detail, all_met, as_seen_by, evaluate

bp = Blueprint("roles", __name__)


def course_titles() -> dict:
    locale = str(get_locale())
    return {c.slug: localised(c.titles, locale) for c in db.session.scalars(db.select(Course))}


def next_step_link(step: str | None, params: dict) -> str | None:
    if step == "finish_course":
        return url_for("progress.course", course_slug=params["course"])
    if step == "take_quiz":
        return url_for("assessments.take", course_slug=params["course"], quiz_slug=params["quiz"])
    if step == "take_checkin":
        return url_for("readiness.index")
    return None


def checklist(role, records, detail: Detail | None = None) -> list[dict]:
    """The role's requirements as a task list, in words, each with a link to what helps.

    With `detail`, as someone other than the member may see it (see `checklist_seen_by`):
    in the third person, without the member's own next steps (links to their course or quiz).
    """
    about_member = detail is not None
    titles = course_titles()
    statuses = evaluate(role, records)
    if detail is not None:
        statuses = as_seen_by(statuses, detail)
    items = []
    for s in statuses:
        private = s.message.endswith(PRIVATE)
        labels = PRIVATE_STATUS_LABELS if private else STATUS_LABELS
        if about_member and not private:
            labels = {**labels, **ABOUT_MEMBER_STATUS}
        open_step = s.status != "met" and not private and not about_member
        items.append(
            {
                "status": s.status,
                "status_label": labels[s.status],
                "text": message_text(s.message, s.params, titles, about_member),
                "next_step": NEXT_STEPS.get(s.next_step) if open_step else None,
                "next_link": next_step_link(s.next_step, s.params) if open_step else None,
            }
        )
    return items


def checklist_seen_by(viewer_id: int, member_id: int, organisation_id: int, role, records):
    """The checklist as this viewer may see it: details of check-ins, courses and quizzes only
    as far as the access policy allows, each kind shown recorded for the member."""
    kinds = {requirement.kind for requirement in role.requirements}

    def shown(kind: str, requirement_kind: str) -> bool:
        return requirement_kind in kinds and bool(see(viewer_id, member_id, organisation_id, kind))

    detail = Detail(
        checkins=shown(CHECKIN_SUMMARY, "checkin"),
        progress=shown(PROGRESS, "course"),
        quizzes=shown(QUIZ_RESULTS, "quiz"),
    )
    return checklist(role, records, detail)


@bp.get("/roles")
@member_required
def index():
    org_id = g.membership.organisation_id
    rows = []
    for role, _setting in services.org_roles(org_id):
        application = services.application_of(current_user.id, org_id, role.slug)
        statuses = evaluate(role, services.member_records(current_user.id, org_id, application))
        rows.append(
            (role, application, sum(1 for s in statuses if s.status == "met"), len(statuses))
        )
    return render_template(
        "roles/index.html",
        rows=rows,
        categories=CATEGORY_LABELS,
        paused=g.membership.engagement_paused_at is not None,
        form=ActionForm(),
    )


@bp.get("/roles/<slug>")
@member_required
def detail(slug: str):
    role, _setting = enabled_role_or_404(slug)
    org_id = g.membership.organisation_id
    application = services.application_of(current_user.id, org_id, slug)
    records = services.member_records(current_user.id, org_id, application)
    latest = latest_submitted(current_user.id, org_id)
    return render_template(
        "roles/detail.html",
        role=role,
        category=CATEGORY_LABELS[role.category],
        application=application,
        items=checklist(role, records),
        ready_to_confirm=all_met(evaluate(role, records)),
        conversation=services.latest_conversation(application) if application else None,
        support_suggested=bool(latest and latest.support_offered),
        adult_declared=records.adult_declared,
        paused=g.membership.engagement_paused_at is not None,
        form=ActionForm(),
    )


def _paused_so_refused(slug: str):
    """A pause stops everything new from starting until the member resumes: say so kindly.

    The page shows this sentence instead of the buttons; this is for a form sent anyway
    (an old tab, a second device)."""
    if g.membership.engagement_paused_at is None:
        return None
    flash(
        _(
            "Your engagement is paused, so nothing new starts for now. "
            "When you are ready, you can resume it on the Roles page."
        ),
        "notice",
    )
    return redirect(url_for("roles.detail", slug=slug))


def _apply(slug: str) -> RoleApplication:
    # Safe when the button is pressed twice at once: both requests get the same application.
    application, _created = ensure_row(
        RoleApplication,
        {
            "user_id": current_user.id,
            "organisation_id": g.membership.organisation_id,
            "role_slug": slug,
        },
    )
    return application


@bp.post("/roles/<slug>/interest")
@member_required
def interest(slug: str):
    enabled_role_or_404(slug)
    if refused := _paused_so_refused(slug):
        return refused
    if ActionForm().validate_on_submit():
        _apply(slug)
        db.session.commit()
        flash(
            _("Thank you. Your interest is noted. Take the next steps at your own pace."), "notice"
        )
    return redirect(url_for("roles.detail", slug=slug))


@bp.post("/roles/<slug>/ask-mentor")
@member_required
def ask_mentor(slug: str):
    enabled_role_or_404(slug)
    if refused := _paused_so_refused(slug):
        return refused
    if ActionForm().validate_on_submit():
        application = _apply(slug)
        application.conversation_requested_at = utcnow()
        for mentor in mentors_of(g.membership.organisation_id, current_user.id):
            notify(
                mentor.id,
                "role_conversation_requested",
                organisation_id=g.membership.organisation_id,
                link=url_for("mentoring.learner", user_id=current_user.id),
            )
        db.session.commit()
        flash(_("Your mentor was asked for a conversation."), "notice")
    return redirect(url_for("roles.detail", slug=slug))


@bp.post("/roles/<slug>/second-mentor")
@member_required
def second_mentor(slug: str):
    enabled_role_or_404(slug)
    if refused := _paused_so_refused(slug):
        return refused
    application = services.application_of(current_user.id, g.membership.organisation_id, slug)
    if ActionForm().validate_on_submit() and application is not None:
        application.second_opinion_requested_at = utcnow()
        notify_staff(
            g.membership.organisation_id, "second_mentor_requested", "/staff/roles/applications"
        )
        db.session.commit()
        flash(
            _(
                "Staff were asked to arrange a second mentor's view. You do not need to give a reason."
            ),
            "notice",
        )
    return redirect(url_for("roles.detail", slug=slug))


@bp.post("/roles/adult")
@member_required
def declare_adult():
    if ActionForm().validate_on_submit():
        g.membership.adult_declared_at = utcnow()
        db.session.commit()
        flash(_("Thank you. No date of birth is kept."), "notice")
    return redirect(url_for("roles.index"))


@bp.post("/engagement/pause")
@member_required
def pause():
    if ActionForm().validate_on_submit():
        g.membership.engagement_paused_at = utcnow()
        db.session.commit()
        flash(
            _("All your engagement is paused. No reason is needed. You can resume any time."),
            "notice",
        )
    return redirect(url_for("roles.index"))


@bp.post("/engagement/resume")
@member_required
def resume():
    if ActionForm().validate_on_submit():
        g.membership.engagement_paused_at = None
        db.session.commit()
        flash(_("Welcome back. Your engagement is resumed."), "notice")
    return redirect(url_for("roles.index"))
