"""Every requirement kind, and the rule that support signals never change a status."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lms.catalog.loader import load_catalog
from lms.roles.catalogue import load_roles
from lms.roles.requirements import (
    CONVERSATION,
    MET,
    NOT_YET,
    Endorsement,
    MemberRecords,
    Requirement,
    Role,
    all_met,
    evaluate,
)

NOW = datetime(2026, 11, 25, 12, 0)
ROOT = Path(__file__).resolve().parents[3]


def role(*requirements, category="operational"):
    return Role("r", category, "R", "i", "t", "x", "s", "n", tuple(requirements))


def status(requirement, **records):
    return evaluate(role(requirement), MemberRecords(now=NOW, **records))[0]


def test_course_and_quiz():
    assert status(Requirement("course", course="c")).status == NOT_YET
    assert status(Requirement("course", course="c")).next_step == "finish_course"
    assert (
        status(Requirement("course", course="c"), completed_courses=frozenset({"c"})).status == MET
    )
    quiz = Requirement("quiz", course="c", quiz="final")
    assert status(quiz).status == NOT_YET
    assert status(quiz, passed_quizzes=frozenset({("c", "final")})).status == MET


def test_checkin_recent_and_ready_or_agreed():
    req = Requirement("checkin", within_days=30, domains=("safety", "story"))
    assert status(req).message == "checkin_needed"
    old = status(
        req,
        checkin_at=NOW - timedelta(days=31),
        checkin_domains={"safety": "ready", "story": "ready"},
    )
    assert old.status == NOT_YET
    talk = status(
        req,
        checkin_at=NOW - timedelta(days=2),
        checkin_domains={"safety": "ready", "story": "not_yet"},
    )
    assert (
        talk.status == CONVERSATION
        and talk.params == {"domains": ("story",)}
        and talk.next_step == "talk_with_mentor"
    )
    agreed = status(
        req,
        checkin_at=NOW,
        checkin_domains={"safety": "ready", "story": "no_answer"},
        agreed_domains=frozenset({"story"}),
    )
    assert agreed.status == MET


def test_mentor_endorsement():
    req = Requirement("mentor_endorsement")
    assert status(req).status == CONVERSATION
    assert status(req, endorsement=Endorsement("not_yet", NOW)).status == NOT_YET
    assert (
        status(req, endorsement=Endorsement("endorse", NOW, until=NOW - timedelta(days=1))).message
        == "endorsement_ended"
    )
    assert (
        status(req, endorsement=Endorsement("endorse", NOW, until=NOW + timedelta(days=90))).status
        == MET
    )


def test_vetting_and_adult():
    assert status(Requirement("vetting")).status == NOT_YET
    assert status(Requirement("vetting"), vetting_complete=True).status == MET
    assert status(Requirement("adult")).status == NOT_YET
    assert status(Requirement("adult"), adult_declared=True).status == MET


def test_all_met_needs_every_requirement():
    statuses = evaluate(
        role(Requirement("course", course="c"), Requirement("adult")),
        MemberRecords(now=NOW, completed_courses=frozenset({"c"}), adult_declared=True),
    )
    assert all_met(statuses)
    assert not all_met(statuses[:1] + [statuses[1].__class__("adult", NOT_YET, "adult_needed")])
    assert not all_met([])


@pytest.mark.parametrize("signal", [True, False])
def test_support_signals_are_not_inputs(signal):
    # MemberRecords has no WHO-5 or distress field at all: statuses cannot depend on them.
    fields = set(MemberRecords.__dataclass_fields__)
    assert not {"who5", "who5_raw", "distress", "support_offered", "wellbeing"} & fields


def test_shipped_role_catalogue_points_at_real_courses():
    catalog, _ = load_catalog(ROOT / "courses", ROOT / "assessments")
    roles, problems = load_roles(
        ROOT / "assessments" / "roles.yaml",
        ROOT,
        {c.slug for c in catalog.courses},
        set(catalog.quizzes),
    )
    assert [str(p) for p in problems] == []
    assert {
        "peer-supporter",
        "family-adviser",
        "awareness-content-creator",
        "public-speaker",
        "research-assistant",
        "rescue-volunteer",
        "engagement-officer",
    } <= set(roles)
    public = [r for r in roles.values() if r.category == "public"]
    assert all(
        any(q.course == "safe-storytelling-and-consent" for q in r.requirements) for r in public
    )
    for r in roles.values():
        assert (r.category == "operational") == any(q.kind == "vetting" for q in r.requirements)


def test_vetting_only_on_operational_roles(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_text(
        "roles:\n  - slug: x\n    category: private\n    title: X\n    involves: i\n    time: t\n"
        "    risks: r\n    support: s\n    no_story_version: n\n    requirements:\n      - {kind: vetting}\n"
    )
    _, problems = load_roles(path, tmp_path)
    assert "roles.yaml:11: staff vetting is only for operational roles" in [
        str(p) for p in problems
    ]
