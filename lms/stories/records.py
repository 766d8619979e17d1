"""A member's stories in their data export, and what account deletion does to them."""

import base64

from lms.accounts import lifecycle
from lms.extensions import db
from lms.timeutil import iso

from . import agreements, pictures, services
from .models import PrivateWords, Story, StoryAgreement, StoryComment


def _pictures(story) -> dict:
    found = {}
    for name in sorted(services.picture_files(story)):
        path = pictures.path_of(services.uploads_dir(), story.organisation_id, name)
        if path is not None:
            found[name] = base64.b64encode(path.read_bytes()).decode("ascii")
    return found


@lifecycle.exporter("stories")
def _export(user) -> dict:
    stories = db.session.scalars(db.select(Story).where(Story.user_id == user.id)).all()
    agreed = db.session.scalars(
        db.select(StoryAgreement).where(StoryAgreement.member_id == user.id)
    ).all()
    return {
        "never_public_words": services.private_words(user.id),
        "stories": [
            {
                "title": story.title,
                "created_at": iso(story.created_at),
                "versions": [
                    {
                        "id": v.id,
                        "created_at": iso(v.created_at),
                        "language": v.language,
                        "text": v.text,
                        "picture": v.picture_file,
                        "offered_to_staff_at": iso(v.offered_at),
                    }
                    for v in story.versions
                ],
                "comments": [
                    {
                        "quote": c.quote,
                        "comment": c.body,
                        "status": c.status,
                        "created_at": iso(c.created_at),
                    }
                    for c in services.comments(story)
                ],
                # Each picture once (versions share a file until it changes), as stored:
                # already without any metadata.
                "pictures": _pictures(story),
            }
            for story in stories
        ],
        "agreements": [
            {
                "purpose": a.purpose,
                "audience": a.audience,
                "until": a.until.isoformat(),
                "version_id": a.version_id,
                "picture": a.picture,
                "name_choice": a.name_choice,
                "shown_name": a.shown_name,
                "public_page": a.public_page,
                "allow_indexing": a.allow_indexing,
                "status": agreements.shown_status(a.status, a.until, services.today()),
                "requested_at": iso(a.created_at),
                "answered_at": iso(a.answered_at),
                "withdrawn_at": iso(a.withdrawn_at),
                "takedown_confirmed_at": iso(a.takedown_confirmed_at),
                # Every recorded step, as the member sees it on the request page.
                "steps": [
                    {"step": e.action, "at": iso(e.created_at)} for e in services.timeline(a)
                ],
            }
            for a in agreed
        ],
    }


@lifecycle.on_delete
def _delete(user) -> None:
    """Withdraw every agreement (staff are told to take it down), then delete the drafts."""
    for agreement in db.session.scalars(
        db.select(StoryAgreement).where(StoryAgreement.member_id == user.id)
    ):
        if agreement.status in (agreements.REQUESTED, agreements.AGREED):
            services.withdraw(agreement, user.id)
        agreement.shown_name = None
    for story in db.session.scalars(db.select(Story).where(Story.user_id == user.id)).all():
        services.delete_story(story)
    db.session.execute(db.delete(StoryComment).where(StoryComment.author_id == user.id))
    db.session.execute(db.delete(PrivateWords).where(PrivateWords.user_id == user.id))
    db.session.execute(
        db.update(Story).where(Story.review_mentor_id == user.id).values(review_mentor_id=None)
    )
