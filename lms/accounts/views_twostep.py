"""Two-step sign-in: the code after the password, enrolling an authenticator app, recovery
codes, and turning it off where it is not required."""

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms.errors import RATE_LIMITED_FORMS
from lms.extensions import db, limiter

from . import services, twostep
from .forms import ConfirmPasswordForm, TwoStepCodeForm, TwoStepSetupForm
from .models import User
from .signin import PENDING_KEY, SECOND_STEP_SECONDS, finish_sign_in
from .views import bp

ISSUER = "Pathways"
# Pages a member who must still enrol may open: enrolment itself, and every way out.
OPEN_BEFORE_ENROLMENT = {
    "static",
    "accounts.two_step_setup",
    "accounts.sign_out",
    "accounts.quick_exit",
    "accounts.set_language",
    "accounts.safety",
    "orgs.was_it_you",
}


def _pending_user() -> User | None:
    """Return the account whose password was right a moment ago in this browser, or None."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("at", 0) > SECOND_STEP_SECONDS:
        session.pop(PENDING_KEY, None)
        return None
    user = db.session.get(User, pending.get("user") or 0)
    if user is None or not user.is_active or user.session_version != pending.get("version"):
        return None
    return user


def _code_key() -> str:
    # Counted per account, so guessing codes from many addresses gains nothing.
    pending = session.get(PENDING_KEY)
    if isinstance(pending, dict) and pending.get("user"):
        return f"two-step|{pending['user']}"
    if current_user.is_authenticated:
        return f"two-step|{current_user.id}"
    return f"two-step|{request.remote_addr}"


def _code_failed(response) -> bool:
    return response.status_code != 302 and not (
        request.endpoint == "accounts.two_step_setup" and response.status_code == 200
    )


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["TWO_STEP_LIMITS"],
    key_func=_code_key,
    methods=["POST"],
    deduct_when=_code_failed,
)
def second_step():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    user = _pending_user()
    if user is None:
        flash(_("Please sign in again. The time for the code ran out."), "notice")
        return redirect(url_for("accounts.sign_in"))
    form = TwoStepCodeForm()
    if form.validate_on_submit():
        if services.check_second_step(user, form.code.data):
            target = session[PENDING_KEY].get("next")
            return finish_sign_in(user, target)
        form.code.errors.append(
            _("This code is not right. Please check the app and try again, or use a recovery code.")
        )
    return render_template("accounts/second_step.html", form=form), 400 if form.errors else 200


def _second_step_rate_limited():
    form = TwoStepCodeForm()
    form.code.errors = [
        _("There were several tries in a short time. Please wait a minute, then try again.")
    ]
    return render_template("accounts/second_step.html", form=form), 429


RATE_LIMITED_FORMS["accounts.second_step"] = _second_step_rate_limited


@bp.get("/account/two-step")
@login_required
def two_step():
    user = services.signed_in_account()
    return render_template(
        "accounts/two_step.html",
        enabled=user.totp_enabled_at is not None,
        enabled_at=user.totp_enabled_at,
        required=services.two_step_required(user),
        codes_left=services.recovery_codes_left(user),
    )


@bp.route("/account/two-step/setup", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["TWO_STEP_LIMITS"],
    key_func=_code_key,
    methods=["POST"],
    deduct_when=_code_failed,
)
@login_required
def two_step_setup():
    user = services.signed_in_account()
    if user.totp_enabled_at is not None:
        return redirect(url_for("accounts.two_step"))
    form = TwoStepSetupForm()
    if form.validate_on_submit():
        right_password = services.authenticate(user.username, form.password.data) is not None
        codes = services.confirm_two_step(user, form.code.data) if right_password else None
        if not right_password:
            form.password.errors.append(_("This is not your password."))
        elif codes is not None:
            db.session.commit()
            # Shown once, straight from this answer: nothing can bring them back later.
            return render_template("accounts/recovery_codes.html", codes=codes, first=True)
        else:
            form.code.errors.append(
                _(
                    "This code is not right. Please check that the app shows Pathways, and try again."
                )
            )
    secret = services.start_two_step(user)
    db.session.commit()
    uri = twostep.provisioning_uri(secret, user.username, ISSUER)
    import segno  # here, not at start-up: every worker would carry it (issue 15, memory)

    return render_template(
        "accounts/two_step_setup.html",
        form=form,
        # An SVG in a data: URL: same page, no script, allowed by the CSP's img-src.
        qr=segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
        secret=twostep.grouped(secret),
        required=services.two_step_required(user),
    ), 400 if form.errors else 200


@bp.route("/account/two-step/recovery-codes", methods=["GET", "POST"])
@login_required
def two_step_recovery_codes():
    user = services.signed_in_account()
    if user.totp_enabled_at is None:
        return redirect(url_for("accounts.two_step"))
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        if services.authenticate(user.username, form.password.data):
            codes = services.replace_recovery_codes(user)
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes, first=False)
        form.password.errors.append(_("This is not your password."))
    return render_template(
        "accounts/two_step_confirm.html", form=form, action="codes"
    ), 400 if form.errors else 200


@bp.route("/account/two-step/off", methods=["GET", "POST"])
@login_required
def two_step_off():
    user = services.signed_in_account()
    if user.totp_enabled_at is None or services.two_step_required(user):
        return redirect(url_for("accounts.two_step"))
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        if services.authenticate(user.username, form.password.data):
            services.turn_off_two_step(user)
            services.record_own_two_step_change(user, "two_step_turned_off")
            db.session.commit()
            flash(_("Two-step sign-in is off."), "notice")
            return redirect(url_for("accounts.two_step"))
        form.password.errors.append(_("This is not your password."))
    return render_template(
        "accounts/two_step_confirm.html", form=form, action="off"
    ), 400 if form.errors else 200


@bp.before_app_request
def _send_to_enrolment():
    """Staff of an organisation that asks for it, and platform administrators, enrol first."""
    if request.endpoint in OPEN_BEFORE_ENROLMENT or request.endpoint is None:
        return None
    user = current_user._get_current_object()  # once: each proxy use looks it up again
    if not user.is_authenticated or user.totp_enabled_at is not None:
        return None
    if services.two_step_required(user):
        return redirect(url_for("accounts.two_step_setup"))
    return None
