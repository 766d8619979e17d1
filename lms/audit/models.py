"""One row per sensitive action; kept small (no addresses, no free text about people)."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import utcnow

if TYPE_CHECKING:  # accounts writes audit records, so audit names User only for type checkers
    from lms.accounts.models import User


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(db.String(60))
    object_type: Mapped[str] = mapped_column(db.String(40))
    object_id: Mapped[int | None] = mapped_column()
    # The member the action was about, so their data export can list it.
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped["User | None"] = relationship(foreign_keys=[actor_id])
    subject: Mapped["User | None"] = relationship(foreign_keys=[subject_user_id])


def record(
    action: str,
    *,
    actor_id: int | None,
    organisation_id: int | None,
    object_type: str,
    object_id: int | None = None,
    subject_user_id: int | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Add an audit event to the session; the caller's commit stores it with the action itself."""
    event = AuditEvent(
        action=action,
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type=object_type,
        object_id=object_id,
        subject_user_id=subject_user_id,
        detail=detail or {},
    )
    db.session.add(event)
    return event
