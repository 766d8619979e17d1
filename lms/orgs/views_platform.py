"""The platform administrator's pages: organisations only, never members' records."""

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user

from lms.extensions import db
from lms.urls import absolute_url

from . import services
from .context import platform_admin_required
from .forms import NewOrganisationForm
from .models import Membership, Organisation
from .views_members import bp


@bp.route("/platform/organisations", methods=["GET", "POST"])
@platform_admin_required
def platform_organisations():
    form = NewOrganisationForm()
    if form.validate_on_submit():
        organisation = None
        if not services.organisation_name_taken(form.name.data):
            # None when the same name was sent at the same moment (a double tap).
            organisation = services.create_organisation(form.name.data, current_user.id)
        if organisation is None:
            db.session.rollback()
            form.name.errors.append(_("An organisation with this name already exists."))
        else:
            invitation, code = services.create_invitation(
                organisation.id, "admin", current_user.id, current_app.config["LMS_INVITE_DAYS"]
            )
            db.session.commit()
            return render_template(
                "orgs/platform/created.html",
                organisation=organisation,
                code=code,
                invitation=invitation,
                link=absolute_url("/join?code=" + code),
            )
    counts = dict(
        db.session.execute(
            db.select(Membership.organisation_id, db.func.count(Membership.id)).group_by(
                Membership.organisation_id
            )
        ).all()
    )
    organisations = db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all()
    return render_template(
        "orgs/platform/organisations.html", form=form, organisations=organisations, counts=counts
    ), 400 if form.errors else 200
