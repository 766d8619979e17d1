"""Running a programme: cohorts, printable invitations, activity records and the funder report.

The project's ARCHITECTURE.md planned a `reports` package ("cohort and activity reports");
this is it, named for all it holds: staff also create and edit cohorts, record activities
with evidence files and print invitations here, which "reports" would hide. The report
itself is `report.py` (shaping, pure), `report_queries.py` and `suppression.py` (pure).
"""
