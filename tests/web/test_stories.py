"""Stories: private drafts, notes, review by choice, agreements for each use, withdrawal, the
public page, and what account deletion and the data export do with them."""

import re
import threading
from datetime import timedelta

import pytest

from lms import create_app
from lms.access.models import AccessRecord
from lms.accounts.models import User
from lms.accounts.services import delete_account, export_data
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.notifications.models import Notification
from lms.stories import services
from lms.stories.models import PrivateWords, Story, StoryAgreement, StoryComment, StoryVersion

from .conftest import PASSWORD, TEST_CONFIG, post_form

STORY = (
    "I worked in [[place: Sihanoukville]] for a year. My friend [[name: Mei]] helped me.\n\n"
    "Call me on +855 12 345 678 or write to mei@example.org."
)


def signed_in(app, username):
    browser = app.test_client()
    response = post_form(browser, "/sign-in", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def text(response) -> str:
    return response.get_data(as_text=True)


def same_page(html: str, code: str) -> str:
    """The page without what differs on every request (the CSRF token, the address)."""
    return re.sub(r'name="csrf_token"[^>]*', "", html).replace(code, "CODE")


def write_story(browser, title="My journey", body=STORY):
    response = post_form(
        browser, "/stories", {"title": title, "language": "en", "text": body}, page="/stories"
    )
    assert response.status_code == 302, text(response)[:400]
    return int(response.location.rstrip("/").split("/")[-1])


def offer_latest(browser, story_id) -> int:
    """The member offers the latest version of a story to staff; return its id."""
    version_id = db.session.get(Story, story_id).versions[-1].id
    url = f"/stories/{story_id}/versions/{version_id}/offer"
    response = post_form(browser, url, {}, page=f"/stories/{story_id}")
    assert response.status_code == 302
    return version_id


def request_use(browser, version_id, **extra):
    data = {
        "version": version_id,
        "purpose": "talk",
        "audience": "A community meeting in the city hall",
        "until": (services.today() + timedelta(days=30)).isoformat(),
        "name_choice": "pseudonym",
        "picture": "without",
        "public_page": "y",
        **extra,
    }
    response = post_form(browser, "/staff/stories", data, page="/staff/stories")
    assert response.status_code == 302, text(response)[:800]
    return int(response.location.rstrip("/").split("/")[-1])


def test_a_draft_is_saved_with_versions_and_only_its_author_reads_it(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    page = learner.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert "Sihanoukville" in text(page)  # the member's own view
    assert "[a place]" in text(page) and "[a name]" in text(page)  # the redacted view
    response = post_form(
        learner,
        f"/stories/{story_id}",
        {"title": "My journey", "language": "bn", "text": "আমার গল্প"},
        page=f"/stories/{story_id}",
    )
    assert response.status_code == 302
    versions = db.session.scalars(
        db.select(StoryVersion).where(StoryVersion.story_id == story_id)
    ).all()
    assert [v.language for v in versions] == ["en", "bn"]
    assert versions[0].text == STORY  # the first version is kept as it was

    for other in ("learner2", "mentor", "staff", "admin", "other_learner", "other_staff"):
        browser = signed_in(app, other)
        for url in (f"/stories/{story_id}", f"/stories/review/{story_id}"):
            response = browser.get(url)
            assert response.status_code in (403, 404), (other, url)
            assert "Sihanoukville" not in text(response)
            assert "আমার গল্প" not in text(response)


def test_bad_input_re_renders_with_what_was_typed(app, world):
    learner = signed_in(app, "learner")
    response = post_form(
        learner, "/stories", {"title": "", "language": "en", "text": "Kept words"}, page="/stories"
    )
    assert response.status_code == 400
    assert "Kept words" in text(response) and "Please fill this in." in text(response)


def test_notes_point_out_identifying_details_without_blocking(app, world):
    learner = signed_in(app, "learner")
    post_form(learner, "/stories/never-public", {"words": "Kampot\n"}, page="/stories/never-public")
    staff = signed_in(app, "staff")
    post_form(
        staff, "/staff/stories/names", {"words": "Rahim\n李明\nরহিম"}, page="/staff/stories/names"
    )
    story_id = write_story(
        learner,
        body="I met Rahim, 李明 and রহিম in Kampot on 12/03/2023. See https://example.org/x",
    )
    page = text(learner.get(f"/stories/{story_id}"))
    assert "on your \u201cnever public\u201d list" in page
    assert page.count("This looks like a name") == 3  # Latin, Chinese and Bengali
    assert "This looks like a date" in page and "This looks like a web address" in page
    # The organisation's list is its own: another organisation's member gets no such note.
    other = signed_in(app, "other_learner")
    other_id = write_story(other, body="I met Rahim there.")
    assert "This looks like a name" not in text(other.get(f"/stories/{other_id}"))


def _racing_app(app, tmp_path):
    """An app whose threads get their own connections: the test database on PostgreSQL; on
    SQLite a file (the in-memory test database is one connection shared by every thread)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return app
    racing = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/r.db"})
    with racing.app_context():
        db.create_all()
        db.session.add(User(username="racer", username_key="racer", display_name="Racer"))
        db.session.commit()
    return racing


@pytest.mark.real_database  # threads with connections of their own
def test_the_list_of_words_is_created_once_even_when_requests_race(app, world, tmp_path):
    racing = _racing_app(app, tmp_path)
    with racing.app_context():
        user_id = db.session.scalar(db.select(User.id).order_by(User.id))
    errors = []
    start = threading.Barrier(4)

    def save(words):
        with racing.app_context():
            try:
                start.wait()
                services.set_private_words(user_id, words)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 (the test reports any failure)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(f"Place {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with racing.app_context():
        rows = db.session.scalars(db.select(PrivateWords).where(PrivateWords.user_id == user_id))
        assert len(rows.all()) == 1
        db.session.remove()
        if racing is not app:
            db.engine.dispose()
    assert errors == []


def test_review_by_choice_per_story_and_revocable(app, world):
    learner = signed_in(app, "learner")
    shared_id = write_story(learner, title="Shared one")
    private_id = write_story(learner, title="Kept private")
    mentor_id = world.users["mentor"].id
    mentor = signed_in(app, "mentor")
    assert mentor.get(f"/stories/review/{shared_id}").status_code == 404

    response = post_form(
        learner, f"/stories/{shared_id}/review", {"mentor": mentor_id}, page=f"/stories/{shared_id}"
    )
    assert response.status_code == 302
    page = mentor.get(f"/stories/review/{shared_id}")
    assert page.status_code == 200 and "Sihanoukville" in text(page)
    assert mentor.get(f"/stories/review/{private_id}").status_code == 404  # only that story
    assert "Kept private" not in text(mentor.get("/stories/review"))
    # Every look by someone else is recorded for "Who has seen my information".
    looks = db.session.scalars(
        db.select(AccessRecord).where(
            AccessRecord.subject_user_id == world.users["learner"].id,
            AccessRecord.what == "story_draft",
        )
    ).all()
    assert [r.viewer_id for r in looks] == [mentor_id]
    assert "a draft of your story" in text(learner.get("/sharing"))  # "Who has seen..."

    # The mentor comments beside the text but cannot save a version.
    post_form(
        mentor,
        f"/stories/review/{shared_id}",
        {"quote": "for a year", "body": "Maybe leave out how long?"},
        page=f"/stories/review/{shared_id}",
    )
    refused = post_form(
        mentor,
        f"/stories/{shared_id}",
        {"title": "x", "language": "en", "text": "changed"},
        page=f"/stories/review/{shared_id}",
    )
    assert refused.status_code == 404
    comment = db.session.scalar(db.select(StoryComment).where(StoryComment.story_id == shared_id))
    assert comment.quote == "for a year"
    assert "Maybe leave out how long?" in text(learner.get(f"/stories/{shared_id}"))
    post_form(
        learner,
        f"/stories/{shared_id}/comments/{comment.id}/resolved",
        {},
        page=f"/stories/{shared_id}",
    )
    db.session.refresh(comment)
    assert comment.status == "resolved"

    post_form(learner, f"/stories/{shared_id}/review/stop", {}, page=f"/stories/{shared_id}")
    assert mentor.get(f"/stories/review/{shared_id}").status_code == 404
    # A mentor who is not this member's mentor cannot be chosen.
    other_mentor = world.users["other_mentor"].id
    post_form(
        learner,
        f"/stories/{private_id}/review",
        {"mentor": other_mentor},
        page=f"/stories/{private_id}",
    )
    assert db.session.get(Story, private_id).review_mentor_id is None


def _agree(learner, agreement_id, name="Rose"):
    url = f"/stories/requests/{agreement_id}"
    preview = learner.get(
        url, query_string={"preview": "1", "shown_name": name, "redact_details": "y"}
    )
    assert preview.status_code == 200
    return preview, post_form(
        learner, f"{url}/agree", {"shown_name": name, "redact_details": "y"}, page=url
    )


def test_request_agree_public_page_withdraw_and_takedown(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    # Staff see no draft before an agreement.
    assert "Sihanoukville" not in text(staff.get(f"/staff/stories/{agreement_id}"))
    assert "[a place]" not in text(staff.get(f"/staff/stories/{agreement_id}"))

    preview, response = _agree(learner, agreement_id)
    shown = text(preview)
    assert "Exactly what will be public" in shown
    assert "[a place]" in shown and "[a phone number]" in shown and "Rose" in shown
    assert "Sihanoukville" not in shown.split("Exactly what will be public")[1]
    assert "You can withdraw at any time" in shown
    assert response.status_code == 302
    agreement = db.session.get(StoryAgreement, agreement_id)
    assert agreement.status == "agreed" and agreement.version_id == version_id

    public = app.test_client().get(f"/s/{agreement.public_code}")
    page = text(public)
    assert public.status_code == 200
    assert public.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex">' in page
    assert "Rose" in page and "[a place]" in page
    for secret in ("Sihanoukville", "Mei", "+855", "Harbour Group", "mei@example.org"):
        assert secret not in page
    # Staff read the agreed version now, and the look is recorded.
    staff_page = text(staff.get(f"/staff/stories/{agreement_id}"))
    assert "[a place]" in staff_page and "Sihanoukville" not in staff_page
    assert db.session.scalar(
        db.select(AccessRecord).where(AccessRecord.what == "story_agreed")
    ).viewer_id == (world.users["staff"].id)
    # But never the draft itself.
    assert staff.get(f"/stories/{story_id}").status_code == 404

    post_form(
        learner, f"/stories/requests/{agreement_id}/withdraw", {}, page=f"/stories/{story_id}"
    )
    db.session.refresh(agreement)
    assert agreement.status == "withdrawn"
    gone = app.test_client().get(f"/s/{agreement.public_code}")
    unknown = app.test_client().get("/s/never-existed-code")
    assert gone.status_code == unknown.status_code == 404
    assert same_page(text(gone), agreement.public_code) == same_page(
        text(unknown), "never-existed-code"
    )
    assert "[a place]" not in text(staff.get(f"/staff/stories/{agreement_id}"))
    told = db.session.scalars(
        db.select(Notification.user_id).where(Notification.kind == "story_use_withdrawn")
    ).all()
    assert set(told) == {world.users["staff"].id, world.users["admin"].id}
    assert "Please take the story down" in text(staff.get(f"/staff/stories/{agreement_id}"))

    post_form(staff, f"/staff/stories/{agreement_id}/taken-down", {}, page="/staff/stories")
    db.session.refresh(agreement)
    assert agreement.takedown_confirmed_at is not None
    member_page = text(learner.get(f"/stories/requests/{agreement_id}"))
    assert "Staff confirmed on" in member_page
    steps = db.session.scalars(
        db.select(AuditEvent.action)
        .where(AuditEvent.object_type == "story_agreement", AuditEvent.object_id == agreement_id)
        .order_by(AuditEvent.id)
    ).all()
    assert steps == [
        "story_use_requested",
        "story_use_agreed",
        "story_use_withdrawn",
        "story_takedown_confirmed",
    ]


def test_only_the_member_can_agree(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    for other in ("staff", "admin", "mentor", "learner2", "other_admin"):
        browser = signed_in(app, other)
        response = post_form(
            browser,
            f"/stories/requests/{agreement_id}/agree",
            {"version": version_id, "shown_name": "X"},
            page="/stories",
        )
        assert response.status_code in (403, 404)
    assert db.session.get(StoryAgreement, agreement_id).status == "requested"
    # The member agrees to the version staff asked for: another version cannot be slipped in.
    learner2 = signed_in(app, "learner2")
    own_version = offer_latest(learner2, write_story(learner2, body="My own words"))
    own = request_use(staff, own_version)
    response = post_form(
        learner2, f"/stories/requests/{own}/agree", {"version": version_id}, page="/stories"
    )
    assert response.status_code == 302
    agreement = db.session.get(StoryAgreement, own)
    assert agreement.status == "agreed" and agreement.version_id == own_version


def test_an_expired_agreement_is_not_public(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    _agree(learner, agreement_id)
    agreement = db.session.get(StoryAgreement, agreement_id)
    assert app.test_client().get(f"/s/{agreement.public_code}").status_code == 200
    agreement.until = services.today() - timedelta(days=1)
    db.session.commit()
    assert app.test_client().get(f"/s/{agreement.public_code}").status_code == 404
    assert "[a place]" not in text(staff.get(f"/staff/stories/{agreement_id}"))


def test_a_request_with_a_past_end_date_is_refused_beside_the_field(app, world):
    learner = signed_in(app, "learner")
    version_id = offer_latest(learner, write_story(learner))
    staff = signed_in(app, "staff")
    data = {
        "version": version_id,
        "purpose": "newsletter",
        "audience": "Spring newsletter",
        "until": (services.today() - timedelta(days=2)).isoformat(),
        "name_choice": "none",
    }
    response = post_form(staff, "/staff/stories", data, page="/staff/stories")
    assert response.status_code == 400
    assert "Please choose a day from today on." in text(response)
    assert "Spring newsletter" in text(response)


def test_pdf_for_a_talk_while_the_agreement_is_in_force(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    _agree(learner, agreement_id)
    response = staff.get(f"/stories/agreements/{agreement_id}/pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert (
        signed_in(app, "mentor").get(f"/stories/agreements/{agreement_id}/pdf").status_code == 404
    )


def test_account_deletion_deletes_drafts_and_withdraws_agreements(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    _agree(learner, agreement_id)
    code = db.session.get(StoryAgreement, agreement_id).public_code

    data = export_data(world.users["learner"])
    assert data["stories"]["stories"][0]["versions"][0]["text"] == STORY
    assert data["stories"]["agreements"][0]["status"] == "agreed"
    assert [step["step"] for step in data["stories"]["agreements"][0]["steps"]] == [
        "story_use_requested",
        "story_use_agreed",
    ]
    assert data["stories"]["stories"][0]["comments"] == []

    delete_account(world.users["learner"])
    db.session.commit()
    assert db.session.get(Story, story_id) is None
    assert db.session.get(StoryVersion, version_id) is None
    agreement = db.session.get(StoryAgreement, agreement_id)
    assert agreement.status == "withdrawn" and agreement.version_id is None
    assert app.test_client().get(f"/s/{code}").status_code == 404
    assert "Please take the story down" in text(staff.get(f"/staff/stories/{agreement_id}"))


def test_creating_the_list_when_another_request_made_it_first(app, world, monkeypatch):
    """The row appears between our look and our insert: the unique key refuses the second
    row, and the one already there is used (no error, no duplicate)."""
    user_id = world.users["learner"].id
    db.session.add(PrivateWords(user_id=user_id, words="First"))
    db.session.commit()
    real_scalar = db.session.scalar
    calls = []

    def first_look_misses(statement, *args, **kwargs):
        calls.append(statement)
        return None if len(calls) == 1 else real_scalar(statement, *args, **kwargs)

    monkeypatch.setattr(db.session, "scalar", first_look_misses)
    services.set_private_words(user_id, "Second")
    monkeypatch.undo()
    db.session.commit()
    rows = db.session.scalars(db.select(PrivateWords).where(PrivateWords.user_id == user_id)).all()
    assert [r.words for r in rows] == ["Second"]


def test_the_public_page_is_indexed_only_when_the_member_chooses(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    url = f"/stories/requests/{agreement_id}"
    post_form(
        learner,
        f"{url}/agree",
        {"shown_name": "Rose", "allow_indexing": "y"},
        page=url,
    )
    agreement = db.session.get(StoryAgreement, agreement_id)
    assert agreement.allow_indexing is True
    public = app.test_client().get(f"/s/{agreement.public_code}")
    assert public.status_code == 200
    assert "X-Robots-Tag" not in public.headers
    assert 'name="robots"' not in text(public)
    # Without noted-detail hiding, only the marked passages are replaced.
    assert "[a place]" in text(public) and "+855 12 345 678" in text(public)


def test_deleting_a_story_deletes_its_versions_and_withdraws_its_agreements(app, world):
    learner = signed_in(app, "learner")
    story_id = write_story(learner)
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id)
    _agree(learner, agreement_id)
    code = db.session.get(StoryAgreement, agreement_id).public_code
    response = post_form(learner, f"/stories/{story_id}/delete", {}, page=f"/stories/{story_id}")
    assert response.status_code == 302
    assert db.session.get(Story, story_id) is None
    assert db.session.get(StoryVersion, version_id) is None
    assert db.session.get(StoryAgreement, agreement_id).status == "withdrawn"
    assert app.test_client().get(f"/s/{code}").status_code == 404


def test_a_request_that_names_no_version_can_be_declined_but_not_agreed(app, world):
    """Requests made before staff named a version (or whose story is gone) name none: the
    member cannot agree to an unknown text, and can still say no."""
    agreement = StoryAgreement(
        organisation_id=world.org.id,
        member_id=world.users["learner"].id,
        requested_by_id=world.users["staff"].id,
        purpose="newsletter",
        audience="Spring newsletter",
        until=services.today() + timedelta(days=10),
        public_code=services.new_code(),
    )
    db.session.add(agreement)
    db.session.commit()
    learner = signed_in(app, "learner")
    url = f"/stories/requests/{agreement.id}"
    page = text(learner.get(url))
    assert "the request named no version" in page
    assert "I agree to this use" not in page and "Say no" in page
    response = post_form(learner, f"{url}/agree", {"shown_name": "Rose"}, page=url)
    assert response.status_code == 302
    db.session.refresh(agreement)
    assert agreement.status == "requested"
    post_form(learner, f"{url}/decline", {}, page=url)
    db.session.refresh(agreement)
    assert agreement.status == "declined"
