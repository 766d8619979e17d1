"""Plain names for audit actions, so admins read sentences, not codes."""

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "account_deleted": _l("A member deleted their account"),
    "invitation_created": _l("Invitation made"),
    "invitation_revoked": _l("Invitation cancelled"),
    "member_joined": _l("Member joined"),
    "member_removed": _l("Member removed"),
    "mentor_assigned": _l("Mentor added"),
    "mentor_unassigned": _l("Mentor removed"),
    "mentor_change_requested": _l("Different mentor asked for"),
    "mentor_change_resolved": _l("Mentor request done"),
    "organisation_created": _l("Organisation created"),
    "reset_code_issued": _l("Reset code made"),
    "reset_code_used": _l("Password reset with a code"),
    "role_changed": _l("Role changed"),
    "settings_changed": _l("Settings changed"),
}


def action_label(action: str) -> str:
    """Return the translated label of an audit action (the code itself if unknown)."""
    return str(ACTION_LABELS.get(action, action))
