"""Loading a message for the signed-in member: only their own (404 otherwise)."""

from flask import abort
from flask_login import current_user

from lms.extensions import db

from .models import Notification


def own_notification_or_404(notification_id: int) -> Notification:
    note = db.session.get(Notification, notification_id)
    if note is None or note.user_id != current_user.id:
        abort(404)
    return note
