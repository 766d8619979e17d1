"""Needs that touch the database: stating a need, asking for support after a check-in,
replies, referrals, closing with the learner's agreement, escalation to staff when nobody
answers in time, who may help with a need, and the data export."""

from lms.accounts import lifecycle
from lms.audit.models import record
from lms.extensions import db
from lms.notifications.models import notify
from lms.orgs.models import Organisation
from lms.orgs.services import mentors_of, notify_staff
from lms.timeutil import iso, utcnow

from . import rules
from .models import Need, NeedReply


def learner_link(need: Need) -> str:
    return f"/needs/{need.id}"


def helper_link(need: Need) -> str:
    return f"/mentoring/needs/{need.id}"


def my_needs(user_id: int, organisation_id: int) -> tuple[list, list]:
    """Return the learner's (live, closed) needs, newest first."""
    needs = db.session.scalars(
        db.select(Need)
        .where(Need.user_id == user_id, Need.organisation_id == organisation_id)
        .order_by(Need.created_at.desc(), Need.id.desc())
    ).all()
    live = [n for n in needs if n.status in rules.LIVE_STATUSES]
    return live, [n for n in needs if n.status not in rules.LIVE_STATUSES]


def live_needs_of(user_id: int, organisation_id: int) -> list[Need]:
    return my_needs(user_id, organisation_id)[0]


def open_needs_of(user_id: int, organisation_id: int) -> list[Need]:
    """Return the member's needs nobody has answered yet (as the get-in-touch banner shows)."""
    return db.session.scalars(
        db.select(Need)
        .where(
            Need.user_id == user_id,
            Need.organisation_id == organisation_id,
            Need.status == rules.OPEN,
        )
        .order_by(Need.id)
    ).all()


def organisation_needs(organisation_id: int, closed_limit: int = 50) -> tuple[list, list]:
    """Return the organisation's (live needs, oldest first; recently closed, newest first)."""
    live = db.session.scalars(
        db.select(Need)
        .where(
            Need.organisation_id == organisation_id,
            Need.status.in_(rules.LIVE_STATUSES),
        )
        .order_by(Need.created_at, Need.id)
    ).all()
    closed = db.session.scalars(
        db.select(Need)
        .where(
            Need.organisation_id == organisation_id,
            Need.status.not_in(rules.LIVE_STATUSES),
        )
        .order_by(Need.created_at.desc(), Need.id.desc())
        .limit(closed_limit)
    ).all()
    return live, closed


def replies(need: Need) -> list[NeedReply]:
    return db.session.scalars(
        db.select(NeedReply)
        .where(NeedReply.request_id == need.id)
        .order_by(NeedReply.created_at, NeedReply.id)
    ).all()


def _tell_helpers(need: Need, kind: str) -> None:
    """Tell the learner's mentors; with no mentor, staff hear at once."""
    mentors = mentors_of(need.organisation_id, need.user_id)
    for mentor in mentors:
        notify(mentor.id, kind, organisation_id=need.organisation_id, link=helper_link(need))
    if not mentors:
        if need.escalated_at is None:
            need.escalated_at = utcnow()
        notify_staff(need.organisation_id, "need_for_staff", helper_link(need))


def state_need(user_id: int, organisation_id: int, data: dict) -> Need:
    """Store a new need (caller commits) and tell who can help."""
    share = bool(data.get("share_with_services"))
    need = Need(
        organisation_id=organisation_id,
        user_id=user_id,
        kind=data["kind"],
        urgency=data["urgency"],
        details=data.get("details") or None,
        share_with_services=share,
        # A summary is kept only when the learner agreed to share it.
        shareable_summary=(data.get("shareable_summary") or None) if share else None,
    )
    db.session.add(need)
    db.session.flush()
    _tell_helpers(need, "need_added")
    return need


def _answer(need: Need, action: str, helper_id: int) -> bool:
    """Move an open need to answered when `action` does so, with its audit record; the one
    writer of that transition. Return True when the need changed."""
    new_status = rules.status_after(action, rules.HELPER, need.status)
    if new_status == need.status:
        return False
    need.status, need.answered_at, need.answered_by_id = new_status, utcnow(), helper_id
    record(
        "need_answered",
        actor_id=helper_id,
        organisation_id=need.organisation_id,
        object_type="support_request",  # stored in the audit log: kept
        object_id=need.id,
        subject_user_id=need.user_id,
        detail={"kind": need.kind},
    )
    return True


def mark_answered(need: Need, helper_id: int) -> bool:
    """A helper says they got in touch (outside the platform): the open need is answered
    (caller commits). Return False, changing nothing, when the rules do not allow it."""
    if not rules.may("mark_answered", rules.HELPER, need.status):
        return False
    return _answer(need, "mark_answered", helper_id)


def add_reply(need: Need, author_id: int, body: str, by_helper: bool) -> None:
    """Add a message; a helper's first reply answers the need (caller commits)."""
    db.session.add(NeedReply(request_id=need.id, author_id=author_id, body=body))
    if by_helper:
        _answer(need, "reply", author_id)
        notify(
            need.user_id,
            "need_replied",
            organisation_id=need.organisation_id,
            link=learner_link(need),
        )
    else:
        _tell_helpers(need, "need_learner_replied")


def change_sharing(need: Need, share: bool, summary: str | None) -> None:
    """The learner's new consent; turning it off forgets the summary (caller commits).

    A referral already made keeps its record of what was shared then."""
    need.share_with_services = bool(share)
    need.shareable_summary = (summary or None) if share else None


def refer(need: Need, actor_id: int, service: str) -> dict:
    """Record a referral; only the learner's consented summary is copied (caller commits)."""
    payload = rules.referral_payload(need.kind, need.share_with_services, need.shareable_summary)
    need.referred_to = service
    need.referred_at = utcnow()
    need.referral_shared = payload.get("summary")
    record(
        "need_referred",
        actor_id=actor_id,
        organisation_id=need.organisation_id,
        object_type="support_request",  # stored in the audit log: kept
        object_id=need.id,
        subject_user_id=need.user_id,
        detail={"service": service, "summary_shared": "summary" in payload},
    )
    notify(
        need.user_id, "need_referred", organisation_id=need.organisation_id, link=learner_link(need)
    )
    return payload


def propose_close(need: Need, actor_id: int) -> None:
    need.close_proposed_at, need.close_proposed_by_id = utcnow(), actor_id
    record(
        "need_close_proposed",
        actor_id=actor_id,
        organisation_id=need.organisation_id,
        object_type="support_request",  # stored in the audit log: kept
        object_id=need.id,
        subject_user_id=need.user_id,
        detail={"kind": need.kind},
    )
    notify(
        need.user_id,
        "need_close_proposed",
        organisation_id=need.organisation_id,
        link=learner_link(need),
    )


def close(need: Need) -> None:
    """The learner closes their need (agreeing to a proposal, or on their own)."""
    need.status = rules.status_after("close", rules.LEARNER, need.status)
    need.closed_at = utcnow()
    need.close_proposed_at = need.close_proposed_by_id = None


def keep_open(need: Need) -> None:
    """The learner says "not yet": the proposal goes, and whoever asked hears."""
    proposer = need.close_proposed_by_id
    need.close_proposed_at = need.close_proposed_by_id = None
    if proposer is not None:
        notify(
            proposer,
            "need_kept_open",
            organisation_id=need.organisation_id,
            link=helper_link(need),
        )


def ask_mentor_for_support(user_id: int, organisation_id: int) -> Need:
    """Create a need of the support kind (a "support request" on staff pages) and tell the
    member's mentors (and staff if there is none)."""
    need = Need(organisation_id=organisation_id, user_id=user_id, kind="support")
    db.session.add(need)
    db.session.flush()
    mentors = mentors_of(organisation_id, user_id)
    for mentor in mentors:
        notify(
            mentor.id,
            "support_requested",
            organisation_id=organisation_id,
            link=f"/mentoring/{user_id}",
        )
    if not mentors:
        _tell_staff(need)
    return need


def _tell_staff(need: Need) -> None:
    need.escalated_at = utcnow()
    notify_staff(need.organisation_id, "support_escalated", "/staff/support-requests")


def escalate_overdue() -> int:
    """Pass open needs nobody answered in time to staff; return how many."""
    now = utcnow()
    count = 0
    pending = db.session.execute(
        db.select(Need, Organisation.support_escalation_hours)
        .join(Organisation, Organisation.id == Need.organisation_id)
        .where(Need.status == "open", Need.escalated_at.is_(None))
    ).all()
    for need, hours in pending:
        # "today" reaches staff sooner, "no rush" later: see lms.needs.rules.escalation_hours.
        if rules.is_overdue(need.created_at, need.urgency, hours, now):
            _tell_staff(need)
            count += 1
    return count


@lifecycle.exporter("needs")
def _export(user) -> list:
    needs = db.session.scalars(
        db.select(Need).where(Need.user_id == user.id).order_by(Need.created_at)
    ).all()
    return [
        {
            "kind": n.kind,
            "urgency": n.urgency,
            "status": n.status,
            "details": n.details,
            "share_with_services": n.share_with_services,
            "shareable_summary": n.shareable_summary,
            "created_at": iso(n.created_at),
            "answered_at": iso(n.answered_at),
            "closed_at": iso(n.closed_at),
            "referral": {
                "service": n.referred_to,
                "shared": n.referral_shared,
                "at": iso(n.referred_at),
            }
            if n.referred_at
            else None,
            "replies": [
                {
                    "by_me": r.author_id == user.id,
                    "body": r.body,
                    "at": iso(r.created_at),
                }
                for r in replies(n)
            ],
        }
        for n in needs
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    # The replies on the member's own needs go with them; elsewhere their name goes.
    own = db.select(Need.id).where(Need.user_id == user.id)
    db.session.execute(db.delete(NeedReply).where(NeedReply.request_id.in_(own)))
    db.session.execute(
        db.update(NeedReply).where(NeedReply.author_id == user.id).values(author_id=None)
    )
    for column in (Need.answered_by_id, Need.close_proposed_by_id):
        db.session.execute(db.update(Need).where(column == user.id).values({column.key: None}))
    db.session.execute(db.delete(Need).where(Need.user_id == user.id))
