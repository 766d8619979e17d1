"""Staff: ask to use a story, follow the answer, confirm a take-down; the organisation's list
of names; and the public page of a story, which exists only while an agreement allows it."""

from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys
from lms.accounts.services import users_by_id
from lms.catalog.pdf import render_pdf
from lms.extensions import db, limiter
from lms.forms import ActionForm
from lms.numbers import local_date
from lms.orgs.context import member_required, staff_required

from . import agreements, pictures, services
from .forms import RequestForm, WordsForm
from .loaders import agreed_or_404, organisations_agreement_or_404
from .pages import agreement_row, public_html, steps
from .views import bp, picture_response
from .words import LANGUAGE_LABELS, NAME_LABELS, PICTURE_ALT, PICTURE_LABELS

# Where the PDF's HTML points for the picture; the fetcher serves it from memory.
PDF_PICTURE = "/stories/picture-for-pdf"


def _org() -> int:
    return g.membership.organisation_id


def _version_choices() -> tuple[list[tuple[int, str]], set[int]]:
    """The versions members offered, as "name: version of <day> (language, with a picture)";
    never the title or the text, which stay the member's until they agree."""
    offered = services.offered_versions(_org())
    people = users_by_id(story.user_id for _version, story in offered)
    found, with_picture = [], set()
    for version, story in offered:
        person = people.get(story.user_id)
        details = [LANGUAGE_LABELS.get(version.language, version.language)]
        if version.picture_file:
            details.append(_("with a picture"))
            with_picture.add(version.id)
        label = _(
            "%(name)s: version of %(day)s (%(details)s)",
            name=person.display_name if person else "",
            day=local_date(version.created_at),
            details=", ".join(details),
        )
        found.append((version.id, label))
    return found, with_picture


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
    version_choices, with_picture = _version_choices()
    form = RequestForm(today=services.today(), with_picture=with_picture)
    form.version.choices = version_choices
    if not form.is_submitted():
        return _requests_page(form)
    if not form.validate():
        return _requests_page(form, 400)
    version = services.offered_version(form.version.data, _org())
    if version is None:  # offered when the page was made, no longer: ask again
        form.version.errors = [_("This version is no longer offered. Please choose another.")]
        return _requests_page(form, 400)
    if (first := oncekeys.earlier(form, url_for("stories.staff_requests"))) is not None:
        return redirect(first)  # the same request again (a double tap): sent once already
    agreement = services.request_use(
        _org(),
        current_user.id,
        version,
        {
            "purpose": form.purpose.data,
            "audience": form.audience.data,
            "until": form.until.data,
            "name_choice": form.name_choice.data,
            "public_page": form.public_page.data,
            "picture": form.picture.data,
        },
    )
    made = url_for("stories.staff_request", agreement_id=agreement.id)
    oncekeys.made(form, made)
    db.session.commit()
    flash(_("Your request was sent. Only the member can agree to it."), "notice")
    return redirect(made)


@bp.get("/staff/stories/<int:agreement_id>")
@staff_required
def staff_request(agreement_id: int):
    agreement = organisations_agreement_or_404(agreement_id)
    version = services.agreed_version(agreement)  # its date and language; the text below
    agreed_html = picture = None
    if version is not None and services.see_agreed(agreement, current_user.id):
        # Staff read the agreed version only while the agreement is in force (recorded).
        agreed_html = public_html(agreement, version)
        picture = services.agreed_picture(agreement)
    db.session.commit()
    row = agreement_row(agreement)
    return render_template(
        "stories/staff_request.html",
        row=row,
        agreement=agreement,
        member=users_by_id([agreement.member_id]).get(agreement.member_id),
        name_label=NAME_LABELS[agreement.name_choice],
        picture_label=PICTURE_LABELS[
            agreements.WITH_PICTURE if agreement.picture else agreements.WITHOUT_PICTURE
        ],
        agreed_html=agreed_html,
        agreed_picture=picture,
        picture_alt=PICTURE_ALT,
        version=version,
        version_label=_language(version),
        public_url=url_for("stories.public", code=agreement.public_code, _external=True)
        if row.in_force and agreement.public_page
        else None,
        steps=steps(agreement),
        offer_stopped=services.closed_by_offer_stop(agreement),
        action_form=ActionForm(),
    )


def _language(version) -> str | None:
    return LANGUAGE_LABELS.get(version.language, version.language) if version else None


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
    agreement = agreed_or_404(agreement_id)
    picture = services.agreed_picture(agreement)
    extra = {}
    if picture is not None:
        path = pictures.path_of(
            services.uploads_dir(), agreement.organisation_id, picture.picture_file
        )
        if path is not None:
            # Handed to the fetcher in memory: the PDF still fetches nothing from outside.
            extra[PDF_PICTURE] = (path.read_bytes(), picture.picture_type or "image/jpeg")
    html = render_template(
        "stories/pdf.html",
        agreement=agreement,
        story_html=public_html(agreement, services.agreed_version(agreement)),
        picture_src=PDF_PICTURE if extra else None,
        picture_alt=PICTURE_ALT,
    )
    db.session.commit()
    response = make_response(render_pdf(html, extra))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = "attachment; filename=story.pdf"
    return response


@bp.get("/stories/agreements/<int:agreement_id>/picture")
@member_required
def agreed_picture(agreement_id: int):
    """The picture of the agreed version, for the member and for staff while in force; only
    when the agreement includes it."""
    agreement = agreed_or_404(agreement_id)
    picture = services.agreed_picture(agreement)
    db.session.commit()
    if picture is None:
        abort(404)
    return picture_response(picture)


@bp.get("/s/<code>")
@limiter.limit("30 per minute")  # codes are random; slow anyone trying to guess them
def public(code: str):
    """The public page: only while an agreement allows it; otherwise "not found", exactly as
    for a code that never existed."""
    agreement = services.public_agreement(code)
    if agreement is None:
        abort(404)
    version = services.agreed_version(agreement)
    response = make_response(
        render_template(
            "stories/public.html",
            agreement=agreement,
            story_html=public_html(agreement, version),
            lang=version.language.replace("_", "-"),
            picture=services.agreed_picture(agreement) is not None,
            picture_alt=PICTURE_ALT,
        )
    )
    if not agreement.allow_indexing:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/s/<code>/picture")
@limiter.limit("30 per minute")
def public_picture(code: str):
    """The picture on a public page: gone with the page (404) when the agreement is withdrawn
    or ended, and when the agreement did not include it."""
    agreement = services.public_agreement(code)
    picture = services.agreed_picture(agreement) if agreement is not None else None
    if picture is None:
        abort(404)
    response = picture_response(picture, private=False)
    if not agreement.allow_indexing:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
