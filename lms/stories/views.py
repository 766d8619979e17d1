"""A member's stories: write and keep versions, notes on identifying details, review by a
mentor they choose, and their answers to requests (agree, say no, withdraw)."""

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from lms import oncekeys
from lms.accounts.services import users_by_id
from lms.extensions import db
from lms.forms import ActionForm
from lms.orgs.context import member_required
from lms.programme.evidence import EvidenceProblem, Stored

from . import agreements, details, pictures, services
from .forms import AgreeForm, CommentForm, ReviewForm, StoryForm, WordsForm
from .loaders import (
    members_agreement_or_404,
    own_story_or_404,
    reviewable_story_or_404,
    version_of_story_or_404,
)
from .models import StoryComment, StoryVersion
from .pages import agreement_row, note_rows, public_html, steps, story_html
from .words import (
    CHOOSE_PICTURE_AGAIN,
    LANGUAGE_LABELS,
    NAME_LABELS,
    PICTURE_ALT,
    PICTURE_LABELS,
    PICTURE_PROBLEMS,
    redaction_words,
)

bp = Blueprint("stories", __name__)


def _org() -> int:
    return g.membership.organisation_id


def _read_picture(form: StoryForm) -> bytes | None:
    upload = form.picture.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    try:
        return upload.read(pictures.MAX_BYTES + 1)
    finally:
        upload.close()  # a big upload is spooled to a temporary file: let it go now


def _valid_with_picture(form: StoryForm) -> tuple[bool, Stored | None]:
    """Validate the form and its picture; store the picture (cleaned) only when all is well.

    On a problem the message goes beside the picture field; a picture chosen on a form that
    fails for another reason is not kept, and the member is asked to choose it again.
    """
    valid = form.validate()
    data = _read_picture(form)
    if data is None:
        return valid, None
    try:
        cleaned = pictures.clean(data)
    except EvidenceProblem as problem:
        form.picture.errors = [str(PICTURE_PROBLEMS[problem.code])]
        return False, None
    if not valid:
        form.picture.errors = [str(CHOOSE_PICTURE_AGAIN)]
        return False, None
    return True, pictures.store_cleaned(services.uploads_dir(), _org(), cleaned)


def _index_page(form: StoryForm, status: int = 200):
    return render_template(
        "stories/index.html",
        form=form,
        stories=services.my_stories(current_user.id, _org()),
        requests=[agreement_row(a) for a in services.member_agreements(current_user.id, _org())],
    ), status


@bp.route("/stories", methods=["GET", "POST"])
@member_required
def index():
    form = StoryForm()
    if not form.is_submitted():
        form.language.data = current_user.locale if current_user.locale in LANGUAGE_LABELS else "en"
        return _index_page(form)
    valid, picture = _valid_with_picture(form)
    if not valid:
        return _index_page(form, 400)
    if (first := oncekeys.earlier(form, url_for("stories.index"))) is not None:
        return redirect(first)  # the same story again (a double tap): saved once already
    story = services.create_story(
        current_user.id, _org(), form.title.data, form.language.data, form.text.data, picture
    )
    made = url_for("stories.story", story_id=story.id)
    oncekeys.made(form, made)
    db.session.commit()
    flash(_("Your story is saved. Only you can see it."), "notice")
    return redirect(made)


def _story_page(story, form: StoryForm | None = None, status: int = 200):
    version = services.latest(story)
    if form is None:
        form = StoryForm(formdata=None, title=story.title)
        form.language.data = version.language
        form.text.data = version.text
    mentors = users_by_id(services.my_mentors(current_user.id, _org()))
    review_form = ReviewForm(formdata=None)
    review_form.mentor.choices = [(m.id, m.display_name) for m in mentors.values()]
    reviewer = mentors.get(story.review_mentor_id) if story.review_mentor_id else None
    notes = services.notes_for(version.text, current_user.id, _org())
    all_comments = services.comments(story)
    return render_template(
        "stories/story.html",
        story=story,
        version=version,
        version_lang=version.language.replace("_", "-"),
        form=form,
        notes=note_rows(notes),
        own_view=story_html(details.without_markers(version.text)),
        redacted_view=story_html(details.redact(version.text, redaction_words())),
        redacted_all=story_html(details.redact(version.text, redaction_words(), notes)),
        versions=list(reversed(story.versions)),
        language_labels=LANGUAGE_LABELS,
        review_form=review_form,
        has_mentors=bool(mentors),
        reviewer=reviewer,
        open_comments=[c for c in all_comments if c.status == "open"],
        closed_comments=[c for c in all_comments if c.status != "open"],
        authors=users_by_id(c.author_id for c in all_comments),
        action_form=ActionForm(),
        picture_alt=PICTURE_ALT,
    ), status


@bp.route("/stories/<int:story_id>", methods=["GET", "POST"])
@member_required
def story(story_id: int):
    story = own_story_or_404(story_id)
    if request.method == "GET":
        return _story_page(story)
    form = StoryForm()
    valid, picture = _valid_with_picture(form)
    if not valid:
        return _story_page(story, form, 400)
    if oncekeys.again(form, url_for("stories.story", story_id=story.id)):
        return redirect(url_for("stories.story", story_id=story.id))  # saved once already
    services.save_version(
        story,
        form.title.data,
        form.language.data,
        form.text.data,
        picture,
        remove_picture=bool(form.remove_picture.data),
    )
    db.session.commit()
    flash(_("Saved as a new version. Earlier versions are kept."), "notice")
    return redirect(url_for("stories.story", story_id=story.id))


@bp.get("/stories/<int:story_id>/versions/<int:version_id>")
@member_required
def version(story_id: int, version_id: int):
    story = own_story_or_404(story_id)
    found = version_of_story_or_404(story, version_id)
    return render_template(
        "stories/version.html",
        story=story,
        version=found,
        language_label=LANGUAGE_LABELS.get(found.language, found.language),
        own_view=story_html(details.without_markers(found.text)),
        action_form=ActionForm(),
        picture_alt=PICTURE_ALT,
    )


def picture_response(version: StoryVersion, private: bool = True) -> Response:
    """The stored picture (already stripped of metadata), never cached where others could
    keep it: a withdrawn agreement must take it away at once."""
    path = pictures.path_of(
        services.uploads_dir(), version.story.organisation_id, version.picture_file
    )
    if path is None:
        abort(404)
    response = Response(path.read_bytes(), mimetype=version.picture_type or "image/jpeg")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store" if private else "no-store"
    return response


@bp.get("/stories/<int:story_id>/versions/<int:version_id>/picture")
@member_required
def version_picture(story_id: int, version_id: int):
    """The member's own picture, as stored."""
    return picture_response(version_of_story_or_404(own_story_or_404(story_id), version_id))


@bp.post("/stories/<int:story_id>/versions/<int:version_id>/<any(offer, 'stop-offering'):action>")
@member_required
def offer(story_id: int, version_id: int, action: str):
    story = own_story_or_404(story_id)
    found = version_of_story_or_404(story, version_id)
    if ActionForm().validate_on_submit():
        if action == "offer":
            services.offer(found, current_user.id, _org())
            flash(
                _("Staff can now ask to use this version. They cannot read it unless you agree."),
                "notice",
            )
        else:
            closed = services.stop_offering(found, current_user.id, _org())
            if closed:
                flash(
                    ngettext(
                        "Staff can no longer ask for this version. %(num)d request you had "
                        "not answered yet was closed.",
                        "Staff can no longer ask for this version. The %(num)d requests you had "
                        "not answered yet were closed.",
                        closed,
                    ),
                    "notice",
                )
            else:
                flash(_("Staff can no longer ask for this version."), "notice")
        db.session.commit()
    if request.form.get("back") == "story":
        return redirect(url_for("stories.story", story_id=story.id, _anchor="offer"))
    return redirect(url_for("stories.version", story_id=story.id, version_id=found.id))


@bp.post("/stories/<int:story_id>/delete")
@member_required
def delete(story_id: int):
    story = own_story_or_404(story_id)
    if ActionForm().validate_on_submit():
        services.delete_story(story, services.uploads_dir())
        db.session.commit()
        flash(_("Your story and all its versions are deleted."), "notice")
    return redirect(url_for("stories.index"))


@bp.post("/stories/<int:story_id>/review")
@member_required
def share_for_review(story_id: int):
    story = own_story_or_404(story_id)
    form = ReviewForm()
    form.mentor.choices = [(m, "") for m in services.my_mentors(current_user.id, _org())]
    if form.validate_on_submit():
        services.share_for_review(story, form.mentor.data)
        db.session.commit()
        flash(
            _("Your mentor can now read this story and comment. You can stop this at any time."),
            "notice",
        )
    return redirect(url_for("stories.story", story_id=story.id, _anchor="review"))


@bp.post("/stories/<int:story_id>/review/stop")
@member_required
def stop_review(story_id: int):
    story = own_story_or_404(story_id)
    if ActionForm().validate_on_submit():
        services.stop_review(story)
        db.session.commit()
        flash(_("Your mentor can no longer read this story."), "notice")
    return redirect(url_for("stories.story", story_id=story.id, _anchor="review"))


@bp.post("/stories/<int:story_id>/comments/<int:comment_id>/<any(resolved, dismissed):status>")
@member_required
def comment_status(story_id: int, comment_id: int, status: str):
    story = own_story_or_404(story_id)
    comment = db.session.get(StoryComment, comment_id)
    if comment is None or comment.story_id != story.id:
        abort(404)
    if ActionForm().validate_on_submit():
        comment.status = status
        db.session.commit()
    return redirect(url_for("stories.story", story_id=story.id, _anchor="comments"))


@bp.route("/stories/never-public", methods=["GET", "POST"])
@member_required
def never_public():
    form = WordsForm()
    if not form.is_submitted():
        form.words.data = "\n".join(services.private_words(current_user.id))
    elif form.validate():
        services.set_private_words(current_user.id, form.words.data or "")
        db.session.commit()
        flash(_("Your list is saved. Only you can see it."), "notice")
        return redirect(url_for("stories.never_public"))
    status = 400 if form.errors else 200
    return render_template("stories/never_public.html", form=form), status


# --- Review: the mentor the member chose reads and comments, never edits ---------------------


@bp.get("/stories/review")
@member_required
def review_list():
    stories = [
        s
        for s in services.stories_for_review(current_user.id, _org())
        if services.story_share(s, current_user.id).shared_for_review
    ]
    return render_template(
        "stories/review_list.html", stories=stories, authors=users_by_id(s.user_id for s in stories)
    )


def _review_page(story, form: CommentForm, status: int = 200):
    version = services.latest(story)
    return render_template(
        "stories/review.html",
        story=story,
        author=users_by_id([story.user_id]).get(story.user_id),
        story_text=story_html(details.without_markers(version.text)),
        comments=services.comments(story),
        form=form,
    ), status


@bp.get("/stories/review/<int:story_id>")
@member_required
def review(story_id: int):
    story = reviewable_story_or_404(story_id)
    db.session.commit()  # the access record of this look
    return _review_page(story, CommentForm(formdata=None))


@bp.post("/stories/review/<int:story_id>")
@member_required
def comment(story_id: int):
    story = reviewable_story_or_404(story_id)
    form = CommentForm()
    if not form.validate_on_submit():
        db.session.commit()
        return _review_page(story, form, 400)
    if oncekeys.again(form, url_for("stories.review", story_id=story.id)):
        return redirect(url_for("stories.review", story_id=story.id))  # added once already
    services.add_comment(story, current_user.id, form.quote.data or "", form.body.data)
    db.session.commit()
    flash(_("Your comment was added. The member decides what to do with it."), "notice")
    return redirect(url_for("stories.review", story_id=story.id))


# --- Requests and agreements, answered only by the member ------------------------------------


def _request_page(agreement, form: AgreeForm | None = None, status: int = 200):
    row = agreement_row(agreement)
    today = services.today()
    may_agree = agreements.may("agree", agreements.MEMBER, agreement.status, agreement.until, today)
    version = services.agreed_version(agreement)
    preview = None
    if form is None:
        if "preview" in request.args:
            form = AgreeForm(request.args, meta={"csrf": False})
            valid = form.validate()
        else:
            # A chosen name is never filled in for the member: their account name may be real.
            real = current_user.display_name if agreement.name_choice == "real" else None
            form = AgreeForm(formdata=None, shown_name=real)
            valid = True
        if may_agree and version is not None and valid:
            preview = _preview(agreement, version, form)
    return render_template(
        "stories/request.html",
        row=row,
        agreement=agreement,
        version=version,
        version_label=LANGUAGE_LABELS.get(version.language, version.language) if version else None,
        form=form,
        preview=preview,
        may_agree=may_agree and version is not None,
        # Saying no stays possible even when there is nothing to agree to.
        may_decline=agreements.may(
            "decline", agreements.MEMBER, agreement.status, agreement.until, today
        ),
        may_withdraw=agreements.may(
            "withdraw", agreements.MEMBER, agreement.status, agreement.until, today
        ),
        name_label=NAME_LABELS[agreement.name_choice],
        picture_label=PICTURE_LABELS[
            agreements.WITH_PICTURE if agreement.picture else agreements.WITHOUT_PICTURE
        ],
        agreed_html=public_html(agreement, version)
        if version is not None and agreement.was_agreed
        else None,
        agreed_picture=services.agreed_picture(agreement) if agreement.was_agreed else None,
        picture_alt=PICTURE_ALT,
        steps=steps(agreement),
        action_form=ActionForm(),
    ), status


def _preview(agreement, version: StoryVersion, form: AgreeForm) -> dict:
    """Exactly what would be public: the asked-for version redacted as chosen, its picture if
    the request asked for it, and the name as it will appear."""
    text = services.redacted(
        version.text, current_user.id, _org(), redaction_words(), form.redact_details.data
    )
    return {
        "html": story_html(text),
        "name": agreements.shown_name(agreement.name_choice, form.shown_name.data),
        "indexing": bool(form.allow_indexing.data) and agreement.public_page,
        "picture": agreements.shows_picture(agreement.picture, bool(version.picture_file)),
    }


@bp.get("/stories/requests/<int:agreement_id>")
@member_required
def request_page(agreement_id: int):
    return _request_page(members_agreement_or_404(agreement_id))


@bp.post("/stories/requests/<int:agreement_id>/agree")
@member_required
def agree(agreement_id: int):
    agreement = members_agreement_or_404(agreement_id)
    form = AgreeForm()
    today = services.today()
    version = services.agreed_version(agreement)
    allowed = agreements.may("agree", agreements.MEMBER, agreement.status, agreement.until, today)
    if not allowed or version is None:
        flash(_("This request can no longer be agreed to."), "notice")
        return redirect(url_for("stories.request_page", agreement_id=agreement.id))
    if not form.validate_on_submit():
        return _request_page(agreement, form, 400)
    services.agree(
        agreement, form.shown_name.data, form.allow_indexing.data, form.redact_details.data
    )
    db.session.commit()
    flash(_("Thank you. You agreed to this use. You can withdraw at any time."), "notice")
    return redirect(url_for("stories.request_page", agreement_id=agreement.id))


@bp.post("/stories/requests/<int:agreement_id>/<any(decline, withdraw):action>")
@member_required
def answer(agreement_id: int, action: str):
    agreement = members_agreement_or_404(agreement_id)
    today = services.today()
    if ActionForm().validate_on_submit() and agreements.may(
        action, agreements.MEMBER, agreement.status, agreement.until, today
    ):
        if action == "decline":
            services.decline(agreement)
            flash(_("You said no. Nobody will use your story for this."), "notice")
        else:
            services.withdraw(agreement, current_user.id)
            flash(
                _(
                    "Withdrawn. The public page is gone now, and staff were asked to take the story down everywhere else."
                ),
                "notice",
            )
        db.session.commit()
    return redirect(url_for("stories.request_page", agreement_id=agreement.id))
