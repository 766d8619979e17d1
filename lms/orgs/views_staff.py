"""Staff pages: members, mentors, invitations, reset codes, support contacts, settings, audit."""

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms import oncekeys, sections
from lms.extensions import db
from lms.forms import ActionForm, choices
from lms.i18n import LANGUAGE_NAMES
from lms.urls import absolute_url

from . import recovery, services
from .context import admin_required, current_organisation_id, in_organisation_or_404, staff_required
from .forms import (
    ROLE_LABELS,
    AssignMentorForm,
    ChangeRoleForm,
    InviteForm,
    OrganisationSettingsForm,
    SupportContactForm,
)
from .invites import roles_inviter_may_grant
from .models import Invitation, Membership, MentorChangeRequest, SupportContact
from .views_members import bp


def _refusal_words(reason: str) -> str:
    """Kind words for why a reset or a cleared phone is not ours to do, and who can help."""
    why = {
        recovery.OTHER_ORGANISATIONS: _(
            "This member also belongs to another organisation. A change here would change "
            "how they sign in there too."
        ),
        recovery.OWN_ACCOUNT: _(
            "This is your own account. You can change your password on the “Your account” page."
        ),
    }.get(
        reason,
        _("Only someone in a more senior role than this member can do this."),
    )
    return why + " " + _("An administrator of the platform can help them.")


def _recovery(membership: Membership):
    return services.recovery_decision(current_user.id, g.membership.role, membership)


@bp.get("/staff/members")
@staff_required
def members():
    memberships = services.members(current_organisation_id())
    requests = services.open_change_requests(current_organisation_id())
    return render_template(
        "orgs/staff/members.html",
        memberships=memberships,
        role_labels=ROLE_LABELS,
        open_requests=len(requests),
    )


@bp.route("/staff/members/<int:membership_id>", methods=["GET", "POST"])
@staff_required
def member(membership_id: int):
    membership = in_organisation_or_404(Membership, membership_id)
    org_id = current_organisation_id()
    assign_form = AssignMentorForm()
    mentors = services.mentors_of(org_id, membership.user_id)
    assign_form.mentor_id.choices = choices(
        (m.user_id, f"{m.user.display_name} ({m.user.username})")
        for m in services.members(org_id, "mentor")
        if m.user_id != membership.user_id and m.user not in mentors
    )
    if membership.role == "learner" and assign_form.validate_on_submit():
        services.assign_mentor(
            org_id, assign_form.mentor_id.data, membership.user_id, current_user.id
        )
        db.session.commit()
        flash(_("The mentor was added."), "notice")
        return redirect(url_for("orgs.member", membership_id=membership.id))
    role_form = ChangeRoleForm(formdata=None, role=membership.role)
    role_form.role.choices = choices(
        (r, ROLE_LABELS[r]) for r in roles_inviter_may_grant(g.membership.role)
    )
    # Later features add sections (notes kept back for safeguarding); a look may be audited.
    extra = sections.collect("staff_member", membership=membership, actor_id=current_user.id)
    db.session.commit()
    decision = _recovery(membership)
    return render_template(
        "orgs/staff/member.html",
        member=membership,
        mentors=mentors,
        mentees=services.learners_of(org_id, membership.user_id),
        assign_form=assign_form,
        role_form=role_form,
        action_form=ActionForm(),
        role_labels=ROLE_LABELS,
        can_manage_role=g.membership.role == "admin" and membership.user_id != current_user.id,
        can_reset=decision.allowed,
        recovery_refusal=None if decision.allowed else _refusal_words(decision.reason),
        two_step_on=membership.user.totp_enabled_at is not None,
        can_clear_two_step=decision.allowed and g.membership.role == "admin",
        sections=extra,
    ), 400 if assign_form.errors else 200


@bp.post("/staff/members/<int:membership_id>/mentors/<int:mentor_id>/remove")
@staff_required
def unassign_mentor(membership_id: int, mentor_id: int):
    membership = in_organisation_or_404(Membership, membership_id)
    if ActionForm().validate_on_submit():
        services.unassign_mentor(
            current_organisation_id(), mentor_id, membership.user_id, current_user.id
        )
        db.session.commit()
        flash(_("The mentor was removed from this member."), "notice")
    return redirect(url_for("orgs.member", membership_id=membership.id))


def _refused(membership: Membership, decision):
    """The page that says the reset or the cleared phone is not ours to do, and who can help."""
    return render_template(
        "orgs/staff/recovery_refused.html",
        member=membership,
        message=_refusal_words(decision.reason),
    ), 403


@bp.post("/staff/members/<int:membership_id>/reset-code")
@staff_required
def issue_reset_code(membership_id: int):
    membership = in_organisation_or_404(Membership, membership_id)
    decision = _recovery(membership)
    if not decision.allowed:  # nothing is issued
        return _refused(membership, decision)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("orgs.member", membership_id=membership.id))
    hours = current_app.config["LMS_RESET_CODE_HOURS"]
    code = services.issue_reset_code(membership, current_user.id, hours)
    db.session.commit()
    return render_template("orgs/staff/reset_code.html", member=membership, code=code, hours=hours)


@bp.post("/staff/members/<int:membership_id>/two-step/clear")
@admin_required
def clear_two_step(membership_id: int):
    """A member lost their phone and their recovery codes: an admin turns two-step off."""
    membership = in_organisation_or_404(Membership, membership_id)
    decision = _recovery(membership)
    if not decision.allowed:
        return _refused(membership, decision)
    if ActionForm().validate_on_submit() and membership.user.totp_enabled_at is not None:
        services.clear_two_step(membership, current_user.id)
        db.session.commit()
        flash(
            _(
                "Two-step sign-in is off for this member. They can set it up again after signing in."
            ),
            "notice",
        )
    return redirect(url_for("orgs.member", membership_id=membership.id))


@bp.post("/staff/members/<int:membership_id>/role")
@admin_required
def change_role(membership_id: int):
    membership = in_organisation_or_404(Membership, membership_id)
    form = ChangeRoleForm()
    form.role.choices = choices((r, ROLE_LABELS[r]) for r in roles_inviter_may_grant("admin"))
    if membership.user_id == current_user.id:
        abort(403)
    if form.validate_on_submit():
        services.change_role(membership, form.role.data, current_user.id)
        db.session.commit()
        flash(_("The role was changed."), "notice")
    return redirect(url_for("orgs.member", membership_id=membership.id))


@bp.post("/staff/members/<int:membership_id>/remove")
@admin_required
def remove_member(membership_id: int):
    membership = in_organisation_or_404(Membership, membership_id)
    if membership.user_id == current_user.id:
        abort(403)
    if ActionForm().validate_on_submit():
        services.remove_member(membership, current_user.id)
        db.session.commit()
        flash(_("The member was removed from this organisation."), "notice")
        return redirect(url_for("orgs.members"))
    return redirect(url_for("orgs.member", membership_id=membership.id))


@bp.route("/staff/invitations", methods=["GET", "POST"])
@staff_required
def invitations():
    form = InviteForm()
    form.role.choices = choices(
        (r, ROLE_LABELS[r]) for r in roles_inviter_may_grant(g.membership.role)
    )
    if form.validate_on_submit():
        if oncekeys.again(form, url_for("orgs.invitations")):
            return oncekeys.invitations_made_already()
        invitation, code = services.create_invitation(
            current_organisation_id(),
            form.role.data,
            current_user.id,
            form.days.data,
            form.label.data,
            form.language.data,
        )
        db.session.commit()
        return render_template(
            "orgs/staff/invitation_created.html",
            invitation=invitation,
            code=code,
            link=absolute_url(url_for("orgs.join", code=code)),
            role_label=ROLE_LABELS[invitation.role],
            language_names=LANGUAGE_NAMES,
        )
    listed = db.session.scalars(
        db.select(Invitation)
        .where(Invitation.organisation_id == current_organisation_id())
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(100)
    ).all()
    statuses = {inv.id: services.invitation_status(inv) for inv in listed}
    return render_template(
        "orgs/staff/invitations.html",
        form=form,
        invitations=listed,
        statuses=statuses,
        role_labels=ROLE_LABELS,
        action_form=ActionForm(),
    ), 400 if form.errors else 200


@bp.post("/staff/invitations/<int:invitation_id>/revoke")
@staff_required
def revoke_invitation(invitation_id: int):
    invitation = in_organisation_or_404(Invitation, invitation_id)
    if ActionForm().validate_on_submit() and services.revoke_invitation(
        invitation, current_user.id
    ):
        db.session.commit()
        flash(_("The invitation was cancelled. Its code no longer works."), "notice")
    return redirect(url_for("orgs.invitations"))


@bp.get("/staff/mentor-requests")
@staff_required
def mentor_requests():
    return render_template(
        "orgs/staff/mentor_requests.html",
        requests=services.open_change_requests(current_organisation_id()),
        member_by_user={m.user_id: m for m in services.members(current_organisation_id())},
        action_form=ActionForm(),
    )


@bp.post("/staff/mentor-requests/<int:request_id>/resolve")
@staff_required
def resolve_mentor_request(request_id: int):
    change = in_organisation_or_404(MentorChangeRequest, request_id)
    if ActionForm().validate_on_submit() and change.resolved_at is None:
        services.resolve_change_request(change, current_user.id)
        db.session.commit()
        flash(_("The request is marked as done and the member was told."), "notice")
    return redirect(url_for("orgs.mentor_requests"))


@bp.route("/staff/support", methods=["GET", "POST"])
@staff_required
def support_contacts():
    form = SupportContactForm()
    if form.validate_on_submit():
        if oncekeys.again(form, url_for("orgs.support_contacts")):
            return redirect(url_for("orgs.support_contacts"))  # added once already
        contact = SupportContact(organisation_id=current_organisation_id())
        form.populate_obj(contact)
        contact.position = form.position.data or 0
        db.session.add(contact)
        db.session.commit()
        flash(_("The contact was added to the Support page."), "notice")
        return redirect(url_for("orgs.support_contacts"))
    contacts = db.session.scalars(
        db.select(SupportContact)
        .where(SupportContact.organisation_id == current_organisation_id())
        .order_by(SupportContact.position, SupportContact.id)
    ).all()
    return render_template(
        "orgs/staff/support.html", form=form, contacts=contacts, action_form=ActionForm()
    ), 400 if form.errors else 200


@bp.route("/staff/support/<int:contact_id>", methods=["GET", "POST"])
@staff_required
def edit_support_contact(contact_id: int):
    contact = in_organisation_or_404(SupportContact, contact_id)
    form = SupportContactForm(obj=contact)
    if form.validate_on_submit():
        form.populate_obj(contact)
        contact.position = form.position.data or 0
        db.session.commit()
        flash(_("The contact was saved."), "notice")
        return redirect(url_for("orgs.support_contacts"))
    return render_template(
        "orgs/staff/support_edit.html", form=form, contact=contact
    ), 400 if form.errors else 200


@bp.post("/staff/support/<int:contact_id>/delete")
@staff_required
def delete_support_contact(contact_id: int):
    contact = in_organisation_or_404(SupportContact, contact_id)
    if ActionForm().validate_on_submit():
        db.session.delete(contact)
        db.session.commit()
        flash(_("The contact was removed from the Support page."), "notice")
    return redirect(url_for("orgs.support_contacts"))


@bp.route("/staff/settings", methods=["GET", "POST"])
@admin_required
def settings():
    organisation = g.membership.organisation
    form = OrganisationSettingsForm(obj=organisation)
    if form.validate_on_submit() and services.organisation_name_taken(
        form.name.data, organisation.id
    ):
        form.name.errors.append(_("An organisation with this name already exists."))
    elif form.validate_on_submit():
        values = {name: value for name, value in form.data.items() if name != "csrf_token"}
        services.change_settings(organisation, values, current_user.id)
        db.session.commit()
        flash(_("The settings were saved."), "notice")
        return redirect(url_for("orgs.settings"))
    return render_template("orgs/staff/settings.html", form=form), 400 if form.errors else 200


@bp.get("/staff/audit")
@admin_required
def audit_log():
    return render_template(
        "orgs/staff/audit.html", events=services.audit_events(current_organisation_id())
    )
