"""Authorisation rows for stories (see test_authz.py): drafts are their author's; review is
the chosen mentor's; requests are answered by the member; staff pages are staff's."""

from datetime import timedelta

from lms.extensions import db
from lms.stories import services
from lms.stories.models import StoryComment

MEMBERS = ["learner", "mentor", "staff", "admin", "other_staff", "other_admin"]
STAFF = ["staff", "admin"]
# Pages with no object on them: each organisation's staff have their own.
ANY_STAFF = ["staff", "admin", "other_staff", "other_admin"]


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    """The learner's story, shared for review with their mentor, with a comment; a request."""
    learner = world.users["learner"]
    story = services.create_story(learner.id, world.org.id, "Mine", "en", "Private words")
    story.review_mentor_id = world.users["mentor"].id
    comment = StoryComment(story_id=story.id, author_id=world.users["mentor"].id, body="Nice")
    db.session.add(comment)
    agreement = services.request_use(
        world.org.id,
        world.users["staff"].id,
        learner.id,
        {
            "purpose": "talk",
            "audience": "A meeting",
            "until": services.today() + timedelta(days=10),
            "name_choice": "none",
            "public_page": True,
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
