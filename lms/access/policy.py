"""Who may see which kind of information about a member, and why: the one access policy.

Pure rules: plain values in, a `Decision` out; no Flask, no database. Everything else asks
this module (through `lms.access.services.see`, which also records the look). It is the
only code that reads a member's sharing choices, apart from the models and the screen
where the member makes them, so a choice cannot be honoured in one place and missed in
another. Deny by default: an unknown kind, relation or role is refused.
"""

from dataclasses import dataclass

from lms.orgs.roles import HELPER_ROLES, ROLES

PROGRESS = "progress"
QUIZ_RESULTS = "quiz_results"
CHECKIN_DONE = "checkin_done"
CHECKIN_SUMMARY = "checkin_summary"
CHECKIN_ANSWERS = "checkin_answers"
ROLE_REQUIREMENTS = "role_requirements"
GOALS = "goals"
NEEDS = "needs"
MENTOR_NOTES = "mentor_notes"
SUPPORT_REQUESTS = "support_requests"
CERTIFICATES = "certificates"
EXPORT = "export"
# A member's own story drafts (with their versions and review comments), and the version of a
# story that an agreement in force covers. See `StoryShare` for the inputs that open them.
STORY_DRAFT = "story_draft"
STORY_AGREED = "story_agreed"
STORY_KINDS = (STORY_DRAFT, STORY_AGREED)
KINDS = (
    PROGRESS,
    QUIZ_RESULTS,
    CHECKIN_DONE,
    CHECKIN_SUMMARY,
    CHECKIN_ANSWERS,
    ROLE_REQUIREMENTS,
    GOALS,
    NEEDS,
    MENTOR_NOTES,
    SUPPORT_REQUESTS,
    CERTIFICATES,
    EXPORT,
    STORY_DRAFT,
    STORY_AGREED,
)

# How the viewer stands to the member: the member themself, a mentor assigned to them in
# this organisation, the organisation's staff or admins, or anyone else.
SELF, MENTOR, STAFF, ADMIN, OTHER = "self", "mentor", "staff", "admin", "other"
RELATIONS = (SELF, MENTOR, STAFF, ADMIN, OTHER)
# The viewer's role in the organisation is one of `ROLES` (None: not a member of it).


@dataclass(frozen=True)
class Sharing:
    """What a member shares with one mentor. Unsaved, learning progress only."""

    progress: bool = True
    checkin_summaries: bool = False
    checkin_answers: bool = False

    @classmethod
    def from_choice(cls, choice) -> "Sharing":
        """Return the sharing held in a stored choice (any object with the three flags)."""
        if choice is None:
            return cls()
        return cls(
            progress=bool(choice.share_progress),
            checkin_summaries=bool(choice.share_checkin_summaries),
            checkin_answers=bool(choice.share_checkin_answers),
        )

    @property
    def checkins(self) -> str:
        """Return "answers", "summary" or "nothing": what of their check-ins reaches the mentor."""
        if self.checkin_answers:
            return "answers"
        return "summary" if self.checkin_summaries else "nothing"


NOTHING_SHARED = Sharing(progress=False, checkin_summaries=False, checkin_answers=False)


@dataclass(frozen=True)
class StoryShare:
    """What one story opens to one viewer; plain values the stories feature works out.

    `shared_for_review`: the member asked this viewer, as their mentor, to read this story
    (per story, revocable). `agreement_covers`: an agreement the member gave is in force and
    covers the version asked about. Nothing else opens a story to anyone.
    """

    shared_for_review: bool = False
    agreement_covers: bool = False


NOTHING_OF_THE_STORY = StoryShare()


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def relation_of(
    viewer_id: int | None, member_id: int, viewer_role: str | None, is_assigned_mentor: bool
) -> str:
    """Return how the viewer stands to the member in one organisation."""
    if viewer_id is not None and viewer_id == member_id:
        return SELF
    if is_assigned_mentor and viewer_role in HELPER_ROLES:
        return MENTOR
    if viewer_role in (STAFF, ADMIN):
        return viewer_role
    return OTHER


def _allow(reason: str) -> Decision:
    return Decision(True, reason)


def _deny(reason: str) -> Decision:
    return Decision(False, reason)


def _for_mentor(kind: str, sharing: Sharing) -> Decision:
    """An assigned mentor sees learning and check-ins only as far as the member shares them."""
    if kind in (PROGRESS, QUIZ_RESULTS, CERTIFICATES):
        return _allow("progress_shared") if sharing.progress else _deny("progress_not_shared")
    if kind in (CHECKIN_DONE, CHECKIN_SUMMARY):
        shared = sharing.checkin_summaries or sharing.checkin_answers
        return _allow("checkins_shared") if shared else _deny("checkins_not_shared")
    if kind == CHECKIN_ANSWERS:
        return _allow("answers_shared") if sharing.checkin_answers else _deny("answers_not_shared")
    if kind == ROLE_REQUIREMENTS:
        # Mentors hold the role conversation and endorse; the checklist is redacted to
        # "met / not met yet" where check-ins or progress are not shared.
        return _allow("mentor_supports_roles")
    if kind == GOALS:
        # Only goals the member marks as shared with mentors are shown (lms.mentoring.goals).
        return _allow("goals_shared_with_mentors")
    if kind in (NEEDS, SUPPORT_REQUESTS):
        return _allow("mentor_helps_with_needs")
    if kind == MENTOR_NOTES:
        # Which notes, exactly, is lms.mentoring.visibility.may_read_note.
        return _allow("mentor_writes_notes")
    return _deny("only_the_member")


def _for_staff(kind: str) -> Decision:
    """Staff run the programme: learning, roles and needs; never check-ins, goals or exports."""
    if kind in (PROGRESS, QUIZ_RESULTS, CERTIFICATES):
        return _allow("staff_run_the_programme")
    if kind == ROLE_REQUIREMENTS:
        return _allow("staff_confirm_roles")
    if kind in (NEEDS, SUPPORT_REQUESTS):
        return _allow("staff_answer_needs")
    if kind == MENTOR_NOTES:
        # Only notes kept back for safeguarding reach staff (lms.mentoring.visibility).
        return _allow("safeguarding")
    if kind == CHECKIN_ANSWERS:
        return _deny("staff_never_see_answers")
    if kind in (CHECKIN_DONE, CHECKIN_SUMMARY):
        return _deny("checkins_not_shared_with_staff")
    if kind == GOALS:
        return _deny("goals_are_with_mentors")
    return _deny("only_the_member")


def _for_story(kind: str, relation: str, viewer_role: str, story: StoryShare) -> Decision:
    """Drafts stay with the member, and a mentor they chose for that story; staff see only
    what an agreement in force covers, never a draft (not even as someone's mentor)."""
    if kind == STORY_DRAFT:
        if relation == MENTOR and viewer_role in HELPER_ROLES:
            if story.shared_for_review:
                return _allow("story_shared_for_review")
            return _deny("story_not_shared")
        return _deny("drafts_are_private")
    staff = relation in (STAFF, ADMIN) and viewer_role == relation
    staff_as_mentor = relation == MENTOR and viewer_role in (STAFF, ADMIN)
    if staff or staff_as_mentor:
        if story.agreement_covers:
            return _allow("member_agreed")
        return _deny("no_agreement")
    return _deny("only_the_member")


def decide(
    kind: str,
    relation: str,
    viewer_role: str | None,
    sharing: Sharing | None = None,
    story: StoryShare | None = None,
) -> Decision:
    """Return whether a viewer may see this kind of information about a member, and why.

    `sharing` is the member's choice for this viewer (only a mentor has one; None means
    nothing is shared). A staff member who is also the member's mentor sees what either
    standing allows, except check-in answers, which only the member's sharing opens.
    `story` says what one story opens to this viewer (None: nothing); only story kinds read it.
    """
    if kind not in KINDS:
        return _deny("unknown_kind")
    if relation not in RELATIONS:
        return _deny("unknown_relation")
    if relation == SELF:
        return _allow("own_information")
    if viewer_role not in ROLES:
        return _deny("not_in_organisation")
    if kind in STORY_KINDS:
        return _for_story(kind, relation, viewer_role, story or NOTHING_OF_THE_STORY)
    if relation == MENTOR:
        if viewer_role not in ("mentor", STAFF, ADMIN):
            return _deny("not_a_mentor")
        decision = _for_mentor(kind, sharing or NOTHING_SHARED)
        if decision or viewer_role not in (STAFF, ADMIN):
            return decision
        staff = _for_staff(kind)
        return staff if staff else decision
    if relation in (STAFF, ADMIN):
        if viewer_role != relation:
            return _deny("role_does_not_match")
        return _for_staff(kind)
    return _deny("no_relation")
