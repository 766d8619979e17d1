"""A mentor's part in goals and notes, on the per-learner mentoring page: suggest a goal,
add progress notes to shared goals, and write notes the learner reads (or, only for
safeguarding, that staff read instead)."""

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys, sections
from lms.access.loaders import mentee_or_404
from lms.access.policy import GOALS, MENTOR_NOTES
from lms.access.services import see
from lms.accounts.services import users_by_id
from lms.extensions import db
from lms.orgs.context import helper_required
from lms.orgs.services import membership_of

from . import services
from .forms import GoalNoteForm, MentorNoteForm, ProposeGoalForm
from .goals import MENTOR, may
from .loaders import shared_goal_or_404
from .messages import CATEGORY_LABELS
from .pages import display_name, fill_choices, goal_data, goal_rows
from .views import bp
from .views_learner import PAGE, learner_page

# Keys of this feature's forms in the `forms` dict the mentoring page passes around.
PROPOSE = "mentoring:propose_goal"
NOTE = "mentoring:mentor_note"


def _goal_note_key(goal_id: int) -> str:
    return f"mentoring:goal_note:{goal_id}"


def _goal_note_form(goal_id: int, **kwargs) -> GoalNoteForm:
    """One note form per goal on the page: the same field name, a different id for each."""
    form = GoalNoteForm(prefix="goalnote", **kwargs)
    form.body.id = form.body.label.field_id = f"goal{goal_id}-note"
    return form


def _learner_paused(learner_id: int, organisation_id: int) -> bool:
    # A pause stops everything new from starting, goals suggested by a mentor included.
    membership = membership_of(learner_id, organisation_id)
    return membership is not None and membership.engagement_paused_at is not None


def _back(learner_id: int, anchor: str):
    return redirect(url_for("mentoring.learner", user_id=learner_id, _anchor=anchor))


@sections.provider(PAGE, order=20)
def goals_section(learner, organisation_id: int, forms: dict, **_context):
    live, closed = services.shared_goals(learner.id, organisation_id)
    if (live or closed) and not see(current_user.id, learner.id, organisation_id, GOALS):
        live, closed = [], []
    rows = [
        (
            row,
            may("note", MENTOR, row.goal.status, row.goal.shared_with_mentors),
            forms.get(_goal_note_key(row.goal.id)) or _goal_note_form(row.goal.id, formdata=None),
        )
        for row in goal_rows(live, organisation_id, current_user.id)
    ]
    propose = forms.get(PROPOSE) or ProposeGoalForm(formdata=None, prefix="goal")
    fill_choices(propose, organisation_id)
    return sections.Section(
        "mentoring/_goals_section.html",
        {
            "rows": rows,
            "closed": closed,
            "propose_form": propose,
            "paused": _learner_paused(learner.id, organisation_id),
        },
    )


@sections.provider(PAGE, order=30)
def notes_section(learner, organisation_id: int, forms: dict, **_context):
    notes = services.notes_for_mentor(learner.id, organisation_id, current_user.id)
    if notes and not see(current_user.id, learner.id, organisation_id, MENTOR_NOTES):
        notes = []
    names = users_by_id(n.author_id for n in notes)
    return sections.Section(
        "mentoring/_notes_section.html",
        {
            "notes": [
                (
                    n,
                    _("You")
                    if n.author_id == current_user.id
                    else display_name(names, n.author_id),
                )
                for n in notes
            ],
            "category_labels": CATEGORY_LABELS,
            "form": forms.get(NOTE) or MentorNoteForm(formdata=None, prefix="note"),
        },
    )


@bp.post("/mentoring/<int:user_id>/goals")
@helper_required
def propose_goal(user_id: int):
    learner = mentee_or_404(user_id)
    org_id = g.membership.organisation_id
    if _learner_paused(learner.id, org_id):
        flash(
            _(
                "%(name)s has paused their engagement. You can suggest goals again "
                "when they resume.",
                name=learner.display_name,
            ),
            "notice",
        )
        return _back(learner.id, "suggest")
    form = ProposeGoalForm(prefix="goal")
    fill_choices(form, org_id)
    if not form.validate_on_submit():
        return learner_page(learner, {PROPOSE: form}), 400
    back = _back(learner.id, "goals")
    if oncekeys.again(form, back.location):
        return back  # the same goal again (a double tap): sent once already
    services.add_goal(org_id, learner.id, current_user.id, goal_data(form, False))
    db.session.commit()
    flash(
        _(
            "The goal was sent to %(name)s. They can accept it, change it or say no.",
            name=learner.display_name,
        ),
        "notice",
    )
    return back


@bp.post("/mentoring/<int:user_id>/goals/<int:goal_id>/notes")
@helper_required
def goal_note(user_id: int, goal_id: int):
    learner = mentee_or_404(user_id)
    goal = shared_goal_or_404(goal_id, learner)
    if not may("note", MENTOR, goal.status, goal.shared_with_mentors):
        flash(_("This goal is closed now, so it takes no more notes."), "notice")
        return _back(learner.id, "goals")
    form = _goal_note_form(goal.id)
    if not form.validate_on_submit():
        return learner_page(learner, {_goal_note_key(goal.id): form}), 400
    back = _back(learner.id, f"goal-{goal.id}")
    if oncekeys.again(form, back.location):
        return back  # the same note again: added once already
    services.add_goal_note(goal, current_user.id, form.body.data)
    db.session.commit()
    flash(_("Your note was added to the goal."), "notice")
    return back


@bp.post("/mentoring/<int:user_id>/notes")
@helper_required
def mentor_note(user_id: int):
    learner = mentee_or_404(user_id)
    org_id = g.membership.organisation_id
    form = MentorNoteForm(prefix="note")
    if not form.validate_on_submit():
        return learner_page(learner, {NOTE: form}), 400
    back = _back(learner.id, "notes")
    if oncekeys.again(form, back.location):
        return back  # the same note again (a double tap): saved once already
    held_back = bool(form.held_back.data)
    services.write_mentor_note(
        org_id,
        learner.id,
        current_user.id,
        form.body.data,
        held_back,
        form.category.data or None,
        form.reason.data,
    )
    if held_back:
        message = _(
            "The note was saved and kept from %(name)s. Staff can read it.",
            name=learner.display_name,
        )
    else:
        message = _(
            "The note was saved. %(name)s can read it on their Mentors page.",
            name=learner.display_name,
        )
    db.session.commit()
    flash(message, "notice")
    return _back(learner.id, "notes")
