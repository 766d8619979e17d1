"""The learner's goals: add, change, accept or decline, finish, archive, and progress notes."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lms import oncekeys
from lms.extensions import db
from lms.forms import ActionForm
from lms.orgs.context import member_required
from lms.orgs.services import mentors_of

from . import services
from .forms import GoalForm, GoalNoteForm
from .goals import LEARNER, allowed_actions, may, may_change_sharing
from .loaders import own_goal_or_404
from .models import Goal
from .pages import fill_choices, goal_data, goal_rows
from .views import bp

ACTIONS = "accept,decline,done,archive,restore"
DONE_MESSAGES = {
    "accept": _l("You accepted this goal. It is active now."),
    "decline": _l("You said no to this goal. You do not need to give a reason."),
    "done": _l("Well done. The goal is marked as done."),
    "archive": _l("The goal is archived. You can make it active again at any time."),
    "restore": _l("The goal is active again."),
}
# What a learner's answer to a suggested goal tells their mentors (a notification kind).
ANSWER_NOTICES = {"accept": "goal_accepted", "decline": "goal_declined"}


@bp.route("/goals", methods=["GET", "POST"])
@member_required
def goals():
    org_id = g.membership.organisation_id
    form = GoalForm()
    fill_choices(form, org_id)
    if form.validate_on_submit():
        if oncekeys.again(form, url_for("mentoring.goals")):
            return redirect(url_for("mentoring.goals"))  # a double tap: saved once already
        services.add_goal(org_id, current_user.id, current_user.id, goal_data(form, True))
        db.session.commit()
        flash(_("Your goal was saved."), "notice")
        return redirect(url_for("mentoring.goals"))
    rows = goal_rows(services.goals_of(current_user.id, org_id), org_id, current_user.id)
    groups = [
        ("waiting", _("Waiting for your answer"), [r for r in rows if r.goal.status == "proposed"]),
        ("active", _("Active"), [r for r in rows if r.goal.status == "active"]),
        ("done", _("Done"), [r for r in rows if r.goal.status == "done"]),
        (
            "closed",
            _("Archived or declined"),
            [r for r in rows if r.goal.status in ("archived", "declined")],
        ),
    ]
    return render_template(
        "mentoring/goals.html", form=form, groups=groups, has_goals=bool(rows)
    ), 400 if form.errors else 200


def _goal_page(goal: Goal, edit_form=None, note_form=None):
    org_id = g.membership.organisation_id
    if edit_form is None:
        edit_form = GoalForm(
            formdata=None,
            data={
                "title": goal.title,
                "target_date": goal.target_date,
                "courses": goal.course_slugs,
                "roles": goal.role_slugs,
                "shared_with_mentors": goal.shared_with_mentors,
            },
        )
    fill_choices(edit_form, org_id, goal)
    row = goal_rows([goal], org_id, current_user.id)[0]
    failed = edit_form.errors or (note_form is not None and note_form.errors)
    return render_template(
        "mentoring/goal.html",
        row=row,
        actions=allowed_actions(LEARNER, goal.status),
        can_change_sharing=may_change_sharing(goal.proposed_by_id == goal.learner_id),
        has_mentors=bool(mentors_of(org_id, current_user.id)),
        edit_form=edit_form,
        note_form=note_form or GoalNoteForm(formdata=None),
        action_form=ActionForm(),
    ), 400 if failed else 200


@bp.get("/goals/<int:goal_id>")
@member_required
def goal(goal_id: int):
    return _goal_page(own_goal_or_404(goal_id))


@bp.post("/goals/<int:goal_id>/edit")
@member_required
def edit_goal(goal_id: int):
    goal = own_goal_or_404(goal_id)
    if not may("edit", LEARNER, goal.status):
        flash(_("Please make this goal active again before you change it."), "notice")
        return redirect(url_for("mentoring.goal", goal_id=goal.id))
    form = GoalForm()
    form.previous_target_date = goal.target_date
    fill_choices(form, g.membership.organisation_id, goal)
    if not form.validate_on_submit():
        return _goal_page(goal, edit_form=form)
    services.update_goal(goal, goal_data(form, True))
    db.session.commit()
    flash(_("Your changes were saved."), "notice")
    return redirect(url_for("mentoring.goal", goal_id=goal.id))


@bp.post("/goals/<int:goal_id>/notes")
@member_required
def add_note(goal_id: int):
    goal = own_goal_or_404(goal_id)
    if not may("note", LEARNER, goal.status):
        flash(_("Please make this goal active again before you add a note."), "notice")
        return redirect(url_for("mentoring.goal", goal_id=goal.id))
    form = GoalNoteForm()
    if not form.validate_on_submit():
        return _goal_page(goal, note_form=form)
    back = url_for("mentoring.goal", goal_id=goal.id, _anchor="notes")
    if oncekeys.again(form, back):
        return redirect(back)  # the same note again: saved once already
    services.add_goal_note(goal, current_user.id, form.body.data)
    db.session.commit()
    flash(_("Your note was saved."), "notice")
    return redirect(back)


@bp.post(f"/goals/<int:goal_id>/<any({ACTIONS}):action>")
@member_required
def goal_action(goal_id: int, action: str):
    goal = own_goal_or_404(goal_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("mentoring.goal", goal_id=goal.id))
    if not may(action, LEARNER, goal.status):
        flash(_("This goal has changed since the page was opened. Please look again."), "notice")
        return redirect(url_for("mentoring.goal", goal_id=goal.id))
    services.change_status(goal, action)
    if action in ANSWER_NOTICES and goal.proposed_by_id != goal.learner_id:
        services.tell_mentors(goal, ANSWER_NOTICES[action])
    db.session.commit()
    flash(str(DONE_MESSAGES[action]), "notice")
    return redirect(url_for("mentoring.goal", goal_id=goal.id))
