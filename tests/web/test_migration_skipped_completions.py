"""Old databases: course completions earned only by skipping are set right by a migration.

Skipping once counted as finishing. The migration removes those completions (the course
shows what is left to finish) and keeps every certificate already issued.
"""

from sqlalchemy import create_engine, text

from lms import create_app
from lms.catalog.models import ContentVersion, Course, Lesson
from lms.certificates.services import available_courses, request_course_certificate
from lms.content import sync_content
from lms.extensions import db
from lms.orgs.models import Organisation
from lms.progress.models import CourseCompletion, LessonProgress
from lms.progress.services import overview
from tests.web.conftest import TEST_CONFIG, make_user
from tests.web.migrated import _migrated_template, migrated_url, upgrade  # noqa: F401

BEFORE = "9ec226ab4489"  # the last revision before skipping stopped counting


def _seed_old_state(app) -> dict:
    with app.app_context():
        sync_content(app.config["LMS_COURSES_DIR"], app.config["LMS_ASSESSMENTS_DIR"])
        org = Organisation(name="Harbour Group")
        db.session.add(org)
        db.session.flush()
        course = db.session.scalar(db.select(Course).where(Course.slug == "sample-rights"))
        course.awards_certificate = True
        lessons = db.session.scalars(db.select(Lesson).where(Lesson.course_id == course.id)).all()
        version_id = db.session.scalar(db.select(db.func.max(ContentVersion.id)))
        ids = {}
        for username, status in (("skipper", "skipped"), ("finisher", "finished")):
            user = make_user(username, org, "learner")
            ids[username] = user.id
            for lesson in lessons:
                db.session.add(
                    LessonProgress(
                        user_id=user.id, lesson_id=lesson.id, course_id=course.id, status=status
                    )
                )
            db.session.add(
                CourseCompletion(user_id=user.id, course_id=course.id, version_id=version_id)
            )
            db.session.flush()
            # The skipper's certificate was issued while skipping still counted.
            request_course_certificate(user.id, org, course, username.title(), "en")
        db.session.commit()
        return {**ids, "course": course.id}


def test_completions_earned_by_skipping_go_and_certificates_stay(migrated_url):  # noqa: F811
    url = migrated_url("skips", migrate=False)
    upgrade(url, BEFORE)
    old = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    try:
        ids = _seed_old_state(old)
    finally:
        with old.app_context():
            db.session.remove()
            db.engine.dispose()

    upgrade(url)

    engine = create_engine(url)
    with engine.connect() as connection:
        completed = set(
            connection.execute(text("SELECT user_id FROM course_completions")).scalars()
        )
        certificates = connection.execute(
            text("SELECT user_id, status FROM certificates ORDER BY user_id")
        ).all()
    engine.dispose()
    assert completed == {ids["finisher"]}  # a finished course stays complete
    assert sorted(certificates) == sorted([(ids["skipper"], "issued"), (ids["finisher"], "issued")])

    new = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    try:
        with new.app_context():
            shown = {s.course.id: s for s in overview(ids["skipper"])}[ids["course"]]
            assert shown.completed_at is None and shown.progress.done == 0
            finished = {s.course.id: s for s in overview(ids["finisher"])}[ids["course"]]
            assert finished.completed_at is not None
            org_id = db.session.scalar(db.select(Organisation.id))
            assert available_courses(ids["skipper"], org_id) == []  # no new one by a click
    finally:
        with new.app_context():
            db.session.remove()
            db.engine.dispose()
