"""Running a programme: cohorts, printable invitations, activity records and funder reports."""
