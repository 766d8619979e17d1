"""The largest Pathways worker's memory after the benchmark's pages, then after pages that
show dates (the account page's sign-ins, then certificates, goals, notifications, support),
the check-in support page (a list of mentors' names, hours), and a number of 1,000 or more.

Usage: .venv/bin/python bench/bench_worker_pages.py [--duration 5] [--page-seconds 3]
       [--number-first]

The same server as bench_throughput.py (production settings, SQLite, deploy/gunicorn.conf.py,
2 sync workers, signed in as learner1 of the demo), Pathways alone: compare the RSS with the
ceiling's from a bench_throughput.py run of the same sitting. `wrk -c8` on each page, so both
workers serve it. The demo has no page with a number of 1,000 or more, so the last step
gives learner1 1,200 unread messages (rows added to the database while the server runs) and
loads the dashboard again: the menu's count is then "1,200".
"""

import argparse
import sqlite3
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import bench_throughput as bench

DATE_PAGES = ["/account", "/certificates", "/goals", "/notifications", "/support"]
# Constant SQL (no values from outside); the demo's learner1.
CHECKIN_SQL = """
INSERT INTO checkins (user_id, organisation_id, definition_slug, definition_version_id, status,
    answers, domain_results, support_offered, keep_summary, started_at, updated_at)
SELECT u.id, m.organisation_id, d.slug, d.version_id, 'draft', '{}', '{}', 1, 1,
    strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM users u JOIN memberships m ON m.user_id = u.id, checkin_definitions d
WHERE u.username = 'learner1' ORDER BY d.id LIMIT 1
"""
MESSAGE_SQL = """
INSERT INTO notifications (user_id, kind, params, created_at)
SELECT id, 'bench', '{}', strftime('%Y-%m-%d %H:%M:%f', 'now') FROM users
WHERE username = 'learner1'
"""


def add_checkin(database: str) -> int:
    """A check-in of learner1's (a draft: its support page shows whatever the status)."""
    with sqlite3.connect(database) as connection:
        return connection.execute(CHECKIN_SQL).lastrowid


def add_unread_messages(database: str, count: int) -> None:
    with sqlite3.connect(database) as connection:
        connection.executemany(MESSAGE_SQL, [()] * count)


def largest_rss_mb(master: int) -> float:
    return max(bench.memory_kb(pid)["rss"] for pid in bench.workers(master)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per bench page")
    parser.add_argument("--page-seconds", type=int, default=3, help="seconds of wrk per date page")
    parser.add_argument(
        "--number-first",
        action="store_true",
        help="the large number before the check-in support page (to see what each loads)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pathways-pages-"))
    database_url = f"sqlite:///{workdir / 'pathways.db'}"
    env = bench.pathways_env(workdir, database_url)
    bench.prepare_pathways(env, workdir)
    course_slug, lesson_slug = bench.first_lesson(database_url)
    checkin_id = add_checkin(str(workdir / "pathways.db"))
    port = bench.free_port()
    config = str(bench.ROOT / "deploy" / "gunicorn.conf.py")
    log = workdir / "pathways.log"
    server = bench.start_gunicorn(
        [
            str(bench.VENV_BIN / "gunicorn"),
            "-c",
            config,
            "-w",
            "2",
            "-k",
            "sync",
            "--log-level",
            "warning",
            "-b",
            f"127.0.0.1:{port}",
            "--no-control-socket",
            "app:app",
        ],
        dict(env, LMS_ENV="production"),
        bench.ROOT,
        log,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        bench.wait_for(base + "/sign-in", server, log)
        browser = bench.signed_in_browser(base, "learner1", bench.DEMO_PASSWORD)

        def load(path: str, seconds: int) -> None:
            url = base + path
            headers = browser.headers()
            req = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
            with urllib.request.urlopen(req, timeout=10) as response:
                if response.status != 200 or response.url != url:
                    raise SystemExit(f"{path}: {response.status} at {response.url}")
            subprocess.run(
                [
                    "wrk",
                    "-t1",
                    "-c8",
                    f"-d{seconds}s",
                    *(x for h in headers for x in ("-H", h)),
                    url,
                ],
                capture_output=True,
                timeout=seconds + 60,
            )

        print(f"load average before: {bench.load_average()}", flush=True)
        for path in (f"/learn/{course_slug}/{lesson_slug}", "/"):
            load(path, args.duration)
        print(
            f"after the lesson page and dashboard: largest worker RSS "
            f"{largest_rss_mb(server.pid):.1f} MB (load {bench.load_average()})",
            flush=True,
        )
        load(DATE_PAGES[0], args.page_seconds)
        print(
            f"and {DATE_PAGES[0]}: {largest_rss_mb(server.pid):.1f} MB "
            f"(load {bench.load_average()})",
            flush=True,
        )
        for path in DATE_PAGES[1:]:
            load(path, args.page_seconds)
        print(
            f"and {', '.join(DATE_PAGES[1:])}: {largest_rss_mb(server.pid):.1f} MB "
            f"(load {bench.load_average()})",
            flush=True,
        )

        def support_page() -> None:
            load(f"/checkins/{checkin_id}/support", args.page_seconds)
            print(
                f"and the check-in support page: {largest_rss_mb(server.pid):.1f} MB "
                f"(load {bench.load_average()})",
                flush=True,
            )

        def large_number() -> None:
            add_unread_messages(str(workdir / "pathways.db"), 1200)
            load("/", args.page_seconds)
            print(
                f"and the dashboard with 1,200 unread messages: "
                f"{largest_rss_mb(server.pid):.1f} MB (load {bench.load_average()})",
                flush=True,
            )

        for step in (
            (large_number, support_page) if args.number_first else (support_page, large_number)
        ):
            step()
    finally:
        bench.stop(server)
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
