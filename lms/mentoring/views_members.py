"""Mentor notes where the learner and staff read them, and a learner ending a mentoring link.

The learner reads every note not kept back, and is told plainly when some are. Staff read
the kept-back ones on the member's page, and each look is recorded.
"""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import sections
from lms.access.policy import MENTOR_NOTES
from lms.access.services import see
from lms.accounts.services import users_by_id
from lms.extensions import db
from lms.forms import ActionForm
from lms.orgs.context import member_required

from . import services
from .loaders import my_mentor_or_404
from .messages import CATEGORY_LABELS
from .pages import display_name
from .views import bp
from .visibility import may_read_note


@sections.provider("my_mentors")
def notes_from_mentors(user_id: int, organisation_id: int, role: str, **_context):
    notes = services.mentor_notes(user_id, organisation_id)
    if not notes and role != "learner":
        return None
    visible = [n for n in notes if may_read_note("learner", n.held_back)]
    names = users_by_id(n.author_id for n in visible)
    return sections.Section(
        "mentoring/_notes_from_mentors.html",
        {
            "notes": [(n, display_name(names, n.author_id)) for n in visible],
            "some_held_back": len(visible) < len(notes),
        },
    )


@sections.provider("staff_member")
def held_back_notes(membership, actor_id: int, **_context):
    notes = [
        n
        for n in services.mentor_notes(membership.user_id, membership.organisation_id)
        if n.held_back
    ]
    if not notes or not see(actor_id, membership.user_id, membership.organisation_id, MENTOR_NOTES):
        return None
    services.record_held_back_notes_read(membership, actor_id, len(notes))
    names = users_by_id(n.author_id for n in notes)
    return sections.Section(
        "mentoring/_held_back_notes.html",
        {
            "notes": [(n, display_name(names, n.author_id)) for n in notes],
            "category_labels": CATEGORY_LABELS,
        },
    )


@bp.route("/mentors/<int:mentor_id>/end", methods=["GET", "POST"])
@member_required
def end_mentoring(mentor_id: int):
    mentor = my_mentor_or_404(mentor_id)
    form = ActionForm()
    if form.validate_on_submit():
        services.end_mentoring(g.membership.organisation_id, current_user.id, mentor.id)
        db.session.commit()
        flash(
            _(
                "Mentoring with %(name)s has ended. Staff were told, so they can offer you someone else.",
                name=mentor.display_name,
            ),
            "notice",
        )
        return redirect(url_for("orgs.my_mentors"))
    return render_template(
        "mentoring/end.html", mentor=mentor, form=form
    ), 400 if form.errors else 200
