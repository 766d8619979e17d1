"""The largest Pathways worker's memory after the benchmark's pages, then after pages that
show dates (the account page's sign-ins, then certificates, goals, notifications, support).

Usage: .venv/bin/python bench/bench_worker_pages.py [--duration 5] [--page-seconds 3]

The same server as bench_throughput.py (production settings, SQLite, deploy/gunicorn.conf.py,
2 sync workers, signed in as learner1 of the demo), Pathways alone: compare the RSS with the
ceiling's from a bench_throughput.py run of the same sitting. `wrk -c8` on each page, so both
workers serve it.
"""

import argparse
import os
import secrets
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import bench_throughput as bench

DATE_PAGES = ["/account", "/certificates", "/goals", "/notifications", "/support"]


def largest_rss_mb(master: int) -> float:
    return max(bench.memory_kb(pid)["rss"] for pid in bench.workers(master)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per bench page")
    parser.add_argument("--page-seconds", type=int, default=3, help="seconds of wrk per date page")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pathways-pages-"))
    database_url = f"sqlite:///{workdir / 'pathways.db'}"
    env = dict(
        os.environ,
        LMS_SECRET_KEY=secrets.token_hex(32),
        LMS_BASE_URL="https://pathways.example.org",
        LMS_DATABASE_URL=database_url,
        LMS_EVIDENCE_DIR=str(workdir / "evidence"),
        FLASK_APP="app.py",
    )
    env.pop("LMS_TEST_DATABASE_URL", None)
    bench.prepare_pathways(env, workdir)
    course_slug, lesson_slug = bench.first_lesson(database_url)
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
        cookie = bench.sign_in(base, "learner1", bench.DEMO_PASSWORD)

        def load(path: str, seconds: int) -> None:
            url = base + path
            req = urllib.request.Request(url, headers={"Cookie": cookie})
            with urllib.request.urlopen(req, timeout=10) as response:
                if response.status != 200 or response.url != url:
                    raise SystemExit(f"{path}: {response.status} at {response.url}")
            subprocess.run(
                ["wrk", "-t1", "-c8", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],
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
    finally:
        bench.stop(server)
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
