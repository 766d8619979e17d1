"""Authorisation rows for activity records and the funder report (see test_authz.py)."""

import tempfile
from datetime import date
from pathlib import Path

from flask import current_app

from lms.extensions import db
from lms.programme.models import Activity

STAFF = ["staff", "admin"]
ANY_STAFF = STAFF + ["other_staff", "other_admin"]  # each sees and acts in their own organisation


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    """An activity record of the first organisation, with a small PDF as evidence."""
    folder = Path(tempfile.mkdtemp(prefix="evidence-"))
    current_app.config["LMS_EVIDENCE_DIR"] = str(folder)
    (folder / str(world.org.id)).mkdir()
    (folder / str(world.org.id) / "authz.pdf").write_bytes(b"%PDF-1.4 test")
    activity = Activity(
        organisation_id=world.org.id,
        held_on=date(2026, 3, 1),
        kind="training",
        attendance=12,
        evidence_file="authz.pdf",
        evidence_type="application/pdf",
        evidence_size=13,
    )
    db.session.add(activity)
    db.session.flush()
    return {"activity": activity.id}


PAGES = [
    ("/staff/activities", ANY_STAFF),
    ("/staff/activities/new", ANY_STAFF),
    ("/staff/activities/{activity}", STAFF),
    ("/staff/activities/{activity}/evidence", STAFF),
    ("/staff/report", ANY_STAFF),
    ("/staff/report.pdf", ANY_STAFF),
]

ACTIONS = [
    (
        "/staff/activities/new",
        ANY_STAFF,
        {"held_on": "2026-03-02", "kind": "outreach", "attendance": "7"},
    ),
    (
        "/staff/activities/{activity}",
        STAFF,
        {"held_on": "2026-03-01", "kind": "training", "attendance": "14"},
    ),
    ("/staff/activities/{activity}/delete", STAFF, {}),
]
