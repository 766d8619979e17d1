"""Story work that touches the database: drafts and versions, review, agreements, withdrawal.

Each function adds to the session (with its audit record and notifications); the view commits.
Who may see a story is asked of the access policy through `story_access`.
"""

import secrets
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy.exc import IntegrityError

from lms.access import services as access
from lms.access.policy import STORY_AGREED, STORY_DRAFT, Decision, StoryShare
from lms.audit.models import AuditEvent, record
from lms.extensions import db
from lms.notifications.models import notify
from lms.orgs.models import Membership, MentorAssignment
from lms.orgs.roles import STAFF_ROLES
from lms.programme.evidence import Stored
from lms.timeutil import utcnow

from . import agreements, details, pictures
from .models import (
    OrganisationNames,
    PrivateWords,
    Story,
    StoryAgreement,
    StoryComment,
    StoryVersion,
)

AGREEMENT = "story_agreement"


def today() -> date:
    return utcnow().date()


# --- Drafts and versions -------------------------------------------------------------------


def my_stories(user_id: int, organisation_id: int) -> list[Story]:
    return db.session.scalars(
        db.select(Story)
        .where(Story.user_id == user_id, Story.organisation_id == organisation_id)
        .order_by(Story.updated_at.desc(), Story.id.desc())
    ).all()


def latest(story: Story) -> StoryVersion | None:
    return story.versions[-1] if story.versions else None


def create_story(
    user_id: int,
    organisation_id: int,
    title: str,
    language: str,
    text: str,
    picture: Stored | None = None,
) -> Story:
    """Start a story with its first version (and its picture, already cleaned and stored)."""
    story = Story(user_id=user_id, organisation_id=organisation_id, title=title.strip())
    db.session.add(story)
    version = StoryVersion(language=language, text=text)
    if picture is not None:
        version.picture_file, version.picture_type = picture.name, picture.mime
    story.versions.append(version)
    db.session.flush()
    return story


def save_version(
    story: Story,
    title: str,
    language: str,
    text: str,
    picture: Stored | None = None,
    remove_picture: bool = False,
) -> StoryVersion:
    """Keep a new version on every save; older versions stay as they were.

    The picture carries over from the latest version unless a new one is given or the member
    removes it; the old file stays, since earlier versions (and agreements) still show it.
    """
    before = latest(story)
    story.title = title.strip()
    story.updated_at = utcnow()
    version = StoryVersion(language=language, text=text)
    if picture is not None:
        version.picture_file, version.picture_type = picture.name, picture.mime
    elif before is not None and not remove_picture:
        version.picture_file, version.picture_type = before.picture_file, before.picture_type
    story.versions.append(version)
    db.session.flush()
    return version


def picture_files(story: Story) -> set[str]:
    return {v.picture_file for v in story.versions if v.picture_file}


def delete_story(story: Story, uploads: Path | None = None) -> None:
    """Delete a story, its versions, comments and pictures; agreements on it are withdrawn
    first."""
    for agreement in db.session.scalars(
        db.select(StoryAgreement).where(StoryAgreement.story_id == story.id)
    ):
        if agreement.status in (agreements.REQUESTED, agreements.AGREED):
            withdraw(agreement, story.user_id)
        agreement.story_id = None
        agreement.version_id = None
    files, organisation_id = picture_files(story), story.organisation_id
    db.session.execute(db.delete(StoryComment).where(StoryComment.story_id == story.id))
    db.session.delete(story)
    db.session.flush()
    for name in files:
        pictures.remove(uploads or uploads_dir(), organisation_id, name)


def uploads_dir() -> Path:
    return Path(current_app.config["LMS_EVIDENCE_DIR"])


# --- Offering a version to staff -------------------------------------------------------------


# Audit actions: the offer of a version, its end, and a waiting request closed by that end.
VERSION = "story_version"
OFFERED, OFFER_STOPPED = "story_version_offered", "story_version_offer_stopped"
CLOSED_BY_OFFER_STOP = "story_request_closed_offer_stopped"


def offer(version: StoryVersion, member_id: int, organisation_id: int) -> None:
    """The member lets staff know this version may be asked for (staff still cannot read it).

    Staff are told in neutral words (never the title or the text), and the offer is recorded.
    """
    if version.offered_at is not None:
        return  # offered already: nothing new to tell or record
    version.offered_at = utcnow()
    _version_step(OFFERED, member_id, organisation_id, version)
    _notify_staff(organisation_id, "story_version_offered", "/staff/stories")


def stop_offering(version: StoryVersion, member_id: int, organisation_id: int) -> int:
    """Staff can no longer ask for this version. Requests for it the member has not answered
    are closed, as withdrawn by the member (no reason asked); return how many.

    Requests the member already agreed to stay as they are: only the member withdraws those,
    one by one, because withdrawing one means a take-down.
    """
    if version.offered_at is None:
        return 0
    version.offered_at = None
    _version_step(OFFER_STOPPED, member_id, organisation_id, version)
    waiting = db.session.scalars(
        db.select(StoryAgreement).where(
            StoryAgreement.version_id == version.id,
            StoryAgreement.member_id == member_id,
            StoryAgreement.status == agreements.REQUESTED,
        )
    ).all()
    for agreement in waiting:
        agreement.status = agreements.next_status(
            "withdraw", agreements.MEMBER, agreement.status, agreement.until, today()
        )
        agreement.withdrawn_at = utcnow()
        _step(CLOSED_BY_OFFER_STOP, member_id, agreement)
        if agreement.requested_by_id is not None:
            notify(
                agreement.requested_by_id,
                "story_request_closed",
                organisation_id=agreement.organisation_id,
                link=f"/staff/stories/{agreement.id}",
            )
    return len(waiting)


def _version_step(action: str, member_id: int, organisation_id: int, version) -> None:
    record(
        action,
        actor_id=member_id,
        organisation_id=organisation_id,
        object_type=VERSION,
        object_id=version.id,
        subject_user_id=member_id,
    )


def closed_by_offer_stop(agreement: StoryAgreement) -> bool:
    """Whether this request was closed because the member stopped offering its version."""
    return any(step.action == CLOSED_BY_OFFER_STOP for step in timeline(agreement))


def offered_versions(organisation_id: int) -> list[tuple[StoryVersion, Story]]:
    """Versions members of this organisation offered, newest first (for staff to ask for)."""
    return db.session.execute(
        db.select(StoryVersion, Story)
        .join(Story, StoryVersion.story_id == Story.id)
        .where(Story.organisation_id == organisation_id, StoryVersion.offered_at.is_not(None))
        .order_by(StoryVersion.offered_at.desc(), StoryVersion.id.desc())
    ).all()


def offered_version(version_id: int, organisation_id: int) -> StoryVersion | None:
    """Return the version if a member of this organisation offered it, else None."""
    version = db.session.get(StoryVersion, version_id)
    if version is None or version.offered_at is None:
        return None
    if version.story.organisation_id != organisation_id:
        return None
    return version


# --- Lists of words: created if missing, safely when two requests race ---------------------


def _get_or_create(model, **keys):
    row = db.session.scalar(db.select(model).filter_by(**keys))
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = model(**keys)
            db.session.add(row)
    except IntegrityError:
        # Another request made it first (unique key); use theirs.
        row = db.session.scalar(db.select(model).filter_by(**keys))
    return row


def private_words(user_id: int) -> list[str]:
    row = db.session.scalar(db.select(PrivateWords).where(PrivateWords.user_id == user_id))
    return details.parse_terms(row.words) if row else []


def set_private_words(user_id: int, text: str) -> None:
    row = _get_or_create(PrivateWords, user_id=user_id)
    row.words = "\n".join(details.parse_terms(text))


def organisation_names(organisation_id: int) -> list[str]:
    row = db.session.scalar(
        db.select(OrganisationNames).where(OrganisationNames.organisation_id == organisation_id)
    )
    return details.parse_terms(row.names) if row else []


def set_organisation_names(organisation_id: int, text: str, actor_id: int) -> None:
    row = _get_or_create(OrganisationNames, organisation_id=organisation_id)
    row.names = "\n".join(details.parse_terms(text))
    record(
        "settings_changed",
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type="story_names",
        object_id=row.id,
    )


def notes_for(text: str, user_id: int, organisation_id: int) -> list[details.Note]:
    return details.find_details(text, private_words(user_id), organisation_names(organisation_id))


def redacted(text: str, user_id: int, organisation_id: int, words: dict, with_details: bool) -> str:
    """Return the text as it would be public: marked passages (and noted details) replaced."""
    notes = notes_for(text, user_id, organisation_id) if with_details else None
    return details.redact(text, words, notes)


# --- Who may read: the access policy decides, `see` records ---------------------------------


def story_share(story: Story, viewer_id: int) -> StoryShare:
    """Return what this story opens to the viewer: review by choice, or an agreement in force."""
    covers = db.session.scalar(
        db.select(StoryAgreement.id).where(
            StoryAgreement.story_id == story.id,
            StoryAgreement.status == agreements.AGREED,
            StoryAgreement.until >= today(),
        )
    )
    return StoryShare(
        shared_for_review=story.review_mentor_id == viewer_id, agreement_covers=covers is not None
    )


def see_draft(story: Story, viewer_id: int) -> Decision:
    """Ask the policy whether the viewer may read this draft; record the look when allowed."""
    return access.see(
        viewer_id,
        story.user_id,
        story.organisation_id,
        STORY_DRAFT,
        story.id,
        story_share(story, viewer_id),
    )


def see_agreed(agreement: StoryAgreement, viewer_id: int) -> Decision:
    """Ask the policy whether the viewer may read the version this agreement covers."""
    covers = agreements.in_force(agreement.status, agreement.until, today())
    return access.see(
        viewer_id,
        agreement.member_id,
        agreement.organisation_id,
        STORY_AGREED,
        agreement.id,
        StoryShare(agreement_covers=covers and agreement.version_id is not None),
    )


# --- Review by a mentor the member chooses ---------------------------------------------------


def my_mentors(user_id: int, organisation_id: int) -> list[int]:
    return db.session.scalars(
        db.select(MentorAssignment.mentor_id).where(
            MentorAssignment.learner_id == user_id,
            MentorAssignment.organisation_id == organisation_id,
        )
    ).all()


def share_for_review(story: Story, mentor_id: int) -> None:
    story.review_mentor_id = mentor_id
    notify(
        mentor_id,
        "story_review_requested",
        organisation_id=story.organisation_id,
        link=f"/stories/review/{story.id}",
    )


def stop_review(story: Story) -> None:
    story.review_mentor_id = None


def stories_for_review(mentor_id: int, organisation_id: int) -> list[Story]:
    return db.session.scalars(
        db.select(Story).where(
            Story.review_mentor_id == mentor_id, Story.organisation_id == organisation_id
        )
    ).all()


def comments(story: Story) -> list[StoryComment]:
    return db.session.scalars(
        db.select(StoryComment).where(StoryComment.story_id == story.id).order_by(StoryComment.id)
    ).all()


def add_comment(story: Story, author_id: int, quote: str, body: str) -> StoryComment:
    version = latest(story)
    comment = StoryComment(
        story_id=story.id,
        version_id=version.id if version else None,
        author_id=author_id,
        quote=quote.strip() or None,
        body=body.strip(),
    )
    db.session.add(comment)
    notify(
        story.user_id,
        "story_comment_added",
        organisation_id=story.organisation_id,
        link=f"/stories/{story.id}",
    )
    return comment


# --- Agreements for each use -----------------------------------------------------------------


def new_code() -> str:
    return secrets.token_urlsafe(18)


def request_use(
    organisation_id: int, staff_id: int, version: StoryVersion, data: dict
) -> StoryAgreement:
    """Staff ask a member for one use of one version they offered; only the member can agree."""
    problem = agreements.picture_problem(data["picture"], bool(version.picture_file))
    if problem or version.offered_at is None or version.story.organisation_id != organisation_id:
        raise agreements.NotAllowed(problem or "this version was not offered")
    agreement = StoryAgreement(
        organisation_id=organisation_id,
        member_id=version.story.user_id,
        requested_by_id=staff_id,
        story_id=version.story_id,
        version_id=version.id,
        purpose=data["purpose"],
        audience=data["audience"].strip(),
        until=data["until"],
        name_choice=data["name_choice"],
        public_page=bool(data["public_page"]),
        picture=data["picture"] == agreements.WITH_PICTURE,
        public_code=new_code(),
    )
    db.session.add(agreement)
    db.session.flush()
    _step("story_use_requested", staff_id, agreement)
    notify(
        agreement.member_id,
        "story_use_requested",
        organisation_id=organisation_id,
        link=f"/stories/requests/{agreement.id}",
    )
    return agreement


def _step(action: str, actor_id: int | None, agreement: StoryAgreement) -> None:
    record(
        action,
        actor_id=actor_id,
        organisation_id=agreement.organisation_id,
        object_type=AGREEMENT,
        object_id=agreement.id,
        subject_user_id=agreement.member_id,
    )


def member_agreements(user_id: int, organisation_id: int) -> list[StoryAgreement]:
    return db.session.scalars(
        db.select(StoryAgreement)
        .where(
            StoryAgreement.member_id == user_id, StoryAgreement.organisation_id == organisation_id
        )
        .order_by(StoryAgreement.id.desc())
    ).all()


def organisation_agreements(organisation_id: int) -> list[StoryAgreement]:
    return db.session.scalars(
        db.select(StoryAgreement)
        .where(StoryAgreement.organisation_id == organisation_id)
        .order_by(StoryAgreement.id.desc())
    ).all()


def agree(
    agreement: StoryAgreement,
    shown_name: str | None,
    allow_indexing: bool,
    redact_details: bool,
) -> None:
    """The member agrees to this use of exactly the version staff asked for, shown with this
    name (and its picture only if the request asked for it)."""
    if agreement.version_id is None:
        raise agreements.NotAllowed("the version is gone")
    agreement.status = agreements.next_status(
        "agree", agreements.MEMBER, agreement.status, agreement.until, today()
    )
    agreement.shown_name = agreements.shown_name(agreement.name_choice, shown_name)
    agreement.allow_indexing = bool(allow_indexing) and agreement.public_page
    agreement.redact_details = bool(redact_details)
    agreement.answered_at = utcnow()
    agreement.was_agreed = True
    _step("story_use_agreed", agreement.member_id, agreement)
    _tell_staff(agreement, "story_use_agreed")


def decline(agreement: StoryAgreement) -> None:
    agreement.status = agreements.next_status(
        "decline", agreements.MEMBER, agreement.status, agreement.until, today()
    )
    agreement.answered_at = utcnow()
    _step("story_use_declined", agreement.member_id, agreement)
    _tell_staff(agreement, "story_use_declined")


def withdraw(agreement: StoryAgreement, actor_id: int) -> None:
    """Withdraw at once, no reason asked: the public page is gone and staff are told."""
    agreement.status = agreements.next_status(
        "withdraw", agreements.MEMBER, agreement.status, agreement.until, today()
    )
    agreement.withdrawn_at = utcnow()
    _step("story_use_withdrawn", actor_id, agreement)
    _tell_staff(agreement, "story_use_withdrawn")


def confirm_takedown(agreement: StoryAgreement, staff_id: int) -> None:
    if not agreements.may_confirm_takedown(
        agreement.status, agreement.was_agreed, agreement.takedown_confirmed_at is not None
    ):
        raise agreements.NotAllowed("nothing to take down")
    agreement.takedown_confirmed_at = utcnow()
    agreement.takedown_confirmed_by_id = staff_id
    _step("story_takedown_confirmed", staff_id, agreement)
    notify(
        agreement.member_id,
        "story_takedown_confirmed",
        organisation_id=agreement.organisation_id,
        link=f"/stories/requests/{agreement.id}",
    )


def _tell_staff(agreement: StoryAgreement, kind: str) -> None:
    _notify_staff(agreement.organisation_id, kind, f"/staff/stories/{agreement.id}")


def _notify_staff(organisation_id: int, kind: str, link: str) -> None:
    staff = db.session.scalars(
        db.select(Membership.user_id).where(
            Membership.organisation_id == organisation_id,
            Membership.role.in_(STAFF_ROLES),
        )
    ).all()
    for user_id in staff:
        notify(user_id, kind, organisation_id=organisation_id, link=link)


def timeline(agreement: StoryAgreement) -> list[AuditEvent]:
    """Every recorded step of this agreement, oldest first (the member sees all of it)."""
    return db.session.scalars(
        db.select(AuditEvent)
        .where(AuditEvent.object_type == AGREEMENT, AuditEvent.object_id == agreement.id)
        .order_by(AuditEvent.id)
    ).all()


def public_agreement(code: str) -> StoryAgreement | None:
    """Return the agreement whose public page exists today, or None (as for an unknown code)."""
    agreement = db.session.scalar(
        db.select(StoryAgreement).where(StoryAgreement.public_code == code)
    )
    if agreement is None or agreement.version_id is None:
        return None
    if not agreements.is_public(agreement.status, agreement.until, today(), agreement.public_page):
        return None
    return agreement


def agreed_version(agreement: StoryAgreement) -> StoryVersion | None:
    return db.session.get(StoryVersion, agreement.version_id) if agreement.version_id else None


def agreed_picture(agreement: StoryAgreement) -> StoryVersion | None:
    """Return the version whose picture this agreement includes, or None (no picture)."""
    version = agreed_version(agreement)
    if version is None or not agreements.shows_picture(
        agreement.picture, bool(version.picture_file)
    ):
        return None
    return version
