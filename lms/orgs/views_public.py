"""Joining from an invitation and resetting a password with a staff-issued code."""

from flask import flash, render_template, request, session, url_for
from flask import redirect as go
from flask_babel import get_locale, refresh
from flask_babel import gettext as _
from flask_login import current_user

from lms.accounts.forms import InvitationCodeForm, JoinForm, ResetWithCodeForm
from lms.accounts.views import start_session
from lms.extensions import db, limiter
from lms.forms import ActionForm

from . import services
from .forms import ROLE_LABELS
from .models import Invitation
from .views_members import bp


def _code_problem(status: str) -> str:
    return {
        "unknown": _(
            "This code was not found. Please check it, or ask the person who invited you."
        ),
        "used": _("This invitation was already used. Please ask for a new one."),
        "revoked": _("This invitation was cancelled. Please ask for a new one."),
        "expired": _("This invitation has expired. Please ask for a new one."),
    }[status]


def _join_page(form: JoinForm, invitation: Invitation):
    if invitation.organisation.is_discreet:
        session["discreet"] = True
    return render_template(
        "orgs/join.html",
        form=form,
        invitation=invitation,
        role_label=ROLE_LABELS[invitation.role],
        action_form=ActionForm(),
    )


def _code_page(code: str = "", error: str | None = None, status: int = 200):
    form = InvitationCodeForm(formdata=None, code=code)
    if error:
        form.code.errors = [error]
    return render_template("orgs/join_code.html", form=form), status


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def join():
    """Step one: the invitation code (typed, or from the link on a printed invitation)."""
    if request.method == "POST":
        form = InvitationCodeForm()
        if not form.validate_on_submit():
            return render_template("orgs/join_code.html", form=form), 400
        code = form.code.data
    else:
        code = request.args.get("code", "").strip()[:40]
        if not code:
            return _code_page()
    invitation = services.invitation_by_code(code)
    status = services.invitation_status(invitation)
    if status != "valid":
        return _code_page(code, error=_code_problem(status), status=400)
    if invitation.locale and "locale" not in session:
        # The inviter chose the language: the page starts in it, unless this browser's own
        # switch was used already (the person's choice comes first).
        session["locale"] = invitation.locale
        refresh()
    # The language choice starts as the page's own: this browser's switch, the inviter's
    # choice, else its Accept-Language. A new member reading Chinese keeps Chinese after joining.
    form = JoinForm(formdata=None, code=code, locale=str(get_locale()))
    return _join_page(form, invitation)


@bp.post("/join/account")
@limiter.limit("20 per minute")
def join_account():
    """Step two: create the account (or, when signed in, join with the existing one)."""
    form = JoinForm()
    invitation = services.invitation_by_code(form.code.data or "")
    status = services.invitation_status(invitation)
    # A second press of the button (a double tap, a slow connection) finds the invitation
    # used by the first: that is the same person joining, not a problem to show them.
    pressed_again = status == "used" and invitation.used_by_id is not None
    if status != "valid" and not pressed_again:
        return _code_page(form.code.data or "", error=_code_problem(status), status=400)

    if current_user.is_authenticated:
        return _join_existing(invitation)

    if form.validate_on_submit():
        outcome, user = "used", None
        if not pressed_again:
            outcome, user = services.join_as_new_member(
                invitation,
                form.username.data,
                form.display_name.data,
                form.password.data,
                form.email.data,
                form.locale.data,
            )
        if outcome == "joined":
            db.session.commit()
        else:
            db.session.rollback()  # nothing of this request is kept
        if outcome == "used":
            user = services.joined_just_now(invitation.id, form.username.data, form.password.data)
            if user is None:
                return _code_page(form.code.data, error=_code_problem("used"), status=400)
        if user is not None:
            return _welcome(user, invitation.organisation_id)
        form.username.errors.append(_("This username is taken. Please choose another."))
    elif pressed_again:
        return _code_page(form.code.data or "", error=_code_problem(status), status=400)
    return _join_page(form, invitation), 400


def _welcome(user, organisation_id: int):
    session["locale"] = user.locale
    start_session(user)
    session["org_id"] = organisation_id
    flash(_("Welcome to Pathways. Your account is ready."), "notice")
    return go(url_for("dashboard.home"))


def _join_existing(invitation: Invitation):
    if not ActionForm().validate_on_submit():
        return _join_page(
            JoinForm(formdata=None, code=request.form.get("code", "")), invitation
        ), 400
    if services.join_with_account(invitation, current_user):
        db.session.commit()
        flash(_("You joined %(name)s.", name=invitation.organisation.name), "notice")
    else:
        db.session.rollback()
        if not services.membership_of(current_user.id, invitation.organisation_id):
            return _code_page(request.form.get("code", ""), error=_code_problem("used"), status=400)
        flash(_("You are already a member of this organisation."), "notice")
    session["org_id"] = invitation.organisation_id
    return go(url_for("dashboard.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def reset_with_code():
    form = ResetWithCodeForm()
    if form.validate_on_submit():
        if services.reset_password_with_code(
            form.username.data, form.code.data, form.password.data
        ):
            db.session.commit()
            flash(_("Your new password is ready. Please sign in with it."), "notice")
            return go(url_for("accounts.sign_in"))
        form.code.errors.append(
            _(
                "The username or code is not right, or the code has expired. You can ask staff for a new code."
            )
        )
    return render_template("accounts/reset.html", form=form)
