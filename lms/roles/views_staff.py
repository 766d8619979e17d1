"""Staff pages for roles: settings, applications, vetting, confirmation, support requests."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import sections
from lms.access.policy import ROLE_REQUIREMENTS, SUPPORT_REQUESTS
from lms.access.services import see
from lms.accounts.models import User
from lms.extensions import db
from lms.forms import ActionForm, choices
from lms.needs.models import Need
from lms.numbers import local_date
from lms.orgs.context import staff_required
from lms.orgs.services import membership_of

from . import services
from .forms import ExtraRequirementForm, RoleSettingForm, VettingForm
from .loaders import application_or_404
from .messages import CATEGORY_LABELS
from .models import RoleApplication, Vetting
from .requirements import all_met, evaluate
from .views_member import bp, checklist_seen_by, course_titles


@bp.route("/staff/roles", methods=["GET", "POST"])
@staff_required
def settings():
    org_id = g.membership.organisation_id
    roles = services.org_roles(org_id, include_disabled=True)
    if request.method == "POST":
        slug = request.form.get("slug", "")
        form = RoleSettingForm()
        if any(role.slug == slug for role, _s in roles) and form.validate_on_submit():
            services.save_setting(
                org_id, slug, form.is_enabled.data, form.review_months.data, current_user.id
            )
            db.session.commit()
            flash(_("The role settings were saved."), "notice")
            return redirect(url_for("roles.settings"))
        flash(_("Please choose between 1 and 24 months."), "notice")
    forms = [
        (
            role,
            s,
            RoleSettingForm(formdata=None, is_enabled=s.is_enabled, review_months=s.review_months),
        )
        for role, s in roles
    ]
    return render_template(
        "roles/staff_settings.html",
        forms=forms,
        categories=CATEGORY_LABELS,
        extra_form=_extra_form(),
        course_titles=course_titles(),
    )


def _extra_form(formdata=None):
    form = ExtraRequirementForm(formdata=formdata)
    form.course.choices = choices(sorted(course_titles().items(), key=lambda item: item[1]))
    return form


@bp.post("/staff/roles/<slug>/requirements")
@staff_required
def add_requirement(slug: str):
    """Add a course an organisation also requires for a role, or clear its extra requirements."""
    org_id = g.membership.organisation_id
    if all(role.slug != slug for role, _s in services.org_roles(org_id, include_disabled=True)):
        abort(404)
    form = _extra_form(request.form)
    if form.validate_on_submit():
        clear = request.form.get("clear") == "1"
        services.change_extra_requirements(
            org_id, slug, None if clear else form.course.data, current_user.id
        )
        db.session.commit()
        flash(_("The requirements were saved."), "notice")
    return redirect(url_for("roles.settings"))


@bp.get("/staff/roles/applications")
@staff_required
def applications():
    org_id = g.membership.organisation_id
    rows = []
    for application in db.session.scalars(
        db.select(RoleApplication)
        .where(RoleApplication.organisation_id == org_id)
        .order_by(RoleApplication.created_at)
    ):
        membership = membership_of(application.user_id, org_id)
        if membership is None or not see(
            current_user.id, application.user_id, org_id, ROLE_REQUIREMENTS, application.id
        ):
            continue
        rows.append(
            (
                application,
                db.session.get(User, application.user_id),
                membership.engagement_paused_at is not None,
            )
        )
    db.session.commit()  # the access records
    # Each role by its title in the reader's language; the slug is only an identifier.
    titles = {
        role.slug: role.title for role, _s in services.org_roles(org_id, include_disabled=True)
    }
    return render_template("roles/staff_applications.html", rows=rows, titles=titles)


@bp.route("/staff/roles/applications/<int:application_id>", methods=["GET", "POST"])
@staff_required
def application(application_id: int):
    application, role, _setting = application_or_404(application_id)
    org_id = g.membership.organisation_id
    vetting = db.session.scalar(db.select(Vetting).where(Vetting.application_id == application.id))
    form = VettingForm(obj=vetting) if request.method == "GET" else VettingForm()
    if role.category == "operational" and form.validate_on_submit():
        services.record_vetting(application, current_user.id, form.populate_obj)
        db.session.commit()
        flash(_("The vetting record was saved."), "notice")
        return redirect(url_for("roles.application", application_id=application.id))
    if not see(current_user.id, application.user_id, org_id, ROLE_REQUIREMENTS, application.id):
        abort(404)
    records = services.member_records(application.user_id, org_id, application)
    items = checklist_seen_by(current_user.id, application.user_id, org_id, role, records)
    db.session.commit()  # the access records
    membership = membership_of(application.user_id, org_id)
    return render_template(
        "roles/staff_application.html",
        application=application,
        role=role,
        member=db.session.get(User, application.user_id),
        items=items,
        ready=all_met(evaluate(role, records)),
        form=form,
        action_form=ActionForm(),
        paused=membership is not None and membership.engagement_paused_at is not None,
    )


@bp.post("/staff/roles/applications/<int:application_id>/confirm")
@staff_required
def confirm(application_id: int):
    application, role, setting = application_or_404(application_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not services.confirm(application, role, setting, current_user.id):
        flash(_("Not every requirement holds yet, so the role cannot be confirmed."), "notice")
        return redirect(url_for("roles.application", application_id=application.id))
    db.session.commit()
    flash(
        _(
            "The role is active. The review date is %(date)s.",
            date=local_date(application.review_at),
        ),
        "notice",
    )
    return redirect(url_for("roles.application", application_id=application.id))


@bp.get("/staff/support-requests")
@staff_required
def support_requests():
    # Only reads: escalation (for every organisation) is the daily job's (`flask pathways daily`).
    org_id = g.membership.organisation_id
    requests = [
        r
        for r in db.session.scalars(
            db.select(Need)
            .where(Need.organisation_id == org_id, Need.status == "open")
            .order_by(Need.created_at)
        )
        if see(current_user.id, r.user_id, org_id, SUPPORT_REQUESTS, r.id)
    ]
    # Needs (a later feature) list every request of the organisation in their own section.
    extra = sections.collect("staff_support_requests", organisation_id=org_id)
    db.session.commit()  # the access records
    return render_template(
        "roles/staff_support_requests.html",
        requests=requests,
        members={r.user_id: db.session.get(User, r.user_id) for r in requests},
        form=ActionForm(),
        sections=extra,
    )
