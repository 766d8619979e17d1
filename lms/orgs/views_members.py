"""Pages every member uses: the Support page, their mentors, and choosing an organisation."""

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms import oncekeys, sections
from lms.extensions import db
from lms.forms import ActionForm, choices
from lms.redirects import is_safe_next

from . import services
from .context import current_membership, member_required, user_memberships
from .forms import MentorChangeRequestForm
from .models import MentorChangeRequest, SupportContact

bp = Blueprint("orgs", __name__)


@bp.get("/support")
def support():
    """Reachable from every page; before sign-in it explains where contacts will appear."""
    membership = current_membership() if current_user.is_authenticated else None
    contacts = []
    if membership is not None:
        contacts = db.session.scalars(
            db.select(SupportContact)
            .where(SupportContact.organisation_id == membership.organisation_id)
            .order_by(SupportContact.position, SupportContact.id)
        ).all()
    return render_template("orgs/support.html", membership=membership, contacts=contacts)


@bp.route("/mentors", methods=["GET", "POST"])
@member_required
def my_mentors():
    org_id = g.membership.organisation_id
    mentors = services.mentors_of(org_id, current_user.id)
    form = MentorChangeRequestForm()
    form.mentor_id.choices = choices(
        [(0, _("Any of them, or I have none"))]
        + [(mentor.id, mentor.display_name) for mentor in mentors]
    )
    pending = db.session.scalar(
        db.select(MentorChangeRequest).where(
            MentorChangeRequest.organisation_id == org_id,
            MentorChangeRequest.learner_id == current_user.id,
            MentorChangeRequest.resolved_at.is_(None),
            MentorChangeRequest.ended_link.is_(False),
        )
    )
    if form.validate_on_submit():
        if oncekeys.again(form, url_for("orgs.my_mentors")):
            return redirect(url_for("orgs.my_mentors"))  # a double tap: sent once already
        if pending is None:
            services.request_mentor_change(org_id, current_user.id, form.mentor_id.data or None)
            db.session.commit()
        flash(_("Your request was sent to staff. You do not need to give a reason."), "notice")
        return redirect(url_for("orgs.my_mentors"))
    return render_template(
        "orgs/mentors.html",
        mentors=mentors,
        form=form,
        pending=pending,
        mentees=services.learners_of(org_id, current_user.id)
        if g.membership.role != "learner"
        else [],
        # Later features add sections here (notes from mentors).
        sections=sections.collect(
            "my_mentors",
            user_id=current_user.id,
            organisation_id=org_id,
            role=g.membership.role,
        ),
    )


@bp.post("/organisation")
@login_required
def switch_organisation():
    form = ActionForm()
    wanted = request.form.get("organisation_id", type=int)
    if form.validate_on_submit() and any(m.organisation_id == wanted for m in user_memberships()):
        session["org_id"] = wanted
    target = form.next.data
    return redirect(target if is_safe_next(target) else url_for("dashboard.home"))
