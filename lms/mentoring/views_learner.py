"""The mentor's page about one learner: only what the learner shares, every look recorded.

The page belongs to mentoring. What it shows itself is learning progress and check-ins, each
asked of the access policy; other features (roles, needs) and mentoring's own goals and notes
add their sections through `lms.sections`, and show the page again with a failed form through
`sections.render`, never by importing this module."""

from flask import g, render_template
from flask_babel import get_locale
from flask_login import current_user

from lms import sections
from lms.access.loaders import mentee_or_404
from lms.access.policy import CHECKIN_ANSWERS, CHECKIN_SUMMARY, PROGRESS
from lms.access.services import see
from lms.accounts.models import User
from lms.extensions import db
from lms.i18n import in_language
from lms.orgs.context import helper_required
from lms.progress import services as progress
from lms.readiness import services as readiness
from lms.readiness.models import CheckIn
from lms.readiness.rules import answers_in_words, who5_reading
from lms.roles.messages import DOMAIN_LABELS

from .views import bp

PAGE = "mentor_learner"
# Sections shown above everything else on the page (someone asked to be contacted).
PAGE_TOP = "mentor_learner:top"


def _checkins(learner: User, org_id: int) -> tuple[bool, list, bool, dict]:
    """Return (shared, recent check-ins, answers shown, {check-in id: (reading, answers)})."""
    viewer = current_user.id
    if not see(viewer, learner.id, org_id, CHECKIN_SUMMARY):
        return False, [], False, {}
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
    return True, checkins, show_answers, in_words


@sections.page(PAGE)
def learner_page(learner: User, forms: dict):
    """The page shows each kind of information only as the access policy allows; `see`
    records each kind shown once, for the learner's "Who has seen my information".
    `forms` carries a section's failed form, keyed as that section chooses."""
    org_id = g.membership.organisation_id
    checkins_shared, checkins, show_answers, in_words = _checkins(learner, org_id)
    progress_shared = bool(see(current_user.id, learner.id, org_id, PROGRESS))
    context = {"learner": learner, "organisation_id": org_id, "forms": forms}
    top, extra = sections.collect(PAGE_TOP, **context), sections.collect(PAGE, **context)
    db.session.commit()  # the access records
    return render_template(
        "mentoring/learner.html",
        learner=learner,
        progress=progress.overview(learner.id) if progress_shared else None,
        checkins_shared=checkins_shared,
        checkins=checkins,
        show_answers=show_answers,
        in_words=in_words,
        domain_labels=DOMAIN_LABELS,
        top_sections=top,
        sections=extra,
    )


@bp.get("/mentoring/<int:user_id>")
@helper_required
def learner(user_id: int):
    return learner_page(mentee_or_404(user_id), {})
