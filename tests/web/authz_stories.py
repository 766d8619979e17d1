"""Authorisation rows for stories (see test_authz.py): drafts are their author's; review is
the chosen mentor's; requests are answered by the member; staff pages are staff's."""

import io
import tempfile
from datetime import timedelta
from pathlib import Path

from flask import current_app
from PIL import Image

from lms.extensions import db
from lms.stories import pictures, services
from lms.stories.models import StoryComment

MEMBERS = ["learner", "mentor", "staff", "admin", "other_staff", "other_admin"]
STAFF = ["staff", "admin"]
# Pages with no object on them: each organisation's staff have their own.
ANY_STAFF = ["staff", "admin", "other_staff", "other_admin"]


def _uploads() -> Path:
    """A throwaway uploads folder (another matrix may have made one already: share it)."""
    folder = Path(current_app.config["LMS_EVIDENCE_DIR"])
    if not folder.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve()):
        folder = Path(tempfile.mkdtemp(prefix="evidence-"))
        current_app.config["LMS_EVIDENCE_DIR"] = str(folder)
    return folder


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    """The learner's story with a picture, shared for review with their mentor, with a
    comment, its version offered to staff; a request for it with the picture."""
    learner = world.users["learner"]
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(photo, "PNG")
    stored = pictures.store(_uploads(), world.org.id, photo.getvalue())
    story = services.create_story(
        learner.id, world.org.id, "Mine", "en", "Private words", picture=stored
    )
    services.offer(story.versions[0], learner.id, world.org.id)
    story.review_mentor_id = world.users["mentor"].id
    comment = StoryComment(story_id=story.id, author_id=world.users["mentor"].id, body="Nice")
    db.session.add(comment)
    agreement = services.request_use(
        world.org.id,
        world.users["staff"].id,
        story.versions[0],
        {
            "purpose": "talk",
            "audience": "A meeting",
            "until": services.today() + timedelta(days=10),
            "name_choice": "none",
            "public_page": True,
            "picture": "with",
        },
    )
    db.session.flush()
    return {
        "story": story.id,
        "version": story.versions[0].id,
        "story_comment": comment.id,
        "story_agreement": agreement.id,
    }


PAGES = [
    ("/stories", MEMBERS),
    ("/stories/never-public", MEMBERS),
    ("/stories/review", MEMBERS),
    ("/stories/{story}", ["learner"]),
    ("/stories/{story}/versions/{version}", ["learner"]),
    ("/stories/{story}/versions/{version}/picture", ["learner"]),
    ("/stories/review/{story}", ["mentor"]),
    ("/stories/requests/{story_agreement}", ["learner"]),
    ("/staff/stories", ANY_STAFF),
    ("/staff/stories/names", ANY_STAFF),
    ("/staff/stories/{story_agreement}", STAFF),
]

ACTIONS = [
    ("/stories", MEMBERS, {"title": "A title", "language": "en", "text": "Words"}),
    ("/stories/never-public", MEMBERS, {"words": "Kampot"}),
    ("/stories/{story}", ["learner"], {"title": "Mine", "language": "en", "text": "New"}),
    ("/stories/{story}/review", ["learner"], {}),
    ("/stories/{story}/review/stop", ["learner"], {}),
    ("/stories/{story}/comments/{story_comment}/resolved", ["learner"], {}),
    ("/stories/{story}/delete", ["learner"], {}),
    ("/stories/{story}/versions/{version}/offer", ["learner"], {}),
    ("/stories/{story}/versions/{version}/stop-offering", ["learner"], {}),
    ("/stories/review/{story}", ["mentor"], {"body": "A thought"}),
    ("/stories/requests/{story_agreement}/decline", ["learner"], {}),
    ("/stories/requests/{story_agreement}/withdraw", ["learner"], {}),
    ("/staff/stories/{story_agreement}/taken-down", STAFF, {}),
    ("/staff/stories/{story_agreement}/cancel", STAFF, {}),
    ("/staff/stories/names", ANY_STAFF, {"words": "Rahim"}),
]


def REFUSAL(role, template, allowed):  # noqa: N802
    """A member's story, request or review page: everyone else gets "not found" (not even
    its existence is shown), except someone in no organisation at all (403)."""
    if template.startswith("/stories/") and "{" in template:
        return 403 if role == "platform" else 404
    return None
