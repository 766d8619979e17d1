"""Mentoring: the mentor's dashboard, goals agreed with learners, and mentor notes."""
