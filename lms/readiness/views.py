"""Check-ins: start, answer at your own pace, check your answers, see the result explained,
and support when things are hard. Also: what you share with each mentor, and who looked."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys
from lms.access.labels import KIND_LABELS
from lms.access.policy import Sharing
from lms.access.sharing import save_choice, stored_choice
from lms.accounts.models import User
from lms.catalog.queries import in_member_language
from lms.extensions import db
from lms.forms import ActionForm, OnceActionForm
from lms.i18n import format_list
from lms.needs.services import ask_mentor_for_support
from lms.orgs.context import member_required
from lms.orgs.models import SupportContact
from lms.orgs.services import mentors_of

from . import services
from .forms import answers_from, build_checkin_form, sharing_form
from .loaders import own_checkin_or_404
from .rules import clean_answers, who5_reading

bp = Blueprint("readiness", __name__)


def _who_will_see(org_id: int) -> list:
    """Each mentor with what of a check-in reaches them: "answers", "summary" or "nothing"."""
    rows = []
    for mentor in mentors_of(org_id, current_user.id):
        choice = Sharing.from_choice(stored_choice(current_user.id, org_id, mentor.id))
        rows.append((mentor, choice.checkins))
    return rows


@bp.get("/checkins")
@member_required
def index():
    org_id = g.membership.organisation_id
    return render_template(
        "readiness/index.html",
        checkins=services.my_checkins(current_user.id, org_id),
        definitions={
            slug: in_member_language(d) for slug, (_row, d) in services.definitions().items()
        },
        form=OnceActionForm(),
    )


@bp.post("/checkins/start")
@member_required
def start():
    slug = request.form.get("slug", "")
    found = services.definitions().get(slug)
    form = OnceActionForm()
    if not form.validate_on_submit() or found is None:
        return redirect(url_for("readiness.index"))
    form.once_scope = slug  # the page has one button for each check-in, with one key
    if (first := oncekeys.earlier(form, url_for("readiness.index"))) is not None:
        return redirect(first)  # a double tap: the check-in was started once already
    checkin = services.start(current_user.id, g.membership.organisation_id, found[0])
    made = url_for("readiness.answer", checkin_id=checkin.id)
    oncekeys.made(form, made)
    db.session.commit()
    return redirect(made)


@bp.route("/checkins/<int:checkin_id>", methods=["GET", "POST"])
@member_required
def answer(checkin_id: int):
    checkin = own_checkin_or_404(checkin_id)
    if checkin.status != "draft":
        return redirect(url_for("readiness.result", checkin_id=checkin.id))
    definition = services.definition_of(checkin)
    if definition is None:
        abort(404)
    kept, dropped = clean_answers(definition, checkin.answers or {})
    if dropped:
        flash(
            _(
                "This check-in was updated since you started. Answers to questions that changed were set aside."
            ),
            "notice",
        )
    form = build_checkin_form(
        definition,
        in_member_language(definition),
        kept,
        request.form if request.method == "POST" else None,
    )
    if request.method == "POST" and form.validate_on_submit():
        services.save_draft(checkin, answers_from(form, definition))
        db.session.commit()
        if request.form.get("action") == "review":
            return redirect(url_for("readiness.review", checkin_id=checkin.id))
        flash(_("Your answers are saved. You can come back and finish any time."), "notice")
        return redirect(url_for("readiness.index"))
    return render_template(
        "readiness/answer.html",
        checkin=checkin,
        definition=in_member_language(definition),
        form=form,
        items=[(item, form[f"item.{item.id}"]) for item in definition.items],
        who_will_see=_who_will_see(checkin.organisation_id),
    ), 400 if form.errors else 200


@bp.get("/checkins/<int:checkin_id>/review")
@member_required
def review(checkin_id: int):
    checkin = own_checkin_or_404(checkin_id)
    definition = services.definition_of(checkin)
    if checkin.status != "draft" or definition is None:
        return redirect(url_for("readiness.result", checkin_id=checkin.id))
    shown = in_member_language(definition)
    answers, _dropped = clean_answers(definition, checkin.answers or {})
    labels = dict(shown.scale)
    rows = [(item, answers.get(item.id), labels.get(answers.get(item.id))) for item in shown.items]
    return render_template(
        "readiness/review.html",
        checkin=checkin,
        definition=shown,
        rows=rows,
        who_will_see=_who_will_see(checkin.organisation_id),
        form=ActionForm(),
    )


@bp.post("/checkins/<int:checkin_id>/submit")
@member_required
def submit(checkin_id: int):
    checkin = own_checkin_or_404(checkin_id)
    definition = services.definition_of(checkin)
    if not ActionForm().validate_on_submit() or definition is None or checkin.status != "draft":
        return redirect(url_for("readiness.review", checkin_id=checkin.id))
    checkin.answers, _dropped = clean_answers(definition, checkin.answers or {})
    checkin.keep_summary = request.form.get("keep_summary", "y") == "y"
    services.submit(checkin, definition)
    db.session.commit()
    if checkin.support_offered:
        return redirect(url_for("readiness.support", checkin_id=checkin.id))
    return redirect(url_for("readiness.result", checkin_id=checkin.id))


@bp.get("/checkins/<int:checkin_id>/result")
@member_required
def result(checkin_id: int):
    checkin = own_checkin_or_404(checkin_id)
    definition = services.definition_of(checkin)
    if checkin.status == "draft" or definition is None:
        return redirect(url_for("readiness.answer", checkin_id=checkin.id))
    shown = in_member_language(definition)
    return render_template(
        "readiness/result.html",
        checkin=checkin,
        definition=shown,
        domains=[
            (domain_id, title, checkin.domain_results.get(domain_id))
            for domain_id, title in shown.domains
        ],
        # Explained in words from the stored summary (kept when answers are removed).
        reading=who5_reading(checkin.who5_raw),
    )


@bp.get("/checkins/<int:checkin_id>/support")
@member_required
def support(checkin_id: int):
    checkin = own_checkin_or_404(checkin_id)
    contacts = db.session.scalars(
        db.select(SupportContact)
        .where(SupportContact.organisation_id == checkin.organisation_id)
        .order_by(SupportContact.position, SupportContact.id)
    ).all()
    mentors = mentors_of(checkin.organisation_id, current_user.id)
    return render_template(
        "readiness/support.html",
        checkin=checkin,
        contacts=contacts,
        # Say exactly who will be told, and when: the mentors by name, and staff after the
        # organisation's hours (or at once, for a member with no mentor).
        # Both written from lms.i18n's tables, not by Babel (which would load its CLDR data,
        # about 4 MB, into the worker); the hours stay a number, so `_()` writes them in the
        # page's digits.
        mentor_names=format_list([m.display_name for m in mentors], str(get_locale())),
        has_mentor=bool(mentors),
        organisation=g.membership.organisation.name,
        hours=g.membership.organisation.support_escalation_hours,
        form=OnceActionForm(),
    )


@bp.post("/checkins/<int:checkin_id>/tell-my-mentor")
@member_required
def tell_my_mentor(checkin_id: int):
    checkin = own_checkin_or_404(checkin_id)
    form = OnceActionForm()
    if form.validate_on_submit():
        if oncekeys.again(form, url_for("readiness.result", checkin_id=checkin.id)):
            return redirect(url_for("readiness.result", checkin_id=checkin.id))
        asked = ask_mentor_for_support(current_user.id, checkin.organisation_id)
        db.session.commit()
        if asked.escalated_at is None:
            flash(
                _(
                    "Your mentor was asked to get in touch. If they have not answered after "
                    "%(hours)s hours, staff at your organisation are told as well. "
                    "Nothing else was shared.",
                    hours=g.membership.organisation.support_escalation_hours,
                ),
                "notice",
            )
        else:
            flash(
                _(
                    "Staff at your organisation were asked to get in touch. "
                    "Nothing else was shared."
                ),
                "notice",
            )
    return redirect(url_for("readiness.result", checkin_id=checkin.id))


@bp.route("/sharing", methods=["GET", "POST"])
@member_required
def sharing():
    org_id = g.membership.organisation_id
    mentors = mentors_of(org_id, current_user.id)
    current = {
        m.id: Sharing.from_choice(stored_choice(current_user.id, org_id, m.id)) for m in mentors
    }
    data = {}
    for mentor_id, choice in current.items():
        data |= {
            f"progress_{mentor_id}": choice.progress,
            f"summaries_{mentor_id}": choice.checkin_summaries,
            f"answers_{mentor_id}": choice.checkin_answers,
        }
    form = sharing_form(list(current), request.form if request.method == "POST" else None, data)
    if request.method == "POST" and form.validate_on_submit():
        for mentor_id in current:
            save_choice(
                current_user.id,
                org_id,
                mentor_id,
                form[f"progress_{mentor_id}"].data,
                form[f"summaries_{mentor_id}"].data,
                form[f"answers_{mentor_id}"].data,
            )
        db.session.commit()
        flash(_("Your choices were saved. They apply straight away."), "notice")
        return redirect(url_for("readiness.sharing"))
    records = services.access_records(current_user.id)
    viewers = {r.viewer_id: db.session.get(User, r.viewer_id) for r in records if r.viewer_id}
    return render_template(
        "readiness/sharing.html",
        mentors=mentors,
        form=form,
        records=records,
        viewers=viewers,
        what_labels=KIND_LABELS,
    )
