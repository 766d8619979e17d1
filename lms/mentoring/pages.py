"""What the goal pages share: course and role choices, and goals ready to show."""

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _

from lms.accounts.services import users_by_id
from lms.catalog.models import Course, Track
from lms.extensions import db
from lms.forms import choices
from lms.i18n import localised
from lms.roles.services import org_roles

from . import services
from .messages import STATUS_LABELS
from .models import Goal, GoalNote


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    status_label: str
    courses: list  # [(slug, title)]
    roles: list  # [(slug, title)]
    notes: list  # [(GoalNote, author name)]
    suggested_by: str | None  # the mentor's name, for a goal a mentor suggested


def course_titles(live_only: bool = False) -> dict[str, str]:
    """Return {slug: title} of the catalogue, in its order (all courses, or only live ones)."""
    query = db.select(Course).join(Track).order_by(Track.position, Course.position)
    if live_only:
        query = query.where(Course.is_archived.is_(False))
    locale = str(get_locale())
    return {c.slug: localised(c.titles, locale) for c in db.session.scalars(query)}


def role_titles(organisation_id: int, enabled_only: bool = False) -> dict[str, str]:
    return {
        role.slug: role.title
        for role, _setting in org_roles(organisation_id, include_disabled=not enabled_only)
    }


def fill_choices(form, organisation_id: int, goal: Goal | None = None) -> None:
    """Offer live courses and the organisation's enabled roles, plus whatever the goal links now."""
    courses = course_titles(live_only=True)
    roles = role_titles(organisation_id, enabled_only=True)
    if goal is not None:
        all_courses, all_roles = course_titles(), role_titles(organisation_id)
        for slug in goal.course_slugs or []:
            courses.setdefault(slug, all_courses.get(slug, slug))
        for slug in goal.role_slugs or []:
            roles.setdefault(slug, all_roles.get(slug, slug))
    form.courses.choices = choices(courses.items())
    form.roles.choices = choices(roles.items())


def goal_data(form, with_sharing: bool) -> dict:
    """Return the values of a goal form as services.add_goal and update_goal take them."""
    data = {
        "title": form.title.data,
        "target_date": form.target_date.data,
        "course_slugs": form.courses.data or [],
        "role_slugs": form.roles.data or [],
    }
    if with_sharing:
        data["shared_with_mentors"] = bool(form.shared_with_mentors.data)
    return data


def goal_rows(goals: list[Goal], organisation_id: int, viewer_id: int) -> list[GoalRow]:
    """Return goals with their status words, linked course and role titles, and notes."""
    courses, roles = course_titles(), role_titles(organisation_id)
    notes = services.notes_by_goal([g.id for g in goals])
    names = users_by_id(
        [n.author_id for found in notes.values() for n in found] + [g.proposed_by_id for g in goals]
    )
    return [
        GoalRow(
            goal=g,
            status_label=str(STATUS_LABELS.get(g.status, g.status)),
            courses=[(s, courses.get(s, s)) for s in g.course_slugs or []],
            roles=[(s, roles.get(s, s)) for s in g.role_slugs or []],
            notes=[(n, _author(n, names, viewer_id)) for n in notes[g.id]],
            suggested_by=(
                display_name(names, g.proposed_by_id) if g.proposed_by_id != g.learner_id else None
            ),
        )
        for g in goals
    ]


def display_name(names: dict, user_id: int | None) -> str:
    user = names.get(user_id)
    return (
        user.display_name
        if user is not None and user.deleted_at is None
        else _("Someone who has left")
    )


def _author(note: GoalNote, names: dict, viewer_id: int) -> str:
    return _("You") if note.author_id == viewer_id else display_name(names, note.author_id)
