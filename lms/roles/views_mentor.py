"""The roles section of the mentor's page about a learner (the page is mentoring's): each role
the learner is interested in, its checklist as the mentor may see it, and the conversation
the mentor records."""

from datetime import datetime, time

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys, sections
from lms.access.loaders import mentee_or_404
from lms.access.policy import ROLE_REQUIREMENTS
from lms.access.services import see
from lms.extensions import db
from lms.orgs.context import helper_required

from . import services
from .forms import ConversationForm
from .messages import DOMAIN_LABELS
from .views_member import bp, checklist_seen_by

# The mentor's page (lms.mentoring.views_learner) and where its roles section appears on it.
MENTOR_PAGE = "mentor_learner"
SECTION_ORDER = 10


def _form_key(slug: str) -> str:
    return f"roles:conversation:{slug}"


@sections.provider(MENTOR_PAGE, order=SECTION_ORDER)
def roles_section(learner, organisation_id: int, forms: dict, **_context):
    viewer = current_user.id
    applications = services.applications_of(learner.id, organisation_id)
    if applications and not see(viewer, learner.id, organisation_id, ROLE_REQUIREMENTS):
        applications = []
    roles = {
        role.slug: role
        for role, _setting in services.org_roles(organisation_id, include_disabled=True)
    }
    rows = []
    for application in applications:
        role = roles.get(application.role_slug)
        if role:
            records = services.member_records(learner.id, organisation_id, application)
            rows.append(
                (
                    application,
                    role,
                    checklist_seen_by(viewer, learner.id, organisation_id, role, records),
                    forms.get(_form_key(role.slug)) or ConversationForm(formdata=None),
                )
            )
    return sections.Section("roles/_mentor_section.html", {"rows": rows, "learner_id": learner.id})


@bp.post("/mentoring/<int:user_id>/roles/<slug>/conversation")
@helper_required
def record_conversation(user_id: int, slug: str):
    learner = mentee_or_404(user_id)
    org_id = g.membership.organisation_id
    application = services.application_of(learner.id, org_id, slug)
    if application is None:
        abort(404)
    form = ConversationForm()
    if not form.validate_on_submit():
        return sections.render(MENTOR_PAGE, learner=learner, forms={_form_key(slug): form}), 400
    back = url_for("mentoring.learner", user_id=learner.id)
    if oncekeys.again(form, back):
        return redirect(back)  # the same conversation again (a double tap): recorded once
    until = datetime.combine(form.until.data, time()) if form.until.data else None
    services.record_conversation(
        application,
        current_user.id,
        outcome=form.outcome.data,
        until=until,
        conditions=form.conditions.data or None,
        reasons=form.reasons.data or None,
        what_would_help=form.what_would_help.data or None,
        agreed_domains=[d for d in form.agreed_domains.data if d in DOMAIN_LABELS],
    )
    db.session.commit()
    flash(_("The conversation was recorded. The member can read it on the role page."), "notice")
    return redirect(url_for("mentoring.learner", user_id=learner.id))
