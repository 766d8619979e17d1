"""Mentors and staff with a need: read it, answer, refer to an outside service (only what the
learner agreed to share), and ask the learner whether it can close. Plus the need sections on
the mentor's learner page and the staff list of requests."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import sections
from lms.access.policy import NEEDS, SUPPORT_REQUESTS
from lms.access.services import see
from lms.accounts.services import users_by_id
from lms.extensions import db
from lms.forms import ActionForm
from lms.orgs.context import helper_required
from lms.orgs.roles import is_staff

from . import rules, services
from .forms import ReferForm, ReplyForm
from .loaders import helpable_need_or_404, support_need_or_404
from .pages import conversation, rows
from .steps import post_reply, take_step
from .views_learner import bp


def _page(need, forms: dict | None = None, status: int = 200):
    # Every showing of the need, also after a form error, is asked for and recorded.
    if not see(current_user.id, need.user_id, need.organisation_id, NEEDS, need.id):
        abort(404)
    db.session.commit()  # the access record
    forms = forms or {}
    proposed = need.close_proposed_at is not None
    proposer = users_by_id([need.close_proposed_by_id]).get(need.close_proposed_by_id)
    return render_template(
        "needs/helper.html",
        row=rows([need])[0],
        replies=conversation(need, current_user.id),
        reply_form=forms.get("reply") or ReplyForm(formdata=None),
        refer_form=forms.get("refer") or ReferForm(formdata=None),
        action_form=ActionForm(),
        payload=rules.referral_payload(need.kind, need.share_with_services, need.shareable_summary),
        may_reply=rules.may("reply", rules.HELPER, need.status),
        may_refer=rules.may("refer", rules.HELPER, need.status),
        may_propose=rules.may("propose_close", rules.HELPER, need.status, proposed),
        proposer=proposer,
        is_staff=is_staff(g.membership.role),
    ), status


def _back(need, anchor: str | None = None):
    return redirect(url_for("needs.helper_need", need_id=need.id, _anchor=anchor))


@bp.get("/mentoring/needs/<int:need_id>")
@helper_required
def helper_need(need_id: int):
    return _page(helpable_need_or_404(need_id))


@bp.post("/mentoring/needs/<int:need_id>/reply")
@helper_required
def helper_reply(need_id: int):
    need = helpable_need_or_404(need_id)
    return post_reply(
        need,
        rules.HELPER,
        page=lambda form: _page(need, {"reply": form}, 400),
        back=lambda anchor: _back(need, anchor),
        closed=_("This need is closed, so it takes no more messages."),
        sent=_("Your answer was sent."),
    )


@bp.post("/mentoring/needs/<int:need_id>/refer")
@helper_required
def refer(need_id: int):
    need = helpable_need_or_404(need_id)
    if not rules.may("refer", rules.HELPER, need.status):
        flash(_("This need is closed, so it cannot be passed on."), "notice")
        return _back(need)
    form = ReferForm()
    if not form.validate_on_submit():
        return _page(need, {"refer": form}, 400)
    services.refer(need, current_user.id, form.service.data)
    db.session.commit()
    flash(_("The referral was recorded. The member can see exactly what was shared."), "notice")
    return _back(need, "referral")


@bp.post("/mentoring/needs/<int:need_id>/propose-close")
@helper_required
def propose_close(need_id: int):
    need = helpable_need_or_404(need_id)
    return take_step(
        need,
        "propose_close",
        rules.HELPER,
        step=lambda: services.propose_close(need, current_user.id),
        done=_("We asked the member. It closes only if they agree."),
        back=lambda anchor: _back(need, anchor),
    )


@bp.post("/mentoring/support/<int:request_id>/answered")
@helper_required
def support_answered(request_id: int):
    """A helper got in touch outside the platform: the open request is answered."""
    need = support_need_or_404(request_id)
    if ActionForm().validate_on_submit() and services.mark_answered(need, current_user.id):
        db.session.commit()
        flash(_("Marked as answered. Thank you for getting in touch."), "notice")
    if is_staff(g.membership.role):
        return redirect(url_for("roles.support_requests"))
    return redirect(url_for("mentoring.learner", user_id=need.user_id))


# The mentor's page about a learner (lms.mentoring.views_learner): who asked to be contacted
# comes first, above everything; the needs come after the page's other sections.
@sections.provider("mentor_learner:top")
def get_in_touch_section(learner, organisation_id: int, **_context):
    requests = services.open_needs_of(learner.id, organisation_id)
    if requests and not see(current_user.id, learner.id, organisation_id, SUPPORT_REQUESTS):
        requests = []
    if not requests:
        return None
    return sections.Section(
        "needs/_mentor_get_in_touch.html", {"requests": requests, "form": ActionForm()}
    )


@sections.provider("mentor_learner", order=40)
def needs_section(learner, organisation_id: int, **_context):
    needs = services.live_needs_of(learner.id, organisation_id)
    if needs and not see(current_user.id, learner.id, organisation_id, NEEDS):
        needs = []
    return sections.Section("needs/_mentor_section.html", {"rows": rows(needs)})


@sections.provider("staff_support_requests")
def staff_section(organisation_id: int, **_context):
    live, closed = services.organisation_needs(organisation_id)

    def allowed(need) -> bool:
        return bool(see(current_user.id, need.user_id, organisation_id, NEEDS, need.id))

    live, closed = [n for n in live if allowed(n)], [n for n in closed if allowed(n)]
    return sections.Section(
        "needs/_staff_section.html",
        {"live": rows(live), "closed": rows(closed), "form": ActionForm()},
    )
