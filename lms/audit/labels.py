"""Plain names for audit actions, so admins read sentences, not codes."""

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "story_use_requested": _l("Story use asked for"),
    "story_use_agreed": _l("Story use agreed"),
    "story_use_declined": _l("Story use declined"),
    "story_use_withdrawn": _l("Story use withdrawn"),
    "story_request_cancelled": _l("Story request cancelled"),
    "story_takedown_confirmed": _l("Story take-down confirmed"),
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
    "certificate_requested": _l("Certificate asked for"),
    "certificate_issued": _l("Certificate issued"),
    "certificate_approved": _l("Certificate approved"),
    "certificate_revoked": _l("Certificate revoked"),
    "certificate_reissued": _l("Certificate issued again"),
    "role_conversation_recorded": _l("Mentor conversation recorded"),
    "role_confirmed": _l("Role confirmed"),
    "role_settings_changed": _l("Role settings changed"),
    "role_requirements_changed": _l("Role requirements changed"),
    "vetting_recorded": _l("Vetting recorded"),
    "goal_proposed": _l("Goal suggested by a mentor"),
    "mentor_note_held_back": _l("Mentor note kept from the member"),
    "held_back_notes_viewed": _l("Kept-back notes read by staff"),
    "mentoring_ended": _l("Member ended mentoring"),
    "need_answered": _l("Need answered"),
    "need_referred": _l("Need passed to an outside service"),
    "need_close_proposed": _l("Asked the member if a need can close"),
    "cohort_created": _l("Cohort made"),
    "cohort_changed": _l("Cohort changed"),
    "cohort_archived": _l("Cohort archived"),
    "cohort_reopened": _l("Cohort opened again"),
    "cohort_member_added": _l("Added to a cohort"),
    "cohort_member_removed": _l("Removed from a cohort"),
    "cohort_exported": _l("Cohort progress downloaded"),
    "activity_created": _l("Activity recorded"),
    "activity_changed": _l("Activity record changed"),
    "activity_deleted": _l("Activity record deleted"),
    "report_downloaded": _l("Funder report downloaded"),
}


def action_label(action: str) -> str:
    """Return the translated label of an audit action (the code itself if unknown)."""
    return str(ACTION_LABELS.get(action, action))
