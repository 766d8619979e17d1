"""Signing keys, issued Open Badge credentials (their status index) and each holder's secret."""

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.timeutil import utcnow


class SigningKey(db.Model):
    __tablename__ = "signing_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kid: Mapped[str] = mapped_column(db.String(40), unique=True)
    public_key: Mapped[str] = mapped_column(db.String(64))  # base64url of the raw 32 bytes
    # Encrypted with a key derived from LMS_SIGNING_KEY (or LMS_SECRET_KEY): a copied
    # database alone cannot sign credentials.
    private_key_encrypted: Mapped[str] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A retired key signs nothing new but stays published, so earlier credentials verify.
    retired_at: Mapped[datetime | None] = mapped_column()


class IssuedCredential(db.Model):
    __tablename__ = "issued_credentials"
    __table_args__ = (
        UniqueConstraint("organisation_id", "status_index", name="uq_issued_credentials_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Kept when the certificate goes (account deleted): its index then reads "revoked".
    certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificates.id", ondelete="SET NULL"), index=True
    )
    credential_id: Mapped[str] = mapped_column(db.String(60), unique=True)
    status_index: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class HolderSecret(db.Model):
    """A random secret per learner; credentials carry only its salted hash."""

    __tablename__ = "credential_holders"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    secret_encrypted: Mapped[str] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
