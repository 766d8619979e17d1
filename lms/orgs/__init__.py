"""Organisations: invitations, members, mentors, support contacts, and the audit log."""
