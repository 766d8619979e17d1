"""Staff pages for cohorts (members, progress charts and tables, CSV) and printable invitation cards."""

from contextlib import nullcontext

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from lms import oncekeys
from lms.access.policy import PROGRESS
from lms.access.services import see
from lms.csvexport import csv_response
from lms.extensions import db
from lms.forms import ActionForm, choices
from lms.i18n import HTML_LANG, localised
from lms.orgs import services as org_services
from lms.orgs.context import current_organisation_id, in_organisation_or_404, staff_required
from lms.orgs.forms import ROLE_LABELS, language_choices
from lms.orgs.invites import roles_inviter_may_grant
from lms.security import DISCREET_SITE_NAME
from lms.urls import absolute_url

from . import cohorts
from .charts import ChartRow, bar_chart, leader
from .forms_cohorts import AddLearnerForm, AddMentorForm, CohortForm, InvitationCardsForm
from .invitation_cards import Card, card_name, qr_svg
from .models import Cohort

bp = Blueprint("programme", __name__)


def _name_is_free(form: CohortForm, except_id: int | None = None) -> bool:
    if form.name.data and cohorts.name_taken(current_organisation_id(), form.name.data, except_id):
        form.name.errors = [
            *form.name.errors,
            _("Another cohort already has this name. Please choose a different name."),
        ]
        return False
    return True


@bp.route("/staff/cohorts", methods=["GET", "POST"])
@staff_required
def cohort_list():
    form = CohortForm()
    if request.method == "POST":
        valid = form.validate_on_submit()
        if _name_is_free(form) and valid:
            cohort = cohorts.create(
                current_organisation_id(), form.name.data, form.description.data, current_user.id
            )
            if cohort is not None:
                db.session.commit()
                flash(_("The cohort was made. Now add its learners and mentors."), "notice")
                return redirect(url_for("programme.cohort", cohort_id=cohort.id))
            _name_is_free(form)
    return render_template(
        "programme/cohorts.html",
        form=form,
        cohorts=cohorts.cohorts_of(current_organisation_id()),
        counts=cohorts.member_counts(current_organisation_id()),
    ), 400 if form.errors else 200


def _member_forms(cohort: Cohort, learner_form=None, mentor_form=None):
    learner_form = learner_form or AddLearnerForm(formdata=None)
    learner_form.learner.choices = choices(
        (m.user.username, f"{m.user.display_name} ({m.user.username})")
        for m in cohorts.candidates(cohort, "learner")
    )
    mentor_form = mentor_form or AddMentorForm(formdata=None)
    mentor_form.mentor.choices = choices(
        (m.user.username, f"{m.user.display_name} ({m.user.username})")
        for m in cohorts.candidates(cohort, "mentor")
    )
    return learner_form, mentor_form


def _charts(progress: cohorts.Progress):
    """Return the course and track sections: chart model, table rows and a one-line summary."""
    locale = str(get_locale())
    total = len(progress.learners)
    series = [_("Started"), _("Completed")]
    course_titles = {c.id: localised(c.titles, locale) for c in progress.courses}
    track_titles = {t.id: localised(t.titles, locale) for t in progress.tracks}
    course_tracks = {c.id: track_titles[c.track_id] for c in progress.courses}
    sections = []
    for key, counts, titles, heading in (
        ("course", progress.by_course, course_titles, _("Progress per course")),
        ("track", progress.by_track, track_titles, _("Progress per track")),
    ):
        rows = [ChartRow(titles[c.key], (c.started, c.completed), c.learners) for c in counts]
        sections.append(
            {
                "key": key,
                "heading": heading,
                "chart": bar_chart(f"chart-{key}", series, rows),
                "series": series,
                "table": [
                    (row, course_tracks.get(c.key) if key == "course" else None)
                    for row, c in zip(rows, counts, strict=True)
                ],
                "summary": _summary(rows, total),
            }
        )
    return sections


def _summary(rows: list[ChartRow], total: int) -> str:
    if total == 0:
        return _("There are no learners in this cohort yet.")
    started, completed = leader(rows, 0), leader(rows, 1)
    if started is None:
        return _("None of the %(total)d learners has started yet.", total=total)
    text = _(
        "Most started: %(name)s (%(count)d of %(total)d learners).",
        name=started.label,
        count=started.values[0],
        total=total,
    )
    if completed is None:
        return text + " " + _("No one has completed one yet.")
    return (
        text
        + " "
        + _(
            "Most completed: %(name)s (%(count)d of %(total)d learners).",
            name=completed.label,
            count=completed.values[1],
            total=total,
        )
    )


@bp.get("/staff/cohorts/<int:cohort_id>")
@staff_required
def cohort(cohort_id: int, learner_form=None, mentor_form=None, status=200):
    group = in_organisation_or_404(Cohort, cohort_id)
    learner_form, mentor_form = _member_forms(group, learner_form, mentor_form)
    people = cohorts.people(group)
    return render_template(
        "programme/cohort.html",
        cohort=group,
        learners=[p for p in people if p.role == "learner"],
        mentors=[p for p in people if p.role == "mentor"],
        learner_form=learner_form,
        mentor_form=mentor_form,
        action_form=ActionForm(),
        sections=_charts(cohorts.progress(group)),
    ), status


@bp.post("/staff/cohorts/<int:cohort_id>/members")
@staff_required
def add_member(cohort_id: int):
    group = in_organisation_or_404(Cohort, cohort_id)
    if "mentor" in request.form:
        form, role, field = AddMentorForm(), "mentor", "mentor"
        problem = _("Please choose a mentor from the list.")
    else:
        form, role, field = AddLearnerForm(), "learner", "learner"
        problem = _("Please choose a learner from the list.")
    if form.validate_on_submit() and cohorts.add_member(
        group, form[field].data, role, current_user.id
    ):
        db.session.commit()
        flash(_("Added to the cohort."), "notice")
        return redirect(url_for("programme.cohort", cohort_id=group.id))
    if not form.errors:
        form[field].errors = [problem]
    forms = {"mentor_form": form} if role == "mentor" else {"learner_form": form}
    return cohort(group.id, status=400, **forms)


@bp.post("/staff/cohorts/<int:cohort_id>/members/<int:member_id>/remove")
@staff_required
def remove_member(cohort_id: int, member_id: int):
    group = in_organisation_or_404(Cohort, cohort_id)
    member = cohorts.member_of(group, member_id)
    if member is None:
        abort(404)
    if ActionForm().validate_on_submit():
        cohorts.remove_member(group, member, current_user.id)
        db.session.commit()
        flash(_("Removed from the cohort. Their learning records are unchanged."), "notice")
    return redirect(url_for("programme.cohort", cohort_id=group.id))


@bp.route("/staff/cohorts/<int:cohort_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_cohort(cohort_id: int):
    group = in_organisation_or_404(Cohort, cohort_id)
    form = CohortForm(obj=group)
    if request.method == "POST":
        valid = form.validate_on_submit()
        if _name_is_free(form, except_id=group.id) and valid:
            cohorts.update(group, form.name.data, form.description.data, current_user.id)
            db.session.commit()
            flash(_("The cohort was saved."), "notice")
            return redirect(url_for("programme.cohort", cohort_id=group.id))
    return render_template(
        "programme/cohort_edit.html", cohort=group, form=form
    ), 400 if form.errors else 200


@bp.post("/staff/cohorts/<int:cohort_id>/archive")
@staff_required
def archive_cohort(cohort_id: int):
    group = in_organisation_or_404(Cohort, cohort_id)
    if ActionForm().validate_on_submit():
        archiving = group.archived_at is None
        cohorts.set_archived(group, archiving, current_user.id)
        db.session.commit()
        flash(
            _("The cohort was archived. You can open it again at any time.")
            if archiving
            else _("The cohort is open again."),
            "notice",
        )
    return redirect(url_for("programme.cohort", cohort_id=group.id))


@bp.get("/staff/cohorts/<int:cohort_id>.csv")
@staff_required
def cohort_csv(cohort_id: int):
    group = in_organisation_or_404(Cohort, cohort_id)
    progress = cohorts.progress(group)
    locale = str(get_locale())
    course_titles = [localised(c.titles, locale) for c in progress.courses]
    track_of = {c.id: localised(c.track.titles, locale) for c in progress.courses}
    rows = [[_("Course"), _("Track"), _("Learners started"), _("Learners completed")]]
    rows += [
        [title, track_of[c.key], c.started, c.completed]
        for title, c in zip(course_titles, progress.by_course, strict=True)
    ]
    rows += [[], [_("Learner"), *[_("Lessons done: %(course)s", course=t) for t in course_titles]]]
    # One line per learner: each learner's progress only as the access policy allows, and
    # each one recorded, so the learner's "Who has seen my information" lists the export.
    rows += [
        [
            user.display_name,
            *[progress.lessons_done.get((user.id, c.id), 0) for c in progress.courses],
        ]
        for user in progress.learners
        if see(current_user.id, user.id, current_organisation_id(), PROGRESS, group.id)
    ]
    cohorts.record_export(group, current_user.id)
    db.session.commit()
    return csv_response(f"cohort-{group.id}.csv", rows[0], rows[1:])


def _in_language(locale: str | None):
    return force_locale(locale) if locale in HTML_LANG else nullcontext()


def invitation_card(invitation, code: str) -> Card:
    """The printable card for one invitation: a safe name, the join address, code and QR,
    in the invitation's language when the inviter chose one (else the page's)."""
    locale = invitation.locale if invitation.locale in HTML_LANG else None
    with _in_language(locale):
        return _card(invitation, code, locale)


def _card(invitation, code: str, locale: str | None) -> Card:
    organisation = invitation.organisation
    link = absolute_url(url_for("orgs.join", code=code))
    return Card(
        name=card_name(
            organisation.name,
            organisation.is_discreet,
            organisation.certificate_issuer_name,
            str(DISCREET_SITE_NAME),
        ),
        join_address=absolute_url(url_for("orgs.join")),
        link=link,
        code=code,
        expires_at=invitation.expires_at,
        # segno's own SVG for a URL we built: no member's text in it.
        qr_svg=Markup(qr_svg(link, _("QR code: the join page with this code filled in"))),  # noqa: S704
        locale=locale,
        lang=HTML_LANG.get(locale) if locale else None,
    )


def print_card(card: Card, number: int) -> Markup:
    """One card's printed words, in the card's own language (the page around it stays in
    the staff member's)."""
    with _in_language(card.locale):
        # Our own template, escaped as usual inside.
        return Markup(  # noqa: S704
            render_template("orgs/staff/invitation_card.html", card=card, card_number=number)
        )


bp.add_app_template_global(invitation_card, "invitation_card")
bp.add_app_template_global(print_card, "print_card")


@bp.route("/staff/invitations/cards", methods=["GET", "POST"])
@staff_required
def invitation_cards():
    """Several printable cards at once, each with its own code, for a group without phones."""
    form = InvitationCardsForm()
    form.language.choices = language_choices()
    form.role.choices = choices(
        (r, ROLE_LABELS[r]) for r in roles_inviter_may_grant(g.membership.role)
    )
    if form.validate_on_submit():
        if oncekeys.again(form, url_for("orgs.invitations")):
            return oncekeys.invitations_made_already()
        made = [
            org_services.create_invitation(
                current_organisation_id(),
                form.role.data,
                current_user.id,
                form.days.data,
                form.label.data,
                form.language.data or None,
            )
            for _n in range(form.count.data)
        ]
        db.session.commit()
        return render_template(
            "orgs/staff/invitation_cards_print.html",
            cards=[invitation_card(invitation, code) for invitation, code in made],
            role_label=ROLE_LABELS[form.role.data],
        )
    return render_template(
        "orgs/staff/invitation_cards.html", form=form
    ), 400 if form.errors else 200
