"""The person behind an account: a username that may be a pseudonym, and little else."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey
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
    # Set when a reset code was used; the member is asked "was this you?" at every sign-in
    # until they answer, so someone else's first sign-in cannot hide the reset from them.
    password_reset_at: Mapped[datetime | None] = mapped_column()
    reset_notice_pending: Mapped[bool] = mapped_column(default=False)
    # Two-step sign-in: the authenticator secret, encrypted with a key derived from the app's
    # secret (see accounts/twostep.py). Set but not enabled while the member is enrolling.
    totp_secret: Mapped[str | None] = mapped_column(db.String(255))
    totp_enabled_at: Mapped[datetime | None] = mapped_column()
    # The last 30-second step a code was accepted for: the same code never works twice.
    totp_last_step: Mapped[int | None] = mapped_column()
    deleted_at: Mapped[datetime | None] = mapped_column()

    def get_id(self) -> str:
        # Flask-Login stores this in the session; a changed version signs old sessions out.
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class UserSession(db.Model):
    """One signed-in browser. The cookie holds a random id whose hash is stored here, so
    signing out or the quick exit ends the session on the server and a copied cookie is dead."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Coarse on purpose (to the hour): enough to tidy up, too little to follow someone's day.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class RecoveryCode(db.Model):
    """A one-time code for two-step sign-in when the phone is lost. Only a hash is stored."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(db.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column()
