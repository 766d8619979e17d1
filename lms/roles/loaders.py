"""Loading a role or a role application for the signed-in member (404 otherwise)."""

from flask import abort, g

from lms.orgs.context import in_organisation_or_404

from . import services
from .models import RoleApplication, RoleSetting
from .requirements import Role


def enabled_role_or_404(slug: str) -> tuple[Role, RoleSetting]:
    """A role of the catalogue that the current organisation has switched on."""
    for role, setting in services.org_roles(g.membership.organisation_id):
        if role.slug == slug:
            return role, setting
    abort(404)


def application_or_404(application_id: int) -> tuple[RoleApplication, Role, RoleSetting]:
    """An application in the current organisation (for its staff), with its role and the
    organisation's setting for it; a role gone from the catalogue is not found either."""
    application = in_organisation_or_404(RoleApplication, application_id)
    for role, setting in services.org_roles(g.membership.organisation_id, include_disabled=True):
        if role.slug == application.role_slug:
            return application, role, setting
    abort(404)
