"""The access policy, kind by kind, for every viewer role, relation and sharing state."""

import itertools

import pytest

from lms.access import policy
from lms.access.policy import (
    ADMIN,
    CERTIFICATES,
    CHECKIN_ANSWERS,
    CHECKIN_DONE,
    CHECKIN_SUMMARY,
    EXPORT,
    GOALS,
    KINDS,
    MENTOR,
    MENTOR_NOTES,
    NEEDS,
    OTHER,
    PROGRESS,
    QUIZ_RESULTS,
    ROLE_REQUIREMENTS,
    SELF,
    STAFF,
    STORY_AGREED,
    STORY_DRAFT,
    SUPPORT_REQUESTS,
    Sharing,
    StoryShare,
    decide,
    relation_of,
)

VIEWER_ROLES = ("learner", "mentor", "staff", "admin", None)
SHARING_STATES = [Sharing(*flags) for flags in itertools.product((False, True), repeat=3)]

# What an assigned mentor sees, by kind, given the member's sharing with them.
MENTOR_RULE = {
    PROGRESS: lambda s: s.progress,
    QUIZ_RESULTS: lambda s: s.progress,
    CERTIFICATES: lambda s: s.progress,
    CHECKIN_DONE: lambda s: s.checkin_summaries or s.checkin_answers,
    CHECKIN_SUMMARY: lambda s: s.checkin_summaries or s.checkin_answers,
    CHECKIN_ANSWERS: lambda s: s.checkin_answers,
    ROLE_REQUIREMENTS: lambda s: True,
    GOALS: lambda s: True,
    NEEDS: lambda s: True,
    SUPPORT_REQUESTS: lambda s: True,
    MENTOR_NOTES: lambda s: True,
    EXPORT: lambda s: False,
    # Stories are opened per story, never by the mentor sharing (see the story tests below).
    STORY_DRAFT: lambda s: False,
    STORY_AGREED: lambda s: False,
}
# What staff and admins see, whatever a member shares with their mentors.
STAFF_SEES = {
    PROGRESS,
    QUIZ_RESULTS,
    CERTIFICATES,
    ROLE_REQUIREMENTS,
    NEEDS,
    SUPPORT_REQUESTS,
    MENTOR_NOTES,
}


def expected(kind: str, relation: str, role: str | None, sharing: Sharing) -> bool:
    if relation == SELF:
        return True
    if role is None:
        return False
    if relation == MENTOR:
        if role == "learner":
            return False
        return MENTOR_RULE[kind](sharing) or (role in (STAFF, ADMIN) and kind in STAFF_SEES)
    if relation in (STAFF, ADMIN):
        return role == relation and kind in STAFF_SEES
    return False


def test_every_kind_has_a_rule():
    assert set(MENTOR_RULE) == set(KINDS) and STAFF_SEES < set(KINDS)


@pytest.mark.parametrize("sharing", SHARING_STATES, ids=repr)
@pytest.mark.parametrize("role", VIEWER_ROLES)
@pytest.mark.parametrize("relation", policy.RELATIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_viewer_role_and_sharing_state(kind, relation, role, sharing):
    decision = decide(kind, relation, role, sharing)
    assert decision.allowed is expected(kind, relation, role, sharing)
    assert bool(decision) is decision.allowed
    assert decision.reason and isinstance(decision.reason, str)


@pytest.mark.parametrize("role", VIEWER_ROLES)
@pytest.mark.parametrize("relation", policy.RELATIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_without_a_sharing_choice_a_mentor_sees_nothing_shared(kind, relation, role):
    """Passing no sharing means nothing is shared (deny by default), not the defaults."""
    assert decide(kind, relation, role, None).allowed is expected(
        kind, relation, role, policy.NOTHING_SHARED
    )


@pytest.mark.parametrize("role", VIEWER_ROLES)
@pytest.mark.parametrize("sharing", SHARING_STATES, ids=repr)
def test_staff_never_see_checkin_answers_unless_the_member_shares_them_as_mentee(role, sharing):
    for relation in (STAFF, ADMIN, OTHER):
        assert not decide(CHECKIN_ANSWERS, relation, role, sharing)
    assert bool(decide(CHECKIN_ANSWERS, MENTOR, "staff", sharing)) is sharing.checkin_answers


@pytest.mark.parametrize(
    ("kind", "relation", "role"),
    [
        ("everything", MENTOR, "mentor"),
        (PROGRESS, "friend", "mentor"),
        (PROGRESS, OTHER, "admin"),
        (PROGRESS, STAFF, "admin"),  # the relation must match the role
        (PROGRESS, STAFF, "platform"),
        (NEEDS, MENTOR, None),
    ],
)
def test_deny_by_default(kind, relation, role):
    decision = decide(kind, relation, role, Sharing(True, True, True))
    assert not decision and decision.reason


def test_reasons_say_why():
    assert decide(PROGRESS, MENTOR, "mentor", Sharing(progress=False)).reason == (
        "progress_not_shared"
    )
    assert decide(CHECKIN_ANSWERS, STAFF, "staff").reason == "staff_never_see_answers"
    assert decide(EXPORT, SELF, "learner").reason == "own_information"
    assert decide(PROGRESS, OTHER, "learner").reason == "no_relation"


def test_unsaved_sharing_is_progress_only():
    assert Sharing.from_choice(None) == Sharing(True, False, False)


def test_a_stored_choice_is_read_by_its_flags():
    class Stored:
        share_progress, share_checkin_summaries, share_checkin_answers = False, True, False

    assert Sharing.from_choice(Stored()) == Sharing(False, True, False)
    assert Sharing.from_choice(Stored()).checkins == "summary"
    assert Sharing(False, False, True).checkins == "answers"
    assert Sharing().checkins == "nothing"


@pytest.mark.parametrize(
    ("viewer", "role", "assigned", "relation"),
    [
        (1, "learner", False, SELF),
        (2, "mentor", True, MENTOR),
        (2, "staff", True, MENTOR),
        (2, "mentor", False, OTHER),
        (2, "staff", False, STAFF),
        (2, "admin", False, ADMIN),
        (2, "learner", True, OTHER),
        (2, None, False, OTHER),
        (None, None, False, OTHER),
    ],
)
def test_relation_of(viewer, role, assigned, relation):
    assert relation_of(viewer, 1, role, assigned) == relation


# --- Stories: opened per story (review by choice) or by an agreement in force ---------------

STORY_STATES = [StoryShare(*flags) for flags in itertools.product((False, True), repeat=2)]


def expected_story(kind: str, relation: str, role: str | None, story: StoryShare) -> bool:
    if relation == SELF:
        return True
    if role is None:
        return False
    if kind == STORY_DRAFT:
        # Only a mentor the member chose for this story; staff never see drafts as staff.
        return relation == MENTOR and role != "learner" and story.shared_for_review
    staff = relation in (STAFF, ADMIN) and role == relation
    staff_as_mentor = relation == MENTOR and role in (STAFF, ADMIN)
    return (staff or staff_as_mentor) and story.agreement_covers


@pytest.mark.parametrize("story", STORY_STATES, ids=repr)
@pytest.mark.parametrize("sharing", [Sharing(True, True, True), None], ids=repr)
@pytest.mark.parametrize("role", VIEWER_ROLES)
@pytest.mark.parametrize("relation", policy.RELATIONS)
@pytest.mark.parametrize("kind", [STORY_DRAFT, STORY_AGREED])
def test_story_kinds_for_every_viewer_and_share(kind, relation, role, sharing, story):
    decision = decide(kind, relation, role, sharing, story)
    assert decision.allowed is expected_story(kind, relation, role, story)
    assert decision.reason


@pytest.mark.parametrize("relation", policy.RELATIONS)
@pytest.mark.parametrize("role", VIEWER_ROLES)
def test_without_a_story_share_nobody_else_reads_a_story(relation, role):
    for kind in (STORY_DRAFT, STORY_AGREED):
        assert bool(decide(kind, relation, role, Sharing(True, True, True))) is (relation == SELF)


@pytest.mark.parametrize("story", STORY_STATES, ids=repr)
def test_staff_never_read_a_draft_even_with_an_agreement(story):
    for relation, role in ((STAFF, "staff"), (ADMIN, "admin"), (OTHER, "staff")):
        decision = decide(STORY_DRAFT, relation, role, None, story)
        assert not decision and decision.reason == "drafts_are_private"


def test_a_story_share_opens_nothing_else():
    everything = StoryShare(shared_for_review=True, agreement_covers=True)
    assert not decide(CHECKIN_ANSWERS, MENTOR, "mentor", policy.NOTHING_SHARED, everything)
    assert not decide(PROGRESS, OTHER, "learner", None, everything)
