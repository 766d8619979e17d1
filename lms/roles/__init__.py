"""Roles: engagement roles, their transparent checklists, mentor conversations, staff vetting."""
