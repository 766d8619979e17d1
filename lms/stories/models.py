"""Stories, their versions and review comments, the words kept out of public versions, and
agreements for each use of a story."""

from datetime import date, datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import utcnow

LANGUAGES = ("en", "zh_Hans", "bn")


class Story(db.Model):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(db.String(120))
    # The one mentor the member asked to read this story, if any (revocable: set to None).
    review_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list["StoryVersion"]] = relationship(
        back_populates="story",
        order_by="StoryVersion.id",
        cascade="all, delete-orphan",
    )


class StoryVersion(db.Model):
    """Every save of a draft keeps a version; an agreement names the version it covers.

    A version may carry one picture (a file stripped of all metadata; versions saved after it
    keep pointing to the same file until the member changes or removes it). A file is never
    changed once stored, so what a member agreed to stays exactly as it was.
    """

    __tablename__ = "story_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    language: Mapped[str] = mapped_column(db.String(10))
    text: Mapped[str] = mapped_column(db.Text)
    picture_file: Mapped[str | None] = mapped_column(db.String(60))
    picture_type: Mapped[str | None] = mapped_column(db.String(20))
    # Set when the member offers this version to staff, who may then ask to use it (they see
    # that it exists, its date and language, never its text until the member agrees).
    offered_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    story: Mapped[Story] = relationship(back_populates="versions")


class StoryComment(db.Model):
    """A mentor's comment beside the text; the member resolves or dismisses it."""

    __tablename__ = "story_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("story_versions.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    quote: Mapped[str | None] = mapped_column(db.String(300))
    body: Mapped[str] = mapped_column(db.Text)
    status: Mapped[str] = mapped_column(db.String(20), default="open")  # open/resolved/dismissed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PrivateWords(db.Model):
    """One member's "never public" list of names and places, one per line."""

    __tablename__ = "story_private_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    words: Mapped[str] = mapped_column(db.Text, default="")


class OrganisationNames(db.Model):
    """The small list of names (Latin, Chinese, Bengali) an organisation asks stories to note."""

    __tablename__ = "story_organisation_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    names: Mapped[str] = mapped_column(db.Text, default="")


class StoryAgreement(db.Model):
    """A request from staff to use a story, and the member's answer. Only the member agrees."""

    __tablename__ = "story_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Which story and version: named by staff in the request, from the versions the member
    # offered; the member agrees to exactly that version or says no.
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id"))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("story_versions.id"))
    purpose: Mapped[str] = mapped_column(db.String(20))
    audience: Mapped[str] = mapped_column(db.String(200))  # who will read or hear it, and where
    until: Mapped[date] = mapped_column()
    name_choice: Mapped[str] = mapped_column(db.String(20), default="none")
    shown_name: Mapped[str | None] = mapped_column(db.String(60))
    # Whether the version's picture is part of this use (never by default).
    picture: Mapped[bool] = mapped_column(default=False)
    public_page: Mapped[bool] = mapped_column(default=False)
    allow_indexing: Mapped[bool] = mapped_column(default=False)
    # Whether noted details (phone numbers, names...) are replaced too, not only marked passages.
    redact_details: Mapped[bool] = mapped_column(default=True)
    # A random code for the public page, never a row id.
    public_code: Mapped[str] = mapped_column(db.String(40), unique=True)
    status: Mapped[str] = mapped_column(db.String(20), default="requested")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column()
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    was_agreed: Mapped[bool] = mapped_column(default=False)
    takedown_confirmed_at: Mapped[datetime | None] = mapped_column()
    takedown_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
