"""Which requirements of an engagement role hold for a member: pure rules, no Flask, no database.

Each requirement comes back as met / not yet / needs a conversation, with a message code
and a next helpful step (codes with parameters that the views translate). There is never
one score on the person, and a support signal (WHO-5, feeling unsafe) changes no status.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

MET, NOT_YET, CONVERSATION = "met", "not_yet", "conversation"
CATEGORIES = ("private", "public", "operational")
KINDS = ("course", "quiz", "checkin", "mentor_endorsement", "vetting", "adult")
# The words of a role, which roles.<tag>.yaml translates; slugs and requirements stay as they are.
TEXT_FIELDS = ("title", "involves", "time", "risks", "support", "no_story_version")


@dataclass(frozen=True)
class Requirement:
    kind: str
    course: str | None = None
    quiz: str | None = None
    within_days: int | None = None
    domains: tuple = ()


@dataclass(frozen=True)
class Role:
    slug: str
    category: str
    title: str
    involves: str
    time: str
    risks: str
    support: str
    no_story_version: str
    requirements: tuple
    translations: dict = field(default_factory=dict)  # file tag -> {text field: words}

    def in_language(self, tag: str) -> "Role":
        """Return this role in a language, each missing field falling back to English."""
        words = self.translations.get(tag) or {}
        return replace(
            self, **{name: words.get(name) or getattr(self, name) for name in TEXT_FIELDS}
        )


@dataclass(frozen=True)
class Endorsement:
    outcome: str  # "endorse" or "not_yet"
    recorded_at: datetime
    until: datetime | None = None


@dataclass(frozen=True)
class MemberRecords:
    now: datetime
    completed_courses: frozenset = frozenset()
    passed_quizzes: frozenset = frozenset()  # {(course slug, quiz slug)}
    checkin_at: datetime | None = None
    checkin_domains: dict = field(default_factory=dict)  # domain -> ready / not_yet / no_answer
    agreed_domains: frozenset = frozenset()  # talked through and agreed with the mentor
    endorsement: Endorsement | None = None
    vetting_complete: bool = False
    adult_declared: bool = False


@dataclass(frozen=True)
class RequirementStatus:
    kind: str
    status: str
    message: str
    params: dict = field(default_factory=dict)
    next_step: str | None = None


def _course(req, records):
    if req.course in records.completed_courses:
        return RequirementStatus("course", MET, "course_done", {"course": req.course})
    return RequirementStatus(
        "course", NOT_YET, "course_needed", {"course": req.course}, "finish_course"
    )


def _quiz(req, records):
    params = {"course": req.course, "quiz": req.quiz}
    if (req.course, req.quiz) in records.passed_quizzes:
        return RequirementStatus("quiz", MET, "quiz_passed", params)
    return RequirementStatus("quiz", NOT_YET, "quiz_needed", params, "take_quiz")


def _checkin(req, records):
    days = req.within_days or 90
    if records.checkin_at is None or records.checkin_at < records.now - timedelta(days=days):
        return RequirementStatus(
            "checkin", NOT_YET, "checkin_needed", {"days": days}, "take_checkin"
        )
    open_domains = [
        d
        for d in req.domains
        if records.checkin_domains.get(d) != "ready" and d not in records.agreed_domains
    ]
    if open_domains:
        return RequirementStatus(
            "checkin",
            CONVERSATION,
            "checkin_talk",
            {"domains": tuple(open_domains)},
            "talk_with_mentor",
        )
    return RequirementStatus("checkin", MET, "checkin_ready", {"days": days})


def _endorsement(req, records):
    endorsement = records.endorsement
    if endorsement is None:
        return RequirementStatus(
            "mentor_endorsement", CONVERSATION, "endorsement_needed", {}, "ask_mentor"
        )
    if endorsement.outcome != "endorse":
        return RequirementStatus(
            "mentor_endorsement", NOT_YET, "endorsement_not_yet", {}, "talk_or_second_mentor"
        )
    if endorsement.until is not None and endorsement.until < records.now:
        return RequirementStatus(
            "mentor_endorsement", CONVERSATION, "endorsement_ended", {}, "ask_mentor"
        )
    return RequirementStatus("mentor_endorsement", MET, "endorsed", {"until": endorsement.until})


def _vetting(req, records):
    if records.vetting_complete:
        return RequirementStatus("vetting", MET, "vetting_done")
    return RequirementStatus("vetting", NOT_YET, "vetting_needed", {}, "staff_vetting")


def _adult(req, records):
    if records.adult_declared:
        return RequirementStatus("adult", MET, "adult_declared")
    return RequirementStatus("adult", NOT_YET, "adult_needed", {}, "declare_adult")


CHECKS = {
    "course": _course,
    "quiz": _quiz,
    "checkin": _checkin,
    "mentor_endorsement": _endorsement,
    "vetting": _vetting,
    "adult": _adult,
}


def evaluate(role: Role, records: MemberRecords) -> list[RequirementStatus]:
    """Return the status of each of the role's requirements, in the role's order."""
    return [CHECKS[requirement.kind](requirement, records) for requirement in role.requirements]


def all_met(statuses: list[RequirementStatus]) -> bool:
    return bool(statuses) and all(s.status == MET for s in statuses)


@dataclass(frozen=True)
class Detail:
    """What a viewer other than the member may see beyond "met" or "not met yet"."""

    checkins: bool = False
    progress: bool = False
    quizzes: bool = False


PRIVATE = "_private"  # suffix of the message code of a requirement shown without detail


def as_seen_by(statuses: list[RequirementStatus], detail: Detail) -> list[RequirementStatus]:
    """Return the statuses as another viewer may see them.

    A check-in requirement the member does not share with this viewer shows only "met" or
    "not met yet": never which areas are open, nor whether a check-in was done. Course and
    quiz requirements follow the member's progress sharing the same way.
    """
    shown = {"checkin": detail.checkins, "course": detail.progress, "quiz": detail.quizzes}
    result = []
    for s in statuses:
        if shown.get(s.kind, True):
            result.append(s)
            continue
        params = {key: s.params[key] for key in ("course", "quiz") if key in s.params}
        result.append(
            RequirementStatus(s.kind, MET if s.status == MET else NOT_YET, s.kind + PRIVATE, params)
        )
    return result
