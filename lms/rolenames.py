"""The names of the roles a member can hold in an organisation, and the role sets: the one
definition, at the bottom of the import graph so that `accounts` (below `orgs`) can use it
without an import cycle. `lms.orgs.roles` re-exports these with the rules that use them;
features import them from there. Pure: no imports at all."""

LEARNER, MENTOR, STAFF, ADMIN = "learner", "mentor", "staff", "admin"
# Every role a member can hold, least senior first (`orgs.roles.outranks` relies on this order).
ROLES = (LEARNER, MENTOR, STAFF, ADMIN)
# Staff run the organisation's programme; admins are staff who also change its settings.
STAFF_ROLES = (STAFF, ADMIN)
# Who may mentor a learner and help with a need: mentors, and staff or admins (who can be
# assigned as someone's mentor too). The mentor's pages and the need pages admit these.
HELPER_ROLES = (MENTOR, STAFF, ADMIN)
