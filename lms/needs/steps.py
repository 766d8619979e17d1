"""What the learner's and the helper's need pages do alike: post a message, and take a step
towards closing (close, keep open, ask to close), each only when `rules.may` allows it for
that side. The pages differ in their words and where they lead; the views pass those in."""

from collections.abc import Callable

from flask import flash
from flask_login import current_user

from lms import oncekeys
from lms.extensions import db
from lms.forms import ActionForm

from . import rules, services
from .forms import ReplyForm


def post_reply(need, side: str, page: Callable, back: Callable, closed: str, sent: str):
    """Add the signed-in member's message to the need from `side` (rules.LEARNER or HELPER).

    `page(form)` shows the need again with the form's errors; `back(anchor)` returns to it.
    `closed` is flashed when the need takes no more messages, `sent` when the message went.
    """
    if not rules.may("reply", side, need.status):
        flash(closed, "notice")
        return back(None)
    form = ReplyForm()
    if not form.validate_on_submit():
        return page(form)
    done = back("messages")
    if oncekeys.earlier(form, done.location) is not None:
        return done  # the same message again (a double tap): sent once already
    services.add_reply(need, current_user.id, form.body.data, by_helper=side == rules.HELPER)
    oncekeys.made(form, done.location)
    db.session.commit()
    flash(sent, "notice")
    return done


def take_step(need, action: str, side: str, step: Callable, done: str, back: Callable):
    """Run `step()` when the form is valid and `rules.may` allows `action`, then go back."""
    proposed = need.close_proposed_at is not None
    if ActionForm().validate_on_submit() and rules.may(action, side, need.status, proposed):
        step()
        db.session.commit()
        flash(done, "notice")
    return back(None)
