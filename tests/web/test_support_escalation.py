"""A page view never changes another organisation's data: escalation runs in the daily job."""

from datetime import timedelta

from lms.extensions import db
from lms.needs.models import Need
from lms.notifications.models import Notification
from lms.timeutil import utcnow

from .test_bad_requests import snapshot
from .test_needs import make_need, signed_in


def test_opening_support_requests_escalates_nothing_the_daily_job_does(app, runner, world):
    ours = make_need(world, urgency="today")
    theirs = make_need(world, learner="other_learner", organisation_id=world.other_org.id)
    for need in (ours, theirs):
        need.created_at = utcnow() - timedelta(days=5)
    db.session.commit()
    staff = signed_in(app, "staff")
    before = snapshot()
    assert staff.get("/staff/support-requests").status_code == 200
    after = snapshot()
    # The only writes a page view may make: records that this organisation's staff looked.
    viewed = after.pop("access_records")
    assert all(row[3] == world.org.id for row in viewed)
    before.pop("access_records")
    assert after == before  # neither organisation's requests nor anyone's notices

    result = runner.invoke(args=["pathways", "daily"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Need, ours.id).escalated_at is not None
    assert db.session.get(Need, theirs.id).escalated_at is not None
    told = db.session.scalars(
        db.select(Notification.user_id).where(Notification.kind == "support_escalated")
    ).all()
    assert world.users["staff"].id in told and world.users["other_staff"].id in told
    assert "Passed to staff" in staff.get("/staff/support-requests").get_data(as_text=True)
