"""Seed a large synthetic organisation and measure the learner's pages through the WSGI app.

10,000 learners, 200 lessons in 20 courses, 1,000,000 progress records (100 per learner),
then p50/p95 latency of the dashboard, a course page, a lesson page and the catalogue for one
learner, each p95 also as a ratio to issue 15's goal (50 ms).

On SQLite by default (a temporary file); `--database-url postgresql://…` uses that database
instead, which must be an empty, throwaway one (its tables are created, filled and dropped):
bench/postgres.sh makes one on the local cluster.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["LMS_ENV"] = "testing"

from lms import create_app  # noqa: E402
from lms.accounts.models import User  # noqa: E402
from lms.accounts.passwords import hash_password  # noqa: E402
from lms.catalog.models import ContentVersion, Course, Lesson, LessonText, Track  # noqa: E402
from lms.config import normalise_database_url  # noqa: E402
from lms.extensions import db  # noqa: E402
from lms.orgs.models import Membership, Organisation  # noqa: E402
from lms.progress.models import LessonProgress  # noqa: E402
from lms.timeutil import utcnow  # noqa: E402

PASSWORD = "bench password phrase"
BODY = "<h2>Part</h2>" + "<p>" + "A plain sentence about rights and help. " * 12 + "</p>" * 1
BODY = BODY * 8  # about 5 KB, like a real lesson


def seed(learners: int, courses: int, lessons_per_course: int, rows_per_learner: int) -> None:
    now = utcnow()
    version = ContentVersion(
        digest="bench", course_count=courses, lesson_count=courses * lessons_per_course
    )
    db.session.add(version)
    track = Track(slug="modern-slavery", position=1, titles={"en": "Track"}, summaries={"en": "S"})
    db.session.add(track)
    org = Organisation(name="Bench Organisation")
    db.session.add(org)
    db.session.flush()
    lesson_ids = []
    for c in range(courses):
        course = Course(
            slug=f"course-{c}",
            track_id=track.id,
            position=c,
            minutes=60,
            languages=["en"],
            titles={"en": f"Course {c}"},
            summaries={"en": "Summary"},
            outcomes={"en": ["Outcome"]},
            prerequisites=[],
            completion_rule="lessons_only",
            required_quizzes=[],
            awards_certificate=False,
            version_id=version.id,
        )
        db.session.add(course)
        db.session.flush()
        for n in range(lessons_per_course):
            lesson = Lesson(
                course_id=course.id,
                slug=f"lesson-{n}",
                position=n,
                minutes=8,
                version_id=version.id,
            )
            db.session.add(lesson)
            db.session.flush()
            db.session.add(
                LessonText(
                    lesson_id=lesson.id,
                    language="en",
                    title=f"Lesson {n}",
                    body_html=BODY,
                    weight_bytes=len(BODY),
                )
            )
            lesson_ids.append((lesson.id, course.id))
    db.session.commit()

    hashed = hash_password(PASSWORD)
    users = [
        {
            "username": f"learner{i}",
            "username_key": f"learner{i}",
            "display_name": f"Learner {i}",
            "password_hash": hashed,
            "locale": "en",
            "is_platform_admin": False,
            "session_version": 1,
            "created_at": now,
            "reset_notice_pending": False,
        }
        for i in range(learners)
    ]
    db.session.execute(db.insert(User), users)
    ids = db.session.scalars(db.select(User.id).order_by(User.id)).all()
    db.session.execute(
        db.insert(Membership),
        [
            {"user_id": i, "organisation_id": org.id, "role": "learner", "created_at": now}
            for i in ids
        ],
    )
    db.session.commit()

    rng = random.Random(7)
    statuses = ["opened", "finished", "finished", "skipped", "saved"]
    batch = []
    for user_id in ids:
        for lesson_id, course_id in rng.sample(lesson_ids, rows_per_learner):
            stamp = now - timedelta(minutes=rng.randrange(100_000))
            batch.append(
                {
                    "user_id": user_id,
                    "lesson_id": lesson_id,
                    "course_id": course_id,
                    "status": rng.choice(statuses),
                    "opened_at": stamp,
                    "updated_at": stamp,
                }
            )
        if len(batch) >= 100_000:
            db.session.execute(db.insert(LessonProgress), batch)
            batch.clear()
    if batch:
        db.session.execute(db.insert(LessonProgress), batch)
    db.session.commit()


GOAL_P95_MS = 50  # issue 15: every learner page


def measure(client, url: str, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="100 learners, for a quick check")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--database-url", help="an empty throwaway PostgreSQL database (default: SQLite file)"
    )
    args = parser.parse_args()
    learners = 100 if args.small else 10_000
    if args.database_url:
        database_url = normalise_database_url(args.database_url)
    else:
        database_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='pathways-bench-')) / 'bench.db'}"
    app = create_app(
        {"LMS_ENV": "testing", "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False}
    )
    with app.app_context():
        database = db.engine.dialect.name
        db.drop_all()
        db.create_all()
        start = time.perf_counter()
        seed(learners, courses=20, lessons_per_course=10, rows_per_learner=100)
        rows = db.session.scalar(db.select(db.func.count(LessonProgress.id)))
        if database == "postgresql":
            db.session.execute(db.text("ANALYZE"))  # as autovacuum would, soon after a load
            db.session.commit()
        seeded = time.perf_counter() - start
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/sign-in",
        data={"csrf_token": token, "username": f"learner{learners // 2}", "password": PASSWORD},
    )
    print(
        f"Seeded {learners:,} learners, 200 lessons, {rows:,} progress rows in {seeded:.0f} s "
        f"({database}). Load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}\n"
    )
    print(f"| page | p50 (ms) | p95 (ms) | p95 / goal ({GOAL_P95_MS} ms) |\n|---|---|---|---|")
    for name, url in [
        ("dashboard", "/"),
        ("course page", "/learn/course-7"),
        ("lesson page", "/learn/course-7/lesson-3"),
        ("catalogue", "/learn"),
    ]:
        p50, p95 = measure(client, url, args.runs)
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p95 / GOAL_P95_MS:.2f} |")
    size = (
        len(client.get("/learn/course-7/lesson-3").data)
        + (Path(app.static_folder) / "css" / "pathways.css").stat().st_size
    )
    print(f"\nLesson page HTML + CSS: {size / 1024:.1f} KB")
    if args.database_url:
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


if __name__ == "__main__":
    main()
