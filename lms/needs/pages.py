"""What the need pages share: a need ready to show, with its words, replies and names."""

from dataclasses import dataclass

from flask_babel import gettext as _

from lms.accounts.services import users_by_id
from lms.timeutil import utcnow

from . import rules, services
from .messages import KIND_LABELS, STATUS_LABELS, URGENCY_LABELS
from .models import Need


@dataclass(frozen=True)
class NeedRow:
    need: Need
    kind_label: str
    urgency_label: str
    status_label: str
    learner_name: str
    age_days: int  # whole days since the need was stated


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, KIND_LABELS["other"]))


def name_of(names: dict, user_id: int | None) -> str:
    user = names.get(user_id)
    if user is None or user.deleted_at is not None:
        return _("Someone who has left")
    return user.display_name


def rows(needs: list[Need]) -> list[NeedRow]:
    names = users_by_id(n.user_id for n in needs)
    now = utcnow()
    return [
        NeedRow(
            n,
            kind_label(n.kind),
            str(URGENCY_LABELS.get(n.urgency, URGENCY_LABELS[rules.DEFAULT_URGENCY])),
            str(STATUS_LABELS.get(n.status, n.status)),
            name_of(names, n.user_id),
            max((now - n.created_at).days, 0),
        )
        for n in needs
    ]


def conversation(need: Need, viewer_id: int) -> list[tuple]:
    """Return [(reply, author's name)] with "You" for the viewer's own messages."""
    found = services.replies(need)
    names = users_by_id(r.author_id for r in found)
    return [
        (r, _("You") if r.author_id == viewer_id else name_of(names, r.author_id)) for r in found
    ]
