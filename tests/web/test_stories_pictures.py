"""Stories: a picture with a version (every bit of metadata removed), staff asking for one
offered version with or without its picture, the member agreeing to exactly that version,
the public page and PDF showing the picture only when agreed, and withdrawal taking it away."""

import io
from datetime import timedelta

import pikepdf
import pytest
from PIL import Image, ImageCms

from lms.accounts.services import delete_account, export_data
from lms.extensions import db
from lms.stories import services
from lms.stories.models import Story, StoryAgreement, StoryVersion

from .conftest import post_form
from .test_stories import STORY, offer_latest, request_use, signed_in, text, write_story

SECRET_PLACE = b"Harbour Group office"


def photo_with_metadata(colour="orange", size=(64, 48)) -> bytes:
    """A JPEG carrying GPS coordinates, a camera name, XMP, an ICC profile and a comment."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker
    exif.get_ifd(0x8825).update({1: "N", 2: (11.0, 33.0, 0.0), 3: "E", 4: (104.0, 55.0, 0.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        exif=exif,
        icc_profile=icc,
        comment=SECRET_PLACE,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + SECRET_PLACE + b"</x:xmpmeta>",
    )
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo really carries it all
        assert check.getexif().get_ifd(0x8825) and "xmp" in check.info
    return data


def assert_no_metadata(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(0x8825) == {}
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
            assert key not in image.info, key
    assert SECRET_PLACE not in data and b"PhoneMaker" not in data


@pytest.fixture
def uploads(app, tmp_path):
    app.config["LMS_EVIDENCE_DIR"] = str(tmp_path)
    return tmp_path


def write_with_picture(browser, data: bytes, body=STORY, title="With a picture") -> int:
    response = post_form(
        browser,
        "/stories",
        {
            "title": title,
            "language": "en",
            "text": body,
            "picture": (io.BytesIO(data), "IMG_2041.jpg"),
        },
        page="/stories",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, text(response)[:600]
    return int(response.location.rstrip("/").split("/")[-1])


def agree_as(learner, agreement_id, **choices):
    url = f"/stories/requests/{agreement_id}"
    return post_form(learner, f"{url}/agree", {"shown_name": "Rose", **choices}, page=url)


def test_an_uploaded_photo_is_stored_and_served_without_any_metadata(app, world, uploads):
    learner = signed_in(app, "learner")
    story_id = write_with_picture(learner, photo_with_metadata())
    version = db.session.get(Story, story_id).versions[-1]
    stored = list((uploads / "stories" / str(world.org.id)).iterdir())
    assert [p.name for p in stored] == [version.picture_file]
    assert_no_metadata(stored[0].read_bytes())

    served = learner.get(f"/stories/{story_id}/versions/{version.id}/picture")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in served.headers["Cache-Control"]
    assert_no_metadata(served.data)
    with Image.open(io.BytesIO(served.data)) as image:
        assert image.size == (64, 48)
    page = text(learner.get(f"/stories/{story_id}"))
    assert f"/stories/{story_id}/versions/{version.id}/picture" in page
    # Nobody else opens the member's picture, not even staff or their mentor.
    for other in ("learner2", "mentor", "staff", "admin", "other_staff"):
        browser = signed_in(app, other)
        response = browser.get(f"/stories/{story_id}/versions/{version.id}/picture")
        assert response.status_code == 404, other


def test_a_file_that_is_not_a_photo_is_refused_beside_the_field(app, world, uploads):
    learner = signed_in(app, "learner")
    for data, message in (
        (b"%PDF-1.4 not a photo", "Please choose a photo (JPEG or PNG)."),
        (b"\xff\xd8\xff broken", "We could not open this picture."),
    ):
        response = post_form(
            learner,
            "/stories",
            {
                "title": "Kept title",
                "language": "en",
                "text": "Kept words",
                "picture": (io.BytesIO(data), "x.jpg"),
            },
            page="/stories",
            content_type="multipart/form-data",
        )
        assert response.status_code == 400
        page = text(response)
        assert message in page and "Kept words" in page and "Kept title" in page
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 0
    assert not (uploads / "stories").exists()


def test_a_new_version_keeps_the_picture_until_the_member_changes_or_removes_it(
    app, world, uploads
):
    learner = signed_in(app, "learner")
    story_id = write_with_picture(learner, photo_with_metadata())
    url = f"/stories/{story_id}"
    post_form(learner, url, {"title": "T", "language": "en", "text": "Second"}, page=url)
    post_form(
        learner,
        url,
        {"title": "T", "language": "en", "text": "Third", "remove_picture": "y"},
        page=url,
    )
    versions = db.session.get(Story, story_id).versions
    assert versions[0].picture_file and versions[1].picture_file == versions[0].picture_file
    assert versions[2].picture_file is None
    # The earlier versions keep their picture.
    first = learner.get(f"/stories/{story_id}/versions/{versions[0].id}/picture")
    assert first.status_code == 200
    assert learner.get(f"/stories/{story_id}/versions/{versions[2].id}/picture").status_code == 404


def test_staff_see_only_offered_versions_and_never_their_text(app, world, uploads):
    learner = signed_in(app, "learner")
    kept = write_story(learner, title="Kept to myself")
    offered_id = write_with_picture(learner, photo_with_metadata(), title="A secret title")
    staff = signed_in(app, "staff")
    page = text(staff.get("/staff/stories"))
    assert "No member has offered a story yet" in page
    version_id = offer_latest(learner, offered_id)
    page = text(staff.get("/staff/stories"))
    assert f'value="{version_id}"' in page and "with a picture" in page
    for secret in ("A secret title", "Kept to myself", "Sihanoukville", "[a place]"):
        assert secret not in page
    # Another organisation's staff do not see it, and cannot ask for it.
    other = signed_in(app, "other_staff")
    assert f'value="{version_id}"' not in text(other.get("/staff/stories"))
    # A version that was not offered cannot be asked for, even by its number.
    not_offered = db.session.get(Story, kept).versions[-1].id
    data = {
        "purpose": "talk",
        "audience": "A meeting",
        "until": (services.today() + timedelta(days=5)).isoformat(),
        "name_choice": "none",
        "picture": "without",
    }
    for browser, asked in ((staff, not_offered), (other, version_id)):
        response = post_form(
            browser, "/staff/stories", {"version": asked, **data}, page="/staff/stories"
        )
        assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(StoryAgreement.id))) == 0
    # The member stops offering it: staff can no longer ask for it.
    post_form(
        learner,
        f"/stories/{offered_id}/versions/{version_id}/stop-offering",
        {},
        page=f"/stories/{offered_id}",
    )
    assert f'value="{version_id}"' not in text(staff.get("/staff/stories"))


def test_a_picture_can_be_asked_for_only_with_a_version_that_has_one(app, world, uploads):
    learner = signed_in(app, "learner")
    version_id = offer_latest(learner, write_story(learner))
    staff = signed_in(app, "staff")
    response = post_form(
        staff,
        "/staff/stories",
        {
            "version": version_id,
            "purpose": "newsletter",
            "audience": "Spring newsletter",
            "until": (services.today() + timedelta(days=5)).isoformat(),
            "name_choice": "none",
            "picture": "with",
        },
        page="/staff/stories",
    )
    assert response.status_code == 400
    assert "This version has no picture." in text(response)
    assert "Spring newsletter" in text(response)


def test_the_picture_is_public_only_when_agreed_and_gone_after_withdrawal(app, world, uploads):
    learner = signed_in(app, "learner")
    story_id = write_with_picture(learner, photo_with_metadata())
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    without = request_use(staff, version_id)  # none by default
    with_picture = request_use(staff, version_id, picture="with")

    # The agreement screen says which, and shows the picture only when asked for.
    screen = text(learner.get(f"/stories/requests/{with_picture}"))
    assert "With the picture" in screen and f"/versions/{version_id}/picture" in screen
    screen = text(learner.get(f"/stories/requests/{without}"))
    assert "Without the picture" in screen and f"/versions/{version_id}/picture" not in screen
    # Staff cannot see the picture before the member agrees.
    assert staff.get(f"/stories/agreements/{with_picture}/picture").status_code == 404

    agree_as(learner, without)
    agree_as(learner, with_picture)
    codes = {
        key: db.session.get(StoryAgreement, agreement_id).public_code
        for key, agreement_id in (("without", without), ("with", with_picture))
    }
    reader = app.test_client()
    assert "/picture" not in text(reader.get(f"/s/{codes['without']}"))
    assert reader.get(f"/s/{codes['without']}/picture").status_code == 404
    page = text(reader.get(f"/s/{codes['with']}"))
    assert f"/s/{codes['with']}/picture" in page
    picture = reader.get(f"/s/{codes['with']}/picture")
    assert picture.status_code == 200 and picture.headers["Cache-Control"] == "no-store"
    assert picture.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert_no_metadata(picture.data)
    staff_view = staff.get(f"/stories/agreements/{with_picture}/picture")
    assert staff_view.status_code == 200
    assert staff.get(f"/stories/agreements/{without}/picture").status_code == 404

    # The PDF for a talk includes the picture only when agreed.
    def images_in(response) -> int:
        assert response.status_code == 200
        with pikepdf.open(io.BytesIO(response.data)) as pdf:
            return sum(len(page.get_images()) for page in pdf.pages)

    assert images_in(staff.get(f"/stories/agreements/{with_picture}/pdf")) == 1
    assert images_in(staff.get(f"/stories/agreements/{without}/pdf")) == 0

    post_form(
        learner, f"/stories/requests/{with_picture}/withdraw", {}, page=f"/stories/{story_id}"
    )
    assert reader.get(f"/s/{codes['with']}").status_code == 404
    gone = reader.get(f"/s/{codes['with']}/picture")
    unknown = reader.get("/s/never-existed/picture")
    assert gone.status_code == unknown.status_code == 404
    assert staff.get(f"/stories/agreements/{with_picture}/picture").status_code == 404


def test_a_later_edit_does_not_change_what_was_agreed(app, world, uploads):
    learner = signed_in(app, "learner")
    story_id = write_with_picture(learner, photo_with_metadata("orange"))
    version_id = offer_latest(learner, story_id)
    staff = signed_in(app, "staff")
    agreement_id = request_use(staff, version_id, picture="with")
    # An edit before answering: the screen still shows the version staff asked for.
    url = f"/stories/{story_id}"
    post_form(
        learner,
        url,
        {
            "title": "T",
            "language": "en",
            "text": "A new ending I never offered.",
            "picture": (io.BytesIO(photo_with_metadata("blue")), "new.jpg"),
        },
        page=url,
        content_type="multipart/form-data",
    )
    screen = text(learner.get(f"/stories/requests/{agreement_id}"))
    assert "[a place]" in screen and "A new ending" not in screen
    agree_as(learner, agreement_id)
    # And after agreeing, too.
    post_form(learner, url, {"title": "T", "language": "en", "text": "Later still."}, page=url)
    agreement = db.session.get(StoryAgreement, agreement_id)
    assert agreement.version_id == version_id
    public = text(app.test_client().get(f"/s/{agreement.public_code}"))
    assert "[a place]" in public and "A new ending" not in public and "Later still" not in public
    served = app.test_client().get(f"/s/{agreement.public_code}/picture").data
    with Image.open(io.BytesIO(served)) as image:
        red, green, blue = image.convert("RGB").getpixel((10, 10))
        assert red > 200 and blue < 80  # still the orange picture, not the blue one


def test_deleting_the_story_or_the_account_deletes_the_pictures(app, world, uploads):
    learner = signed_in(app, "learner")
    first = write_with_picture(learner, photo_with_metadata(), title="One")
    write_with_picture(learner, photo_with_metadata("blue"), title="Two")
    folder = uploads / "stories" / str(world.org.id)
    assert len(list(folder.iterdir())) == 2
    exported = export_data(world.users["learner"])["stories"]["stories"]
    assert all(len(story["pictures"]) == 1 for story in exported)
    assert exported[0]["versions"][0]["picture"] in exported[0]["pictures"]

    post_form(learner, f"/stories/{first}/delete", {}, page=f"/stories/{first}")
    assert len(list(folder.iterdir())) == 1
    delete_account(world.users["learner"])
    db.session.commit()
    assert list(folder.iterdir()) == []
    assert db.session.scalar(db.select(db.func.count(StoryVersion.id))) == 0
