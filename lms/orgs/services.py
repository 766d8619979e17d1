"""Organisation work that touches the database: invitations, memberships, mentors, resets."""

from datetime import timedelta

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import bindparam
from sqlalchemy.orm import contains_eager

from lms.accounts import lifecycle, sessions
from lms.accounts.models import User
from lms.accounts.names import username_key
from lms.accounts.passwords import hash_password, verify_password
from lms.accounts.services import (
    add_user_if_name_free,
    find_by_username,
    turn_off_two_step,
)
from lms.audit.models import AuditEvent, record
from lms.dbutil import ensure_row, insert_if_missing
from lms.extensions import db
from lms.notifications.models import notify
from lms.timeutil import iso, utcnow

from .context import user_memberships
from .invites import CodeState, code_status, hash_code, new_code
from .models import (
    Invitation,
    Membership,
    MentorAssignment,
    MentorChangeRequest,
    Organisation,
    ResetCode,
)
from .recovery import RecoveryDecision, may_recover
from .roles import STAFF_ROLES


def invitation_by_code(code: str) -> Invitation | None:
    """Return the invitation a typed code belongs to, whatever its state, or None."""
    return db.session.scalar(db.select(Invitation).where(Invitation.code_hash == hash_code(code)))


def invitation_status(invitation: Invitation | None) -> str:
    """Return 'valid', 'used', 'revoked', 'expired' or 'unknown'."""
    if invitation is None:
        return "unknown"
    state = CodeState(invitation.expires_at, invitation.used_at, invitation.revoked_at)
    return code_status(state, utcnow())


def create_invitation(
    organisation_id: int,
    role: str,
    created_by_id: int,
    days: int,
    label: str | None = None,
    locale: str | None = None,
) -> tuple[Invitation, str]:
    """Return a new invitation and its code; the code is shown once and never stored."""
    code = new_code()
    invitation = Invitation(
        organisation_id=organisation_id,
        code_hash=hash_code(code),
        role=role,
        label=label or None,
        locale=locale or None,
        created_by_id=created_by_id,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    record(
        "invitation_created",
        actor_id=created_by_id,
        organisation_id=organisation_id,
        object_type="invitation",
        object_id=invitation.id,
        detail={"role": role, "language": locale or None},
    )
    return invitation, code


# How long after joining a second press of the same "Create my account" still signs in.
SAME_JOINING = timedelta(minutes=10)


def claim_invitation(invitation: Invitation) -> bool:
    """Mark the invitation used unless another request did first; True when this one did.

    One UPDATE with the "still unused" test in it: a request arriving at the same moment
    waits for this one to finish, then finds the invitation used. Exactly one wins, on SQLite
    and PostgreSQL alike, so one invitation makes one account.
    """
    result = db.session.execute(
        db.update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def join_as_new_member(
    invitation: Invitation,
    username: str,
    display_name: str,
    password: str,
    email: str | None,
    locale: str,
) -> tuple[str, User | None]:
    """Make the account and its membership (caller commits; rolls back unless "joined").

    Returns ("joined", user), ("used", None) when another request used the invitation first,
    or ("taken", None) when the username is in use.
    """
    password_hash = hash_password(password)  # before the first write: see add_user_if_name_free
    if not claim_invitation(invitation):
        return "used", None
    user = add_user_if_name_free(username, display_name, password_hash, email, locale)
    if user is None:
        return "taken", None
    accept_invitation(invitation, user)
    return "joined", user


def joined_just_now(invitation_id: int, username: str, password: str) -> User | None:
    """The account this invitation made moments ago, when this is its name and password.

    A double-tapped "Create my account" sends the form twice: the second press finds the
    invitation used, by the same person, and signs them in instead of showing an error.
    """
    invitation = db.session.get(Invitation, invitation_id, populate_existing=True)
    user = db.session.get(User, invitation.used_by_id) if invitation.used_by_id else None
    fresh = invitation.used_at is not None and invitation.used_at >= utcnow() - SAME_JOINING
    if user is None or not fresh or user.username_key != username_key(username):
        return None
    return user if verify_password(user.password_hash, password) else None


def join_with_account(invitation: Invitation, user: User) -> bool:
    """A signed-in member joins the invitation's organisation; False when already a member."""
    if membership_of(user.id, invitation.organisation_id) or not claim_invitation(invitation):
        return False
    accept_invitation(invitation, user)
    return True


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Use the invitation once: the person joins its organisation in its role."""
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    membership = Membership(
        user_id=user.id, organisation_id=invitation.organisation_id, role=invitation.role
    )
    db.session.add(membership)
    db.session.flush()
    record(
        "member_joined",
        actor_id=user.id,
        organisation_id=invitation.organisation_id,
        object_type="membership",
        object_id=membership.id,
        subject_user_id=user.id,
        detail={"role": invitation.role, "invitation": invitation.id},
    )
    return membership


def revoke_invitation(invitation: Invitation, actor_id: int) -> bool:
    """Cancel an invitation that still works, with its audit record; return True when it was
    cancelled (one already used, expired or cancelled stays as it is)."""
    if invitation_status(invitation) != "valid":
        return False
    invitation.revoked_at = utcnow()
    record(
        "invitation_revoked",
        actor_id=actor_id,
        organisation_id=invitation.organisation_id,
        object_type="invitation",
        object_id=invitation.id,
    )
    return True


def change_settings(organisation: Organisation, values: dict, actor_id: int) -> None:
    """Save an admin's organisation settings (`values`: the settings form's fields), with the
    audit record of the two that change who sees what: discreet mode and two-step sign-in."""
    for name, value in values.items():
        setattr(organisation, name, value)
    record(
        "settings_changed",
        actor_id=actor_id,
        organisation_id=organisation.id,
        object_type="organisation",
        object_id=organisation.id,
        detail={
            "is_discreet": organisation.is_discreet,
            "require_two_step": organisation.require_two_step,
        },
    )


def membership_of(user_id: int, organisation_id: int) -> Membership | None:
    return db.session.scalar(
        db.select(Membership).where(
            Membership.user_id == user_id, Membership.organisation_id == organisation_id
        )
    )


def members(organisation_id: int, role: str | None = None) -> list[Membership]:
    """Return the organisation's memberships, by display name."""
    query = (
        db.select(Membership)
        .join(User, Membership.user_id == User.id)
        # Pages list each member's name: load the users in the same query, not one by one.
        .options(contains_eager(Membership.user))
        .where(Membership.organisation_id == organisation_id, User.deleted_at.is_(None))
        .order_by(db.func.lower(User.display_name), User.id)
    )
    if role:
        query = query.where(Membership.role == role)
    return db.session.scalars(query).all()


def mentors_of(organisation_id: int, learner_id: int) -> list[User]:
    return db.session.scalars(
        db.select(User)
        .join(MentorAssignment, MentorAssignment.mentor_id == User.id)
        .where(
            MentorAssignment.organisation_id == organisation_id,
            MentorAssignment.learner_id == learner_id,
        )
        .order_by(User.display_name)
    ).all()


# The names of a learner's mentors in an organisation, the people `mentors_of` gives (bind
# parameters `organisation_id` and `user_id`): for a statement that reads them with what else
# a page shows (the dashboard's, lms.progress.services.learner_picture).
MENTOR_NAMES = (
    db.select(User.display_name.label("name"))
    .join(MentorAssignment, MentorAssignment.mentor_id == User.id)
    .where(
        MentorAssignment.organisation_id == bindparam("organisation_id"),
        MentorAssignment.learner_id == bindparam("user_id"),
    )
)


def learners_of(organisation_id: int, mentor_id: int) -> list[User]:
    return db.session.scalars(
        db.select(User)
        .join(MentorAssignment, MentorAssignment.learner_id == User.id)
        .where(
            MentorAssignment.organisation_id == organisation_id,
            MentorAssignment.mentor_id == mentor_id,
        )
        .order_by(User.display_name)
    ).all()


def assign_mentor(organisation_id: int, mentor_id: int, learner_id: int, actor_id: int) -> bool:
    """Link a mentor to a learner; return False if they were already linked."""
    # Two staff (or one double click) assigning at once: one link, one record, one notice.
    link, created = ensure_row(
        MentorAssignment,
        {"organisation_id": organisation_id, "mentor_id": mentor_id, "learner_id": learner_id},
    )
    if not created:
        return False
    record(
        "mentor_assigned",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="mentor_assignment",
        object_id=link.id,
        subject_user_id=learner_id,
        detail={"mentor": mentor_id},
    )
    notify(learner_id, "mentor_assigned", organisation_id=organisation_id, link="/mentors")
    notify(mentor_id, "learner_assigned", organisation_id=organisation_id)
    return True


def unassign_mentor(organisation_id: int, mentor_id: int, learner_id: int, actor_id: int) -> None:
    link = db.session.scalar(
        db.select(MentorAssignment).where(
            MentorAssignment.organisation_id == organisation_id,
            MentorAssignment.mentor_id == mentor_id,
            MentorAssignment.learner_id == learner_id,
        )
    )
    if link is None:
        return
    record(
        "mentor_unassigned",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="mentor_assignment",
        object_id=link.id,
        subject_user_id=learner_id,
        detail={"mentor": mentor_id},
    )
    db.session.delete(link)


def open_change_requests(organisation_id: int) -> list[MentorChangeRequest]:
    return db.session.scalars(
        db.select(MentorChangeRequest)
        .where(
            MentorChangeRequest.organisation_id == organisation_id,
            MentorChangeRequest.resolved_at.is_(None),
        )
        .order_by(MentorChangeRequest.created_at)
    ).all()


def request_mentor_change(organisation_id: int, learner_id: int, mentor_id: int | None) -> None:
    """Record that a learner wants a different mentor and tell staff; no reason is asked."""
    request = MentorChangeRequest(
        organisation_id=organisation_id, learner_id=learner_id, mentor_id=mentor_id
    )
    db.session.add(request)
    db.session.flush()
    record(
        "mentor_change_requested",
        actor_id=learner_id,
        organisation_id=organisation_id,
        object_type="mentor_change_request",
        object_id=request.id,
        subject_user_id=learner_id,
    )
    notify_staff(organisation_id, "mentor_change_requested", "/staff/mentor-requests")


def notify_staff(organisation_id: int, kind: str, link: str) -> None:
    """Send a notification to every staff member and admin of the organisation."""
    for membership in db.session.scalars(
        db.select(Membership).where(
            Membership.organisation_id == organisation_id, Membership.role.in_(STAFF_ROLES)
        )
    ):
        notify(membership.user_id, kind, organisation_id=organisation_id, link=link)


def resolve_change_request(request: MentorChangeRequest, actor_id: int) -> None:
    request.resolved_at = utcnow()
    request.resolved_by_id = actor_id
    record(
        "mentor_change_resolved",
        actor_id=actor_id,
        organisation_id=request.organisation_id,
        object_type="mentor_change_request",
        object_id=request.id,
        subject_user_id=request.learner_id,
    )
    notify(
        request.learner_id,
        "mentor_change_resolved",
        organisation_id=request.organisation_id,
        link="/mentors",
    )


def issue_reset_code(membership: Membership, actor_id: int, hours: int) -> str:
    """Return a one-time reset code for the member; earlier unused codes stop working."""
    now = utcnow()
    for old in db.session.scalars(
        db.select(ResetCode).where(
            ResetCode.user_id == membership.user_id, ResetCode.used_at.is_(None)
        )
    ):
        old.expires_at = min(old.expires_at, now)
    code = new_code()
    reset = ResetCode(
        user_id=membership.user_id,
        organisation_id=membership.organisation_id,
        code_hash=hash_code(code),
        created_by_id=actor_id,
        expires_at=now + timedelta(hours=hours),
    )
    db.session.add(reset)
    db.session.flush()
    record(
        "reset_code_issued",
        actor_id=actor_id,
        organisation_id=membership.organisation_id,
        object_type="reset_code",
        object_id=reset.id,
        subject_user_id=membership.user_id,
    )
    return code


def roles_by_organisation(user_id: int) -> dict[int, str]:
    """Return {organisation id: role} for every organisation the account belongs to."""
    return dict(
        db.session.execute(
            db.select(Membership.organisation_id, Membership.role).where(
                Membership.user_id == user_id
            )
        ).all()
    )


def recovery_decision(actor_id: int, actor_role: str, target: Membership) -> RecoveryDecision:
    """Return whether this actor may make a reset code for (or clear the two-step sign-in of)
    the member, by the rule in recovery.py, looking at every organisation of the account."""
    return may_recover(
        actor_id=actor_id,
        actor_role=actor_role,
        organisation_id=target.organisation_id,
        target_id=target.user_id,
        target_roles=roles_by_organisation(target.user_id),
        target_is_platform_admin=target.user.is_platform_admin,
    )


def _issuer_still_may(reset: ResetCode) -> bool:
    # The account may have joined another organisation, or the issuer lost their role,
    # since the code was made: the rule is checked again when the code is used.
    if reset.created_by_id is None:
        return False
    issuer = membership_of(reset.created_by_id, reset.organisation_id)
    target = membership_of(reset.user_id, reset.organisation_id)
    if issuer is None or target is None:
        return False
    return recovery_decision(issuer.user_id, issuer.role, target).allowed


def _after_reset(user: User, action: str, actor_id: int | None, object_id: int | None) -> None:
    """Sign out everywhere, ask "was this you?" at every sign-in, record it in every organisation."""
    now = utcnow()
    user.session_version += 1
    user.password_reset_at = now
    user.reset_notice_pending = True
    sessions.end_all(user.id)
    for organisation_id in roles_by_organisation(user.id):
        record(
            action,
            actor_id=actor_id,
            organisation_id=organisation_id,
            object_type="reset_code" if object_id else "user",
            object_id=object_id or user.id,
            subject_user_id=user.id,
        )


def reset_password_with_code(username: str, code: str, new_password: str) -> bool:
    """Set a new password when the username and a valid code match; return whether it worked."""
    user = find_by_username(username)
    reset = db.session.scalar(db.select(ResetCode).where(ResetCode.code_hash == hash_code(code)))
    if user is None or reset is None or reset.user_id != user.id:
        return False
    if code_status(CodeState(reset.expires_at, reset.used_at), utcnow()) != "valid":
        return False
    if not _issuer_still_may(reset):
        return False
    reset.used_at = utcnow()
    user.password_hash = hash_password(new_password)
    _after_reset(user, "reset_code_used", user.id, reset.id)
    return True


def reset_password_for(user: User, new_password: str) -> None:
    """Set a new password on the platform operator's word (the CLI): the owner is asked
    "was this you?" at every sign-in, as after a reset code."""
    user.password_hash = hash_password(new_password)
    _after_reset(user, "password_reset_by_platform", None, None)


def answer_reset_notice(user: User, was_me: bool) -> None:
    """Store the owner's answer. "Not me" signs the account out everywhere, and the admins of
    every organisation it belongs to are told and get the audit record."""
    user.reset_notice_pending = False
    if was_me:
        return
    user.session_version += 1
    sessions.end_all(user.id)
    for organisation_id in roles_by_organisation(user.id):
        record(
            "reset_reported_not_me",
            actor_id=user.id,
            organisation_id=organisation_id,
            object_type="user",
            object_id=user.id,
            subject_user_id=user.id,
        )
        for admin in db.session.scalars(
            db.select(Membership.user_id).where(
                Membership.organisation_id == organisation_id, Membership.role == "admin"
            )
        ):
            notify(admin, "reset_not_me", organisation_id=organisation_id, link="/staff/audit")


def clear_two_step(target: Membership, actor_id: int) -> None:
    """Turn off a member's two-step sign-in after a lost phone (the caller checked the rule)."""
    turn_off_two_step(target.user)
    sessions.end_all(target.user_id)
    record(
        "two_step_cleared",
        actor_id=actor_id,
        organisation_id=target.organisation_id,
        object_type="membership",
        object_id=target.id,
        subject_user_id=target.user_id,
    )


@lifecycle.roles_source
def _roles_for_two_step(user: User) -> list[tuple[str, bool]]:
    if has_request_context() and current_user.is_authenticated and current_user.id == user.id:
        # Every page checks the signed-in member (before_app_request): the memberships the
        # header shows, loaded once for the request, with their organisations.
        return [(m.role, bool(m.organisation.require_two_step)) for m in user_memberships()]
    return [
        (role, bool(required))
        for role, required in db.session.execute(
            db.select(Membership.role, Organisation.require_two_step)
            .join(Organisation, Membership.organisation_id == Organisation.id)
            .where(Membership.user_id == user.id)
        )
    ]


def change_role(membership: Membership, role: str, actor_id: int) -> None:
    old = membership.role
    membership.role = role
    record(
        "role_changed",
        actor_id=actor_id,
        organisation_id=membership.organisation_id,
        object_type="membership",
        object_id=membership.id,
        subject_user_id=membership.user_id,
        detail={"from": old, "to": role},
    )


def remove_member(membership: Membership, actor_id: int) -> None:
    """Remove a person from the organisation, with their mentoring links there."""
    _drop_links(membership.organisation_id, membership.user_id)
    record(
        "member_removed",
        actor_id=actor_id,
        organisation_id=membership.organisation_id,
        object_type="membership",
        object_id=membership.id,
        subject_user_id=membership.user_id,
    )
    db.session.delete(membership)


def _drop_links(organisation_id: int, user_id: int) -> None:
    db.session.execute(
        db.delete(MentorAssignment).where(
            MentorAssignment.organisation_id == organisation_id,
            (MentorAssignment.mentor_id == user_id) | (MentorAssignment.learner_id == user_id),
        )
    )


def organisation_name_taken(name: str, exclude_id: int | None = None) -> bool:
    """Return True when another organisation already uses this name (any case)."""
    query = db.select(Organisation.id).where(db.func.lower(Organisation.name) == name.lower())
    if exclude_id is not None:
        query = query.where(Organisation.id != exclude_id)
    return db.session.scalar(query) is not None


# Features below orgs (credentials) register here, so orgs never imports them.
creation_hooks: list = []


def on_organisation_created(fn):
    """Register `fn(organisation)` to run when an organisation is created."""
    if fn not in creation_hooks:
        creation_hooks.append(fn)
    return fn


def create_organisation(name: str, actor_id: int) -> Organisation | None:
    """Make the organisation; None when one with this name exists (even made this moment)."""
    if not insert_if_missing(Organisation, {"name": name}):
        return None
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.name == name))
    for hook in creation_hooks:  # e.g. the Open Badge signing key, published from the start
        hook(organisation)
    record(
        "organisation_created",
        actor_id=actor_id,
        organisation_id=organisation.id,
        object_type="organisation",
        object_id=organisation.id,
    )
    return organisation


def audit_events(organisation_id: int, limit: int = 200) -> list[AuditEvent]:
    return db.session.scalars(
        db.select(AuditEvent)
        .where(AuditEvent.organisation_id == organisation_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).all()


@lifecycle.exporter("organisations")
def _export_memberships(user: User) -> list[dict]:
    result = []
    for membership in db.session.scalars(
        db.select(Membership).where(Membership.user_id == user.id)
    ):
        result.append(
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "joined_at": iso(membership.created_at),
                "mentors": [
                    m.display_name for m in mentors_of(membership.organisation_id, user.id)
                ],
            }
        )
    return result


@lifecycle.exporter("records_about_you")
def _export_audit(user: User) -> list[dict]:
    events = db.session.scalars(
        db.select(AuditEvent)
        .where(AuditEvent.subject_user_id == user.id)
        .order_by(AuditEvent.created_at)
    )
    return [{"action": e.action, "at": iso(e.created_at)} for e in events]


@lifecycle.on_delete
def _delete_memberships(user: User) -> None:
    for membership in db.session.scalars(
        db.select(Membership).where(Membership.user_id == user.id)
    ).all():
        # The organisation keeps an anonymous record that someone left, not who they were.
        record(
            "account_deleted",
            actor_id=None,
            organisation_id=membership.organisation_id,
            object_type="membership",
            object_id=membership.id,
        )
        _drop_links(membership.organisation_id, user.id)
        db.session.delete(membership)
    db.session.execute(
        db.delete(MentorChangeRequest).where(
            (MentorChangeRequest.learner_id == user.id) | (MentorChangeRequest.mentor_id == user.id)
        )
    )
    db.session.execute(db.delete(ResetCode).where(ResetCode.user_id == user.id))
    # Audit rows about the person lose the link to them; the actions themselves stay.
    db.session.execute(
        db.update(AuditEvent)
        .where(AuditEvent.subject_user_id == user.id)
        .values(subject_user_id=None)
    )
