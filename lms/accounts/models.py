"""The person behind an account: a username that may be a pseudonym, and little else."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(db.String(30))
    # Case-folded NFKC form: one person per name however it is typed.
    username_key: Mapped[str] = mapped_column(db.String(120), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(db.String(60))
    password_hash: Mapped[str | None] = mapped_column(db.String(255))
    email: Mapped[str | None] = mapped_column(db.String(254))
    locale: Mapped[str] = mapped_column(db.String(10), default="en")
    is_platform_admin: Mapped[bool] = mapped_column(default=False)
    # Bumped by "sign out on all devices" and password changes; sessions carry the old value.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when a staff-issued reset code was used, so the member is told at next sign-in.
    password_reset_at: Mapped[datetime | None] = mapped_column()
    reset_notice_pending: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime | None] = mapped_column()

    def get_id(self) -> str:
        # Flask-Login stores this in the session; a changed version signs old sessions out.
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    def __repr__(self) -> str:
        return f"<User {self.id}>"
