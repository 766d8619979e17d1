"""Authorisation rows for cohorts and printable invitation cards (see test_authz.py)."""

from lms.extensions import db
from lms.programme.models import Cohort, CohortMember

STAFF = ["staff", "admin"]
ANY_STAFF = STAFF + ["other_staff", "other_admin"]  # each sees and acts in their own organisation


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    """A cohort of the first organisation with its learner and mentor."""
    cohort = Cohort(organisation_id=world.org.id, name="Spring English group")
    db.session.add(cohort)
    db.session.flush()
    learner = CohortMember(cohort_id=cohort.id, user_id=world.users["learner"].id, role="learner")
    db.session.add_all(
        [
            learner,
            CohortMember(cohort_id=cohort.id, user_id=world.users["mentor"].id, role="mentor"),
        ]
    )
    db.session.flush()
    return {"cohort": cohort.id, "cohort_member": learner.id}


PAGES = [
    ("/staff/cohorts", ANY_STAFF),
    ("/staff/cohorts/{cohort}", STAFF),
    ("/staff/cohorts/{cohort}/edit", STAFF),
    ("/staff/cohorts/{cohort}.csv", STAFF),
    ("/staff/invitations/cards", ANY_STAFF),
]

ACTIONS = [
    ("/staff/cohorts", ANY_STAFF, {"name": "Autumn group"}),
    ("/staff/cohorts/{cohort}/members", STAFF, {"learner": "learner2"}),
    ("/staff/cohorts/{cohort}/members/{cohort_member}/remove", STAFF, {}),
    ("/staff/cohorts/{cohort}/edit", STAFF, {"name": "Spring English group 2"}),
    ("/staff/cohorts/{cohort}/archive", STAFF, {}),
    ("/staff/invitations/cards", ANY_STAFF, {"role": "learner", "count": "2", "days": "7"}),
]
