"""Staff: ask to use a story, follow the answer, confirm a take-down; the organisation's list
of names; and the public page of a story, which exists only while an agreement allows it."""

from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.accounts.services import users_by_id
from lms.catalog.pdf import render_pdf
from lms.extensions import db, limiter
from lms.forms import ActionForm
from lms.orgs.context import member_required, staff_required
from lms.orgs.models import Membership

from . import agreements, bp, services
from .forms import RequestForm, WordsForm
from .loaders import organisations_agreement_or_404
from .models import StoryVersion
from .pages import agreement_row, public_html, steps
from .words import NAME_LABELS


def _org() -> int:
    return g.membership.organisation_id


def _member_choices() -> list[tuple[int, str]]:
    members = db.session.scalars(
        db.select(Membership).where(Membership.organisation_id == _org())
    ).all()
    people = users_by_id(m.user_id for m in members)
    return sorted(
        ((uid, user.display_name) for uid, user in people.items() if uid != current_user.id),
        key=lambda pair: pair[1].casefold(),
    )


def _requests_page(form: RequestForm, status: int = 200):
    rows = [agreement_row(a) for a in services.organisation_agreements(_org())]
    return render_template(
        "stories/staff_requests.html",
        form=form,
        rows=rows,
        members=users_by_id(r.agreement.member_id for r in rows),
    ), status


@bp.route("/staff/stories", methods=["GET", "POST"])
@staff_required
def staff_requests():
    form = RequestForm(today=services.today())
    form.member.choices = _member_choices()
    if not form.is_submitted():
        return _requests_page(form)
    if not form.validate():
        return _requests_page(form, 400)
    agreement = services.request_use(
        _org(),
        current_user.id,
        form.member.data,
        {
            "purpose": form.purpose.data,
            "audience": form.audience.data,
            "until": form.until.data,
            "name_choice": form.name_choice.data,
            "public_page": form.public_page.data,
        },
    )
    db.session.commit()
    flash(_("Your request was sent. Only the member can agree to it."), "notice")
    return redirect(url_for("stories.staff_request", agreement_id=agreement.id))


@bp.get("/staff/stories/<int:agreement_id>")
@staff_required
def staff_request(agreement_id: int):
    agreement = organisations_agreement_or_404(agreement_id)
    agreed_html = None
    if agreement.version_id is not None and services.see_agreed(agreement, current_user.id):
        # Staff read the agreed version only while the agreement is in force (recorded).
        agreed_html = public_html(agreement, db.session.get(StoryVersion, agreement.version_id))
    db.session.commit()
    row = agreement_row(agreement)
    return render_template(
        "stories/staff_request.html",
        row=row,
        agreement=agreement,
        member=users_by_id([agreement.member_id]).get(agreement.member_id),
        name_label=NAME_LABELS[agreement.name_choice],
        agreed_html=agreed_html,
        public_url=url_for("stories.public", code=agreement.public_code, _external=True)
        if row.in_force and agreement.public_page
        else None,
        steps=steps(agreement),
        action_form=ActionForm(),
    )


@bp.post("/staff/stories/<int:agreement_id>/taken-down")
@staff_required
def taken_down(agreement_id: int):
    agreement = organisations_agreement_or_404(agreement_id)
    confirmed = agreement.takedown_confirmed_at is not None
    if ActionForm().validate_on_submit() and agreements.may_confirm_takedown(
        agreement.status, agreement.was_agreed, confirmed
    ):
        services.confirm_takedown(agreement, current_user.id)
        db.session.commit()
        flash(_("Thank you. The member can see that the story was taken down."), "notice")
    return redirect(url_for("stories.staff_request", agreement_id=agreement.id))


@bp.post("/staff/stories/<int:agreement_id>/cancel")
@staff_required
def cancel(agreement_id: int):
    agreement = organisations_agreement_or_404(agreement_id)
    today = services.today()
    if ActionForm().validate_on_submit() and agreements.may(
        "cancel", agreements.STAFF, agreement.status, agreement.until, today
    ):
        agreement.status = agreements.next_status(
            "cancel", agreements.STAFF, agreement.status, agreement.until, today
        )
        services._step("story_request_cancelled", current_user.id, agreement)
        db.session.commit()
        flash(_("The request was cancelled."), "notice")
    return redirect(url_for("stories.staff_request", agreement_id=agreement.id))


@bp.route("/staff/stories/names", methods=["GET", "POST"])
@staff_required
def names():
    form = WordsForm()
    if not form.is_submitted():
        form.words.data = "\n".join(services.organisation_names(_org()))
    elif form.validate():
        services.set_organisation_names(_org(), form.words.data or "", current_user.id)
        db.session.commit()
        flash(_("The list of names is saved."), "notice")
        return redirect(url_for("stories.names"))
    return render_template("stories/names.html", form=form), 400 if form.errors else 200


@bp.get("/stories/agreements/<int:agreement_id>/pdf")
@member_required
def pdf(agreement_id: int):
    """A PDF of the agreed version for a talk: for the member and for staff, while in force."""
    agreement = organisations_agreement_or_404(agreement_id)
    if agreement.version_id is None or not services.see_agreed(agreement, current_user.id):
        abort(404)
    html = render_template(
        "stories/pdf.html",
        agreement=agreement,
        story_html=public_html(agreement, db.session.get(StoryVersion, agreement.version_id)),
    )
    db.session.commit()
    response = make_response(render_pdf(html))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = "attachment; filename=story.pdf"
    return response


@bp.get("/s/<code>")
@limiter.limit("30 per minute")  # codes are random; slow anyone trying to guess them
def public(code: str):
    """The public page: only while an agreement allows it; otherwise "not found", exactly as
    for a code that never existed."""
    agreement = services.public_agreement(code)
    if agreement is None:
        abort(404)
    version = db.session.get(StoryVersion, agreement.version_id)
    response = make_response(
        render_template(
            "stories/public.html",
            agreement=agreement,
            story_html=public_html(agreement, version),
            lang=version.language.replace("_", "-"),
        )
    )
    if not agreement.allow_indexing:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
