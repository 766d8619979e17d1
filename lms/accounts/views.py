"""Routes for signing in and out, the quick exit, language choice and one's own account."""

import json

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from lms.errors import RATE_LIMITED_FORMS
from lms.extensions import db
from lms.forms import ActionForm
from lms.i18n import LOCALES
from lms.redirects import is_safe_next

from . import services, sessions
from .forms import ChangePasswordForm, DeleteAccountForm, ProfileForm, SignInForm
from .limits import record_failed_sign_in, sign_in_limits
from .names import clean
from .sessions import DISCREET_COOKIE
from .signin import ask_for_second_step, finish_sign_in, start_session  # noqa: F401

bp = Blueprint("accounts", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
@sign_in_limits
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = services.authenticate(form.username.data, form.password.data)
        if user is None:
            record_failed_sign_in()
            # The same words for an unknown name and a wrong password.
            form.password.errors.append(
                _("The username or password is not right. Please check them and try again.")
            )
        else:
            db.session.commit()  # a rehashed password
            if user.totp_enabled_at is not None:
                return ask_for_second_step(user, request.args.get("next"))
            return finish_sign_in(user, request.args.get("next"))
    return render_template("accounts/sign_in.html", form=form)


def _sign_in_rate_limited():
    form = SignInForm()
    form.password.errors = [
        _("There were several tries in a short time. Please wait a minute, then try again.")
    ]
    return render_template("accounts/sign_in.html", form=form), 429


RATE_LIMITED_FORMS["accounts.sign_in"] = _sign_in_rate_limited


@bp.post("/sign-out")
def sign_out():
    form = ActionForm()
    if form.validate_on_submit() or not current_user.is_authenticated:
        sessions.end_current()  # a copied cookie stops working too
        db.session.commit()
        logout_user()
        session.pop("org_id", None)
        flash(_("You are signed out."), "notice")
        return redirect(url_for("accounts.sign_in"))
    flash(_("Please press “Sign out” again."), "notice")
    return redirect(url_for("dashboard.home"))


@bp.get("/exit")
def quick_exit():
    """Leave at once: end the session and go to a neutral site (works without JavaScript)."""
    sessions.end_current()  # on the server too, so the cookie left behind is worthless
    db.session.commit()
    logout_user()
    discreet = session.get("discreet")
    session.clear()
    if discreet:
        session["discreet"] = discreet
    return redirect(current_app.config["LMS_QUICK_EXIT_URL"])


@bp.post("/discreet/off")
def discreet_off():
    """Switch discreet mode off on this device (from the sign-in page, signed out)."""
    response = redirect(url_for("accounts.sign_in"))
    if ActionForm().validate_on_submit() and not current_user.is_authenticated:
        session.pop("discreet", None)
        response.delete_cookie(DISCREET_COOKIE, httponly=True, samesite="Lax")
    return response


@bp.get("/safety")
def safety():
    return render_template("accounts/safety.html")


@bp.post("/language")
def set_language():
    locale = request.form.get("locale", "")
    target = request.form.get("next")
    form = ActionForm()
    if locale in LOCALES and form.validate_on_submit():
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return redirect(target if is_safe_next(target) else url_for("dashboard.home"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ProfileForm(obj=current_user if request.method == "GET" else None)
    if form.validate_on_submit():
        current_user.display_name = clean(form.display_name.data)
        current_user.email = (form.email.data or "").strip() or None
        current_user.locale = form.locale.data
        session["locale"] = form.locale.data
        db.session.commit()
        flash(_("Your details were saved."), "notice")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", form=form, action_form=ActionForm())


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    form.username_for_rules = current_user.username
    if form.validate_on_submit():
        if not services.authenticate(current_user.username, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            user = services.signed_in_account()
            services.set_password(user, form.password.data)
            db.session.commit()
            login_user(user, remember=False)  # keep this device signed in, with the new version
            flash(_("Your password was changed. Other devices were signed out."), "notice")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/change_password.html", form=form)


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    form = ActionForm()
    if form.validate_on_submit():
        services.sign_out_everywhere(current_user)
        db.session.commit()
        logout_user()
        session.pop("org_id", None)
        flash(_("You are signed out on all devices, including this one."), "notice")
        return redirect(url_for("accounts.sign_in"))
    return redirect(url_for("accounts.account"))


@bp.get("/account/export")
@login_required
def export():
    data = services.export_data(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="pathways-my-data.json"'
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not services.authenticate(current_user.username, form.password.data):
            form.password.errors.append(_("This is not your password."))
        else:
            user = services.signed_in_account()
            services.delete_account(user)
            db.session.commit()
            logout_user()
            session.clear()
            g.account_deleted = True
            return render_template("accounts/deleted.html")
    return render_template("accounts/delete.html", form=form)
