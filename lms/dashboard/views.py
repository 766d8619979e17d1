"""The home page: a welcome for visitors, and a calm overview for signed-in members."""

from flask import render_template
from flask_login import current_user

from lms.orgs.context import current_membership
from lms.orgs.invites import STAFF_ROLES
from lms.orgs.services import mentors_of

from . import bp


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return render_template("dashboard/welcome.html")
    membership = current_membership()
    mentors = mentors_of(membership.organisation_id, current_user.id) if membership else []
    return render_template(
        "dashboard/home.html",
        membership=membership,
        mentors=mentors,
        is_staff=membership is not None and membership.role in STAFF_ROLES,
    )
