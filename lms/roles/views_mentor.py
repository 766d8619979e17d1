"""A mentor's view of one learner: only what the learner shares, every look recorded."""

from datetime import datetime, time

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from lms import sections
from lms.access.policy import (
    CHECKIN_ANSWERS,
    CHECKIN_SUMMARY,
    PROGRESS,
    ROLE_REQUIREMENTS,
    SUPPORT_REQUESTS,
)
from lms.access.services import see
from lms.accounts.models import User
from lms.audit.models import record
from lms.extensions import db
from lms.forms import ActionForm
from lms.i18n import in_language
from lms.needs.models import SupportRequest
from lms.notifications.models import notify
from lms.orgs.context import in_organisation_or_404, role_required
from lms.orgs.services import learners_of
from lms.progress import services as progress
from lms.readiness import services as readiness
from lms.readiness.models import CheckIn
from lms.readiness.rules import answers_in_words, who5_reading
from lms.timeutil import utcnow

from . import services
from .forms import ConversationForm
from .messages import DOMAIN_LABELS
from .models import MentorConversation, RoleApplication
from .views_member import bp, checklist_seen_by

mentor_required = role_required("mentor", "staff", "admin")


def _my_learner_or_404(user_id: int) -> User:
    if all(
        learner.id != user_id
        for learner in learners_of(g.membership.organisation_id, current_user.id)
    ):
        abort(404)
    return db.session.get(User, user_id)


def _page(learner: User, forms: dict):
    """The page shows each kind of information only as the access policy allows; `see`
    records each kind shown once, for the learner's "Who has seen my information"."""
    org_id = g.membership.organisation_id
    viewer = current_user.id
    checkins, show_answers = [], False
    checkins_shared = bool(see(viewer, learner.id, org_id, CHECKIN_SUMMARY))
    if checkins_shared:
        checkins = db.session.scalars(
            db.select(CheckIn)
            .where(
                CheckIn.user_id == learner.id,
                CheckIn.organisation_id == org_id,
                CheckIn.status == "submitted",
            )
            .order_by(CheckIn.submitted_at.desc())
            .limit(5)
        ).all()
        show_answers = any(c.answers for c in checkins) and bool(
            see(viewer, learner.id, org_id, CHECKIN_ANSWERS)
        )
    # What each check-in says in words, in the mentor's language: what a wellbeing check-in
    # suggests (never its number) and, when the answers are shared, each question and answer.
    in_words = {}
    for checkin in checkins:
        definition = readiness.definition_of(checkin)
        if definition is None:
            in_words[checkin.id] = (who5_reading(checkin.who5_raw), [])
            continue
        shown = in_language(definition.translations, definition, str(get_locale()))
        answers = (
            answers_in_words(shown, checkin.answers) if show_answers and checkin.answers else []
        )
        in_words[checkin.id] = (who5_reading(checkin.who5_raw), answers)
    applications = db.session.scalars(
        db.select(RoleApplication).where(
            RoleApplication.user_id == learner.id, RoleApplication.organisation_id == org_id
        )
    ).all()
    if applications and not see(viewer, learner.id, org_id, ROLE_REQUIREMENTS):
        applications = []
    roles = {
        role.slug: role for role, _setting in services.org_roles(org_id, include_disabled=True)
    }
    rows = []
    for application in applications:
        role = roles.get(application.role_slug)
        if role:
            records = services.member_records(learner.id, org_id, application)
            rows.append(
                (
                    application,
                    role,
                    checklist_seen_by(viewer, learner.id, org_id, role, records),
                    forms.get(application.role_slug) or ConversationForm(formdata=None),
                )
            )
    requests = db.session.scalars(
        db.select(SupportRequest).where(
            SupportRequest.user_id == learner.id,
            SupportRequest.organisation_id == org_id,
            SupportRequest.status == "open",
        )
    ).all()
    if requests and not see(viewer, learner.id, org_id, SUPPORT_REQUESTS):
        requests = []
    progress_shared = bool(see(viewer, learner.id, org_id, PROGRESS))
    # Later features (goals, mentor notes) add their sections; `forms` carries their failed forms.
    extra = sections.collect("mentor_learner", learner=learner, organisation_id=org_id, forms=forms)
    db.session.commit()
    return render_template(
        "roles/mentoring.html",
        learner=learner,
        progress=progress.overview(learner.id) if progress_shared else None,
        checkins_shared=checkins_shared,
        checkins=checkins,
        show_answers=show_answers,
        in_words=in_words,
        rows=rows,
        requests=requests,
        domain_labels=DOMAIN_LABELS,
        form=ActionForm(),
        sections=extra,
    )


@bp.get("/mentoring/<int:user_id>")
@mentor_required
def mentoring(user_id: int):
    return _page(_my_learner_or_404(user_id), {})


@bp.post("/mentoring/<int:user_id>/roles/<slug>/conversation")
@mentor_required
def record_conversation(user_id: int, slug: str):
    learner = _my_learner_or_404(user_id)
    application = services.application_of(learner.id, g.membership.organisation_id, slug)
    if application is None:
        abort(404)
    form = ConversationForm()
    if not form.validate_on_submit():
        return _page(learner, {slug: form}), 400
    until = datetime.combine(form.until.data, time()) if form.until.data else None
    conversation = MentorConversation(
        application_id=application.id,
        mentor_id=current_user.id,
        outcome=form.outcome.data,
        until=until,
        conditions=form.conditions.data or None,
        reasons=form.reasons.data or None,
        what_would_help=form.what_would_help.data or None,
        agreed_domains=[d for d in form.agreed_domains.data if d in DOMAIN_LABELS],
    )
    db.session.add(conversation)
    db.session.flush()
    record(
        "role_conversation_recorded",
        actor_id=current_user.id,
        organisation_id=g.membership.organisation_id,
        object_type="mentor_conversation",
        object_id=conversation.id,
        subject_user_id=learner.id,
        detail={"role": slug, "outcome": form.outcome.data},
    )
    notify(
        learner.id,
        "role_conversation_recorded",
        organisation_id=g.membership.organisation_id,
        link=url_for("roles.detail", slug=slug),
    )
    db.session.commit()
    flash(_("The conversation was recorded. The member can read it on the role page."), "notice")
    return redirect(url_for("roles.mentoring", user_id=learner.id))


@bp.post("/mentoring/support/<int:request_id>/answered")
@mentor_required
def support_answered(request_id: int):
    request = in_organisation_or_404(SupportRequest, request_id)
    learner = _my_learner_or_404(request.user_id) if g.membership.role == "mentor" else None
    if ActionForm().validate_on_submit() and request.status == "open":
        request.status, request.answered_at, request.answered_by_id = (
            "answered",
            utcnow(),
            current_user.id,
        )
        db.session.commit()
        flash(_("Marked as answered. Thank you for getting in touch."), "notice")
    if learner is not None:
        return redirect(url_for("roles.mentoring", user_id=learner.id))
    return redirect(url_for("roles.support_requests"))
