"""After a password reset, the owner answers "was this you?" at every sign-in until they do."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_required, logout_user

from lms.accounts.services import signed_in_account
from lms.extensions import db
from lms.forms import ActionForm

from . import services
from .views_members import bp


@bp.route("/account/was-it-you", methods=["GET", "POST"])
@login_required
def was_it_you():
    user = signed_in_account()
    if not user.reset_notice_pending:
        return redirect(url_for("dashboard.home"))
    form = ActionForm()
    answer = request.form.get("answer")
    if form.validate_on_submit() and answer in ("me", "not_me"):
        services.answer_reset_notice(user, was_me=answer == "me")
        db.session.commit()
        if answer == "me":
            flash(_("Thank you. Nothing else is needed."), "notice")
            return redirect(url_for("dashboard.home"))
        # Every session of the account, this one included, has ended on the server.
        logout_user()
        session.clear()
        return render_template("orgs/not_me.html")
    return render_template("orgs/was_it_you.html", form=form, reset_at=user.password_reset_at)
