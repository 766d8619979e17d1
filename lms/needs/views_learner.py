"""The learner's needs: state one, follow the answers and referrals, keep or close it."""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys
from lms.extensions import db
from lms.forms import ActionForm
from lms.orgs.context import member_required

from . import rules, services
from .forms import NeedForm, ReplyForm, SharingForm
from .loaders import own_need_or_404
from .pages import conversation, rows
from .steps import post_reply, take_step

bp = Blueprint("needs", __name__)


def _list_page(form: NeedForm, status: int = 200):
    live, closed = services.my_needs(current_user.id, g.membership.organisation_id)
    return render_template(
        "needs/index.html", live=rows(live), closed=rows(closed), form=form
    ), status


@bp.route("/needs", methods=["GET", "POST"])
@member_required
def index():
    form = NeedForm()
    if not form.validate_on_submit():
        if form.is_submitted():
            return _list_page(form, 400)
        return _list_page(form)
    if (first := oncekeys.earlier(form, url_for("needs.index"))) is not None:
        return redirect(first)  # the same form again (a double tap): already made
    need = services.state_need(
        current_user.id,
        g.membership.organisation_id,
        {
            "kind": form.kind.data,
            "urgency": form.urgency.data,
            "details": form.details.data,
            "share_with_services": form.share_with_services.data,
            "shareable_summary": form.shareable_summary.data,
        },
    )
    made = url_for("needs.need", need_id=need.id)
    oncekeys.made(form, made)
    db.session.commit()
    flash(_("Thank you. We have your request and someone will answer you."), "notice")
    return redirect(made)


def _need_page(
    need,
    reply_form: ReplyForm | None = None,
    status: int = 200,
    sharing_form: SharingForm | None = None,
):
    proposed = need.close_proposed_at is not None
    if sharing_form is None:
        sharing_form = SharingForm(
            formdata=None,
            share_with_services=need.share_with_services,
            shareable_summary=need.shareable_summary or "",
        )
    return render_template(
        "needs/need.html",
        row=rows([need])[0],
        replies=conversation(need, current_user.id),
        reply_form=reply_form or ReplyForm(formdata=None),
        action_form=ActionForm(),
        may_reply=rules.may("reply", rules.LEARNER, need.status),
        may_close=rules.may("close", rules.LEARNER, need.status),
        sharing_form=sharing_form,
        may_change_sharing=rules.may("change_sharing", rules.LEARNER, need.status),
        close_proposed=rules.may("agree_close", rules.LEARNER, need.status, proposed),
    ), status


@bp.get("/needs/<int:need_id>")
@member_required
def need(need_id: int):
    return _need_page(own_need_or_404(need_id))


def _back(need, anchor: str | None = None):
    return redirect(url_for("needs.need", need_id=need.id, _anchor=anchor))


@bp.post("/needs/<int:need_id>/reply")
@member_required
def reply(need_id: int):
    need = own_need_or_404(need_id)
    return post_reply(
        need,
        rules.LEARNER,
        page=lambda form: _need_page(need, form, 400),
        back=lambda anchor: _back(need, anchor),
        closed=_("This need is closed now. You can tell us about a new one."),
        sent=_("Your message was sent."),
    )


@bp.post("/needs/<int:need_id>/close")
@member_required
def close(need_id: int):
    need = own_need_or_404(need_id)
    return take_step(
        need,
        "close",
        rules.LEARNER,
        step=lambda: services.close(need),
        done=_("Closed. You can tell us about a new need at any time."),
        back=lambda anchor: _back(need, anchor),
    )


@bp.post("/needs/<int:need_id>/keep-open")
@member_required
def keep_open(need_id: int):
    need = own_need_or_404(need_id)
    return take_step(
        need,
        "keep_open",
        rules.LEARNER,
        step=lambda: services.keep_open(need),
        done=_("It stays open. Thank you for telling us."),
        back=lambda anchor: _back(need, anchor),
    )


@bp.post("/needs/<int:need_id>/sharing")
@member_required
def sharing(need_id: int):
    need = own_need_or_404(need_id)
    if not rules.may("change_sharing", rules.LEARNER, need.status):
        flash(_("This need is closed, so nothing more will be shared."), "notice")
        return redirect(url_for("needs.need", need_id=need.id))
    form = SharingForm()
    if not form.validate_on_submit():
        return _need_page(need, status=400, sharing_form=form)
    services.change_sharing(need, form.share_with_services.data, form.shareable_summary.data)
    db.session.commit()
    flash(_("Your choice about sharing was saved."), "notice")
    return redirect(url_for("needs.need", need_id=need.id, _anchor="sharing"))
