"""What a person typed is never lost at the idle sign-out.

When a form arrives just after the quiet-time sign-out (a goal, a need, an activity record),
what was typed is held on the server for that member, keyed by the form's address. After
signing in again the member comes back to the page that shows that form, and the form is
filled in with what they typed: nothing is sent until they check it and press its button.
A form whose address is not a page of its own (a note under a goal, a reply to a need) is
shown on the page named in `FORM_PAGES`. When the form is no longer on its page (the goal
was closed meanwhile), a page that sends it on with one press is shown instead.
Pages that keep drafts themselves (quizzes, see `restores_itself`) get the held answers back
as their draft and show the same form filled in. Held forms never include passwords or
codes, are kept a short time only, and go with the account.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, bindparam
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from .accounts import lifecycle
from .extensions import db
from .frame import prefetched
from .timeutil import iso, utcnow

KEEP_FOR = timedelta(hours=24)  # a form held at the idle sign-out
DRAFT_KEEP_FOR = timedelta(days=90)  # a draft the member saved, or one a page restores
# Endpoints whose pages fill their form from a draft (`draft_fields`) instead of the
# "send what I typed" page.
RESTORES_ITSELF: set[str] = set()
# Never held: secrets, and the token that is made new for every page.
SECRET_WORDS = ("password", "confirm", "code", "token", "secret", "otp")
# Actions that carry nothing a person typed at length.
NOT_HELD = {"accounts.sign_out", "accounts.set_language", "accounts.sign_in"}
# Where the form of an action that has no page of its own is shown (the page's address
# arguments are taken from the action's, by name).
FORM_PAGES = {
    "certificates.change_name": "certificates.index",
    "certificates.revoke": "certificates.staff_index",
    "certificates.staff_issue": "certificates.staff_index",
    "certificates.issue_again": "certificates.staff_index",
    "mentoring.add_note": "mentoring.goal",
    "mentoring.edit_goal": "mentoring.goal",
    "mentoring.goal_note": "mentoring.learner",
    "mentoring.mentor_note": "mentoring.learner",
    "mentoring.propose_goal": "mentoring.learner",
    "roles.record_conversation": "mentoring.learner",
    "needs.reply": "needs.need",
    "needs.close": "needs.need",
    "needs.helper_reply": "needs.helper_need",
    "needs.refer": "needs.helper_need",
    "needs.propose_close": "needs.helper_need",
    "roles.add_requirement": "roles.settings",
    "roles.ask_mentor": "roles.detail",
    "roles.confirm": "roles.application",
    "stories.comment": "stories.review",
    "stories.cancel": "stories.staff_request",
    "stories.taken_down": "stories.staff_request",
    "programme.add_member": "programme.cohort",
    "orgs.change_role": "orgs.member",
}


class HeldForm(db.Model):
    __tablename__ = "held_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    path: Mapped[str] = mapped_column(db.String(500))
    fields: Mapped[list] = mapped_column(JSON, default=list)  # [name, value] pairs, in order
    held_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_draft: Mapped[bool] = mapped_column(default=False)


def restores_itself(endpoint: str) -> None:
    """Register a page that fills its own form from a held draft."""
    RESTORES_ITSELF.add(endpoint)


def _kept_fields() -> list[list[str]]:
    return [
        [name, value]
        for name, values in request.form.lists()
        for value in values
        if not any(word in name.lower() for word in SECRET_WORDS)
    ]


def hold_submitted_form(user_id: int) -> None:
    """Keep the form being sent now for this member (called as the idle sign-out happens)."""
    # A chosen file cannot be kept (the page asks for it again); what was typed beside it is.
    if request.method != "POST" or request.endpoint in NOT_HELD:
        return
    fields = _kept_fields()
    if fields:
        _hold(user_id, request.path, fields, request.endpoint in RESTORES_ITSELF)
        db.session.commit()


def _hold(user_id: int, path: str, fields: list, is_draft: bool) -> None:
    now = utcnow()
    db.session.execute(
        db.delete(HeldForm).where(
            HeldForm.user_id == user_id,
            (HeldForm.path == path)
            | (HeldForm.is_draft.is_(False) & (HeldForm.held_at < now - KEEP_FOR))
            | (HeldForm.held_at < now - DRAFT_KEEP_FOR),
        )
    )
    db.session.add(HeldForm(user_id=user_id, path=path, fields=fields, is_draft=is_draft))


def save_draft(user_id: int, path: str) -> bool:
    """Keep the form being sent now as this member's draft for `path` (caller commits).

    Returns False when there was nothing typed to keep.
    """
    fields = _kept_fields()
    if fields:
        _hold(user_id, path, fields, True)
    return bool(fields)


def draft_fields(user_id: int, path: str) -> MultiDict | None:
    """Return the member's draft for `path` as form data, or None."""
    held = db.session.scalar(
        db.select(HeldForm)
        .where(
            HeldForm.user_id == user_id,
            HeldForm.path == path,
            HeldForm.is_draft.is_(True),
            HeldForm.held_at >= utcnow() - DRAFT_KEEP_FOR,
        )
        .order_by(HeldForm.id.desc())
        .limit(1)
    )
    return MultiDict([tuple(pair) for pair in held.fields]) if held else None


def release(user_id: int, path: str) -> None:
    """Forget what was held for `path` (it was sent and saved; caller commits)."""
    db.session.execute(
        db.delete(HeldForm).where(HeldForm.user_id == user_id, HeldForm.path == path)
    )


# Asked before every signed-in page, and almost always empty: built once, the id only.
_ANY_HELD = (
    db.select(HeldForm.id)
    .where(
        HeldForm.user_id == bindparam("user_id"),
        HeldForm.is_draft.is_(False),
        HeldForm.held_at >= bindparam("since"),
    )
    .limit(1)
)


def _page_of(path: str) -> str | None:
    """Return the address of the page that shows the form sent to `path`, or None."""
    adapter = current_app.url_map.bind("")
    try:
        endpoint, args = adapter.match(path, method="POST")
    except HTTPException:  # the address is gone (changed since): no page to go back to
        return None
    page = FORM_PAGES.get(endpoint)
    if page is None:
        return path if _shows_a_page(adapter, path) else None
    wanted = {name for rule in current_app.url_map.iter_rules(page) for name in rule.arguments}
    return url_for(page, **{name: value for name, value in args.items() if name in wanted})


def _shows_a_page(adapter, path: str) -> bool:
    try:
        adapter.match(path, method="GET")
    except HTTPException:  # a POST-only action that is not in FORM_PAGES
        return False
    return True


def offer_held_form():
    """Before a signed-in page opens: bring back a form held for it, filled in as it was sent.

    Opening the held form's own address (where signing in again leads) goes on to the page
    that shows the form. On that page, `fill_held_form` fills it in after the page is made.
    """
    if request.method != "GET" or not current_user.is_authenticated:
        return None
    user_id = current_user.id  # once: each use of the proxy looks the member up again
    # Usually answered with the member's own query (lms.frame): no form waits.
    held = prefetched(user_id, "held")
    if held is False:
        return None
    since = utcnow() - KEEP_FOR
    if held is None and db.session.scalar(_ANY_HELD, {"user_id": user_id, "since": since}) is None:
        return None
    held_forms = db.session.scalars(
        db.select(HeldForm)
        .where(
            HeldForm.user_id == user_id,
            HeldForm.is_draft.is_(False),
            HeldForm.held_at >= since,
        )
        .order_by(HeldForm.id.desc())
    ).all()
    for held in held_forms:
        page = _page_of(held.path)
        if held.path == request.path and page is None:
            return _send_on_page(held)
        if held.path == request.path and page != request.path:
            return redirect(page)
        if page == request.path:
            g.held_form = held
            return None
    return None


def _send_on_page(held: HeldForm):
    """The page that sends a held form on with one press (its form is not on any page)."""
    db.session.delete(held)
    db.session.commit()
    return render_template("accounts/held_form.html", held=held)


def fill_held_form(response):
    """After the page is made: fill its form for the held address with what was typed.

    The held copy is removed as it is shown: it now lives only in that page.
    """
    held = g.pop("held_form", None)
    if held is None:
        return response
    if response.status_code != 200 or response.mimetype != "text/html":
        return response  # not the page itself (a redirect, a file): keep it for later
    # Imported here: lxml is about 4 MB in every worker, and a held form is rare.
    import lxml.html

    document = lxml.html.document_fromstring(response.get_data(as_text=True))
    forms = [
        form
        for form in document.forms
        if form.get("method", "get").lower() == "post"
        and (urlsplit(form.get("action") or "").path or request.path) == held.path
    ]
    if not forms:
        return make_response(_send_on_page(held))
    _fill(forms[0], held.fields)
    notice = lxml.html.Element("div", {"class": "banner", "role": "status", "id": "held-notice"})
    words = lxml.html.Element("p")
    words.text = _(
        "What you typed before the quiet-time sign-out is filled in again. "
        "Check it, then send it when you are ready."
    )
    notice.append(words)
    forms[0].insert(0, notice)
    db.session.delete(held)
    db.session.commit()
    response.set_data(lxml.html.tostring(document, doctype="<!doctype html>", encoding="unicode"))
    return response


def _fill(form, fields: list) -> None:
    import lxml.html  # already loaded by fill_held_form, the only caller

    typed: dict[str, list[str]] = {}
    for name, value in fields:
        typed.setdefault(name, []).append(value)
    used: dict[str, int] = {}
    for element in form.inputs:
        name = element.name
        kind = getattr(element, "type", None)
        if not name or kind in ("hidden", "submit", "button", "file", "password"):
            continue  # the page's own tokens and hidden values are the fresh ones
        values = typed.get(name, [])
        if kind in ("checkbox", "radio"):
            element.checked = element.get("value", "on") in values
        elif isinstance(element, lxml.html.SelectElement):
            options = set(element.value_options)
            if element.multiple:
                element.value.clear()
                for value in values:
                    if value in options:
                        element.value.add(value)
            elif values and values[0] in options:
                element.value = values[0]
        elif name in typed:
            index = used.get(name, 0)
            if index < len(values):
                element.value = values[index]
            used[name] = index + 1


@lifecycle.exporter("held_forms")
def _export(user) -> list:
    return [
        {"page": h.path, "held_at": iso(h.held_at), "draft": h.is_draft, "fields": h.fields}
        for h in db.session.scalars(db.select(HeldForm).where(HeldForm.user_id == user.id))
    ]


@lifecycle.on_delete
def _delete(user) -> None:
    db.session.execute(db.delete(HeldForm).where(HeldForm.user_id == user.id))
